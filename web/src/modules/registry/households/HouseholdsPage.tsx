import { useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Typography } from 'antd';
import { DataTable } from '../../../platform/ui/DataTable';
import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { HouseholdSummary } from '@jiayuan/contracts';
import { api, apiUrl } from '../../../platform/api/client';
import { errorText } from '../../../platform/api/problem';
import { useMe } from '../../../platform/auth/me';
import { useI18n } from '../../../platform/i18n/i18n';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { QueryError } from '../../../platform/ui/QueryError';
import { PlaceSelect } from '../../../platform/places/PlaceSelect';
import { HouseholdCreateModal } from './HouseholdCreateModal';

interface Page {
  items: HouseholdSummary[];
  total: number;
}

/** 住户: households by place or head's name, with their size; a row opens its residents. */
export default function HouseholdsPage() {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const placeId = params.get('placeId') ? Number(params.get('placeId')) : undefined;
  const qText = params.get('q') ?? '';
  const [text, setText] = useState(qText);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const q = useQuery({
    queryKey: ['households', 'list', placeId, qText, page, pageSize],
    queryFn: () => api.get<Page>('/households', { placeId, q: qText, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const del = useMutation({
    mutationFn: (id: number) => api.delete(`/households/${id}`),
    onSuccess: () => {
      message.success(t('households.deleted'));
      void qc.invalidateQueries({ queryKey: ['households'] });
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  const set = (k: string, v: string | number | null | undefined, extra: Record<string, string | undefined> = {}) => {
    const next = new URLSearchParams(params);
    for (const [key, val] of Object.entries({ [k]: v, ...extra })) {
      if (val === undefined || val === null || val === '') next.delete(key);
      else next.set(key, String(val));
    }
    setPage(1);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('households.title')}
        subtitle={t('households.subtitle')}
        extra={
          <Flex gap={8}>
            {can('resident.export') ? (
              <a href={apiUrl('/households/export.xlsx', { placeId, q: qText })} download data-testid="households-export">
                <Button icon={<DownloadOutlined />}>{t('households.export')}</Button>
              </a>
            ) : null}
            {can('household.manage') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="household-new">
                {t('households.new')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <PlaceSelect
            value={placeId ?? null}
            initialLabel={params.get('placeLabel')}
            onChange={(id, hit) => set('placeId', id, { placeLabel: hit?.label })}
            style={{ width: 320 }}
          />
          <Input.Search
            allowClear
            placeholder={t('households.searchPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set('q', v.trim())}
            style={{ width: 260 }}
          />
        </Flex>
      </Card>
      <Card>
        {q.error ? <QueryError error={q.error} /> : null}
        <DataTable<HouseholdSummary>
          rowKey="id"
          data-testid="households-table"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('households.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('common.totalN', { n }),
          }}
          columns={[
            { title: t('households.dwelling'), dataIndex: 'dwellingLabel', render: (v: string, r) => <Link to={`/registry/${r.dwellingId}`}>{v}</Link> },
            {
              title: t('households.head'),
              dataIndex: 'headName',
              render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('households.noHead')}</Typography.Text>,
            },
            {
              title: t('households.members'),
              dataIndex: 'members',
              align: 'right',
              render: (v: number, r) => (
                <Link to={`/residents?placeId=${r.dwellingId}&placeLabel=${encodeURIComponent(r.dwellingLabel)}`}>{t('households.membersN', { n: v })}</Link>
              ),
            },
            { title: t('residents.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
            // Only where some row can be acted on: a column of nothing is noise.
            ...(q.data?.items.some((r) => r.actions.includes('delete'))
              ? [
                  {
                    title: t('common.actions'),
                    width: 100,
                    render: (_: unknown, r: HouseholdSummary) =>
                      r.actions.includes('delete') ? (
                        <Popconfirm title={t('households.deleteConfirm')} onConfirm={() => del.mutate(r.id)} okButtonProps={{ danger: true }}>
                          <Button
                            size="small"
                            danger
                            type="text"
                            icon={<DeleteOutlined />}
                            aria-label={t('common.delete')}
                            data-testid={`household-delete-${r.id}`}
                          />
                        </Popconfirm>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {creating ? (
        <HouseholdCreateModal
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void qc.invalidateQueries({ queryKey: ['households'] });
          }}
        />
      ) : null}
    </>
  );
}
