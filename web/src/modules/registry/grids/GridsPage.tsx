import { useState } from 'react';
import { App, Button, Card, Popconfirm, Popover, Space, Tag, Typography } from 'antd';
import { DataTable } from '../../../platform/ui/DataTable';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Grid } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { errorText } from '../../../platform/api/problem';
import { useMe } from '../../../platform/auth/me';
import { useI18n } from '../../../platform/i18n/i18n';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { QueryError } from '../../../platform/ui/QueryError';
import { GridFormModal } from './GridFormModal';

/** 网格: each grid's community, grid worker, and buildings with their building heads. */
export default function GridsPage() {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Grid | 'new' | null>(null);
  const q = useQuery({ queryKey: ['grids'], queryFn: () => api.get<{ items: Grid[] }>('/grids').then((r) => r.items) });
  const del = useMutation({
    mutationFn: (id: number) => api.delete(`/grids/${id}`),
    onSuccess: () => {
      message.success(t('grids.deleted'));
      void qc.invalidateQueries({ queryKey: ['grids'] });
    },
    onError: (err) => message.error(errorText(err, lang)),
  });

  return (
    <>
      <PageHeader
        title={t('grids.title')}
        subtitle={t('grids.subtitle')}
        extra={
          can('place.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="grid-new">
              {t('grids.new')}
            </Button>
          ) : null
        }
      />
      <Card>
        {q.error ? <QueryError error={q.error} /> : null}
        <DataTable<Grid>
          rowKey="id"
          data-testid="grids-table"
          loading={q.isPending}
          dataSource={q.data ?? []}
          locale={{ emptyText: t('grids.empty') }}
          columns={[
            { title: t('grids.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: t('grids.community'), dataIndex: 'communityName', render: (v: string, r) => <Link to={`/registry/${r.communityId}`}>{v}</Link> },
            {
              title: t('grids.worker'),
              dataIndex: 'gridWorkerName',
              render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('grids.noWorker')}</Typography.Text>,
            },
            {
              title: t('grids.buildings'),
              dataIndex: 'buildings',
              // 15–20 buildings a grid: the row shows how many, the list (with building heads) on demand.
              render: (bs: Grid['buildings'], r) =>
                bs.length ? (
                  <Popover
                    trigger="click"
                    title={t('grids.buildingList', { name: r.name })}
                    content={
                      <Space size={[4, 4]} wrap style={{ maxWidth: 360 }} data-testid={`grid-buildings-${r.id}`}>
                        {bs.map((b) => (
                          <Tag key={b.id}>
                            <Link to={`/registry/${b.id}`}>{b.label}</Link>
                            {b.buildingHeadName ? ` · ${t('grids.head')}: ${b.buildingHeadName}` : ''}
                          </Tag>
                        ))}
                      </Space>
                    }
                  >
                    <Button size="small" data-testid={`grid-building-count-${r.id}`}>
                      {t('grids.buildingCount', { count: bs.length })}
                    </Button>
                  </Popover>
                ) : (
                  '—'
                ),
            },
            {
              title: t('common.actions'),
              width: 120,
              render: (_, r) => (
                <Space>
                  {r.actions.includes('update') ? (
                    <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('common.edit')} />
                  ) : null}
                  {r.actions.includes('delete') ? (
                    <Popconfirm title={t('grids.deleteConfirm', { name: r.name })} onConfirm={() => del.mutate(r.id)} okButtonProps={{ danger: true }}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing ? (
        <GridFormModal
          grid={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void qc.invalidateQueries({ queryKey: ['grids'] });
          }}
        />
      ) : null}
    </>
  );
}
