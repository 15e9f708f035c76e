import { useState } from 'react';
import { App, Button, Card, Col, Row, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, ClockCircleOutlined, ExclamationCircleOutlined, InboxOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ObligationView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { useSignedIn } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { useNow } from '../../platform/ui/hooks';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { RelativeDue } from '../../platform/ui/RelativeDue';

type State = 'open' | 'overdue' | 'today' | 'done';
interface TodoPage {
  items: ObligationView[];
  total: number;
  page: number;
  pageSize: number;
  counts: { open: number; overdue: number; dueToday: number };
}

/** My to-dos: counts, filter tabs, soonest due first with a live countdown, tick-off. */
export function TodosPage() {
  const { t, lang, pick } = useI18n();
  const me = useSignedIn();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const now = useNow(30000);
  const [state, setState] = useState<State>('open');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['todos', state, page],
    queryFn: () => api.get<TodoPage>('/todos', { state, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
    refetchInterval: 60000,
  });
  const done = useMutation({
    mutationFn: (id: number) => api.post<ObligationView>(`/todos/${id}/done`),
    onSuccess: () => {
      message.success(t('todos.ticked'));
      void qc.invalidateQueries({ queryKey: ['todos'] });
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  const counts = q.data?.counts ?? { open: 0, overdue: 0, dueToday: 0 };

  const card = (key: State, title: string, value: number, color: string, icon: React.ReactNode) => (
    <Card hoverable onClick={() => { setState(key); setPage(1); }} style={{ borderTop: `3px solid ${color}` }} data-testid={`todo-count-${key}`}>
      <Statistic title={title} value={value} styles={{ content: { color } }} prefix={icon} />
    </Card>
  );

  return (
    <>
      <PageHeader title={t('todos.title')} subtitle={t('todos.subtitle', { name: me.displayName })} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>{card('overdue', t('todos.overdue'), counts.overdue, '#cf1322', <ExclamationCircleOutlined />)}</Col>
        <Col xs={24} md={8}>{card('today', t('todos.dueToday'), counts.dueToday, '#d48806', <ClockCircleOutlined />)}</Col>
        <Col xs={24} md={8}>{card('open', t('todos.open'), counts.open, '#1668dc', <InboxOutlined />)}</Col>
      </Row>
      <Card>
        <Tabs
          activeKey={state}
          onChange={(k) => { setState(k as State); setPage(1); }}
          items={(['open', 'overdue', 'today', 'done'] as const).map((k) => ({ key: k, label: <span data-testid={`todo-tab-${k}`}>{t(`todos.tab.${k}`)}</span> }))}
        />
        {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
        <Table<ObligationView>
          rowKey="id"
          data-testid="todos-table"
          loading={q.isFetching && !q.data}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t(state === 'done' ? 'todos.emptyDone' : 'todos.empty') }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          rowClassName={(r) => (r.overdue ? 'jy-row-overdue' : '')}
          columns={[
            {
              title: t('todos.col.title'),
              render: (_, r) => (
                <>
                  <Typography.Text strong>{r.link ? <Link to={r.link}>{pick(r.title)}</Link> : pick(r.title)}</Typography.Text>
                  {r.escalatedAt ? <Tag color="red" style={{ marginInlineStart: 8 }}>{t('todos.escalated')}</Tag> : null}
                </>
              ),
            },
            { title: t('todos.col.place'), dataIndex: 'placeLabel', render: (v: string | null) => v ?? '—' },
            { title: t('todos.col.responsible'), dataIndex: 'responsibleRole', render: (v: string | null) => (v ? t(`codes.role.${v}`) : t('todos.me')) },
            {
              title: t('todos.col.due'),
              dataIndex: 'dueAt',
              width: 160,
              render: (v: string, r) => (
                <>
                  {fmtDateTime(v)}
                  {r.provisional ? (
                    <Tooltip title={t('todos.provisionalHint')}>
                      <Tag color="orange" style={{ marginInlineStart: 4 }} data-testid="todo-provisional">{t('todos.provisional')}</Tag>
                    </Tooltip>
                  ) : null}
                </>
              ),
            },
            { title: t('todos.col.remaining'), render: (_, r) => <RelativeDue dueAt={r.dueAt} now={now} done={!!r.doneAt} />, width: 180 },
            {
              title: t('common.actions'),
              width: 120,
              render: (_, r) =>
                r.actions.includes('complete') ? (
                  <Button size="small" icon={<CheckOutlined />} loading={done.isPending && done.variables === r.id} onClick={() => done.mutate(r.id)} data-testid="todo-complete">
                    {t('todos.complete')}
                  </Button>
                ) : r.doneAt ? (
                  <Typography.Text type="secondary">{fmtDateTime(r.doneAt)}</Typography.Text>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
