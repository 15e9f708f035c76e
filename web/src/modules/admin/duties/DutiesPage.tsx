import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { DataTable } from '../../../platform/ui/DataTable';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ObligationRuleView } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { minutesText } from '../../../platform/i18n/spans';
import { fmtDateTime } from '../../../platform/time';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { QueryError } from '../../../platform/ui/QueryError';
import { DutyFormDrawer } from './DutyFormDrawer';

/** 周期任务: recurring duties that put to-dos on people's lists ahead of time. */
export default function DutiesPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<ObligationRuleView | 'new' | null>(null);
  const q = useQuery({ queryKey: ['duties'], queryFn: () => api.get<{ items: ObligationRuleView[] }>('/obligation-rules').then((r) => r.items) });
  const del = useMutation({
    mutationFn: (id: number) => api.delete(`/obligation-rules/${id}`),
    onSuccess: () => {
      message.success(t('duties.deleted'));
      void qc.invalidateQueries({ queryKey: ['duties'] });
    },
    onError: (err) => message.error(errorText(err, lang)),
  });

  const schedule = (r: ObligationRuleView) => {
    const every = r.recurrence === 'every_n_days' ? t('duties.everyN', { count: r.interval }) : t(`codes.recurrence.${r.recurrence}`);
    const days = r.recurrence === 'weekly' && r.weekdays.length ? ` · ${r.weekdays.map((d) => t(`codes.weekday.${d}`)).join(t('common.sep'))}` : '';
    return `${every}${days} · ${r.times.join(', ')}`;
  };

  return (
    <>
      <PageHeader
        title={t('duties.title')}
        subtitle={t('duties.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="duty-new">
            {t('duties.new')}
          </Button>
        }
      />
      <Card>
        {q.error ? <QueryError error={q.error} /> : null}
        <DataTable<ObligationRuleView>
          rowKey="id"
          data-testid="duties-table"
          loading={q.isPending}
          dataSource={q.data ?? []}
          locale={{ emptyText: t('duties.empty') }}
          scroll={{ x: 1000 }}
          columns={[
            {
              title: t('duties.titleCol'),
              render: (_, r) => <Typography.Text strong>{pick(r.title)}</Typography.Text>,
            },
            {
              title: t('duties.place'),
              render: (_, r) => (
                <>
                  {r.placeLabel}
                  {r.targetType ? (
                    <Tag style={{ marginInlineStart: 6 }}>
                      {t('duties.eachOf', { type: r.targetType === 'household' ? t('duties.household') : t(`codes.placeType.${r.targetType}`) })}
                    </Tag>
                  ) : null}
                </>
              ),
            },
            { title: t('duties.responsible'), dataIndex: 'responsibleRole', render: (v: string) => <Tag color="blue">{t(`codes.role.${v}`)}</Tag> },
            { title: t('duties.schedule'), render: (_, r) => schedule(r) },
            {
              title: t('duties.escalate'),
              dataIndex: 'escalateAfterMinutes',
              render: (v: number | null) => (v == null ? '—' : t('duties.afterMin', { span: minutesText(t, v) })),
            },
            { title: t('duties.open'), dataIndex: 'openCount', align: 'right' },
            {
              title: t('users.status'),
              render: (_, r) => (r.active ? <Tag color="green">{t('duties.active')}</Tag> : <Tag>{t('duties.inactive')}</Tag>),
            },
            { title: t('duties.generatedUntil'), dataIndex: 'generatedUntil', render: (v: string | null) => (v ? fmtDateTime(v) : '—') },
            {
              title: t('common.actions'),
              width: 100,
              render: (_, r) => (
                <Space>
                  {r.actions.includes('update') ? (
                    <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('common.edit')} />
                  ) : null}
                  {r.actions.includes('delete') && r.active ? (
                    <Popconfirm title={t('duties.deleteConfirm')} onConfirm={() => del.mutate(r.id)} okButtonProps={{ danger: true }}>
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
        <DutyFormDrawer
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void qc.invalidateQueries({ queryKey: ['duties'] });
            void qc.invalidateQueries({ queryKey: ['todos'] });
          }}
        />
      ) : null}
    </>
  );
}
