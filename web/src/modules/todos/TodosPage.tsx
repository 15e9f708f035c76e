import { useState } from 'react';
import { App, Badge, Button, Card, Checkbox, Col, Collapse, Empty, Flex, List, Popconfirm, Row, Select, Statistic, Tabs, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, ClockCircleOutlined, ExclamationCircleOutlined, InboxOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ObligationView, TodoGroup } from '@jiayuan/contracts';
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
const STATES: readonly State[] = ['open', 'overdue', 'today', 'done'];
const PAGE = 10;
interface TodoPage {
  items: ObligationView[];
  total: number;
  page: number;
  pageSize: number;
  counts: { open: number; overdue: number; dueToday: number };
  groups: TodoGroup[];
}

const fetchTodos = (state: State, kind: string | undefined, page: number, pageSize: number) => api.get<TodoPage>('/todos', { state, kind, page, pageSize });

/** Ticks off to-dos (one, some, or a whole group due by tonight) and refreshes every list of them. */
function useComplete() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const after = (n: number) => {
    message.success(n === 1 ? t('todos.ticked') : t('todos.tickedMany', { n }));
    void qc.invalidateQueries({ queryKey: ['todos'] });
  };
  const one = useMutation({
    mutationFn: (id: number) => api.post<ObligationView>(`/todos/${id}/done`),
    onSuccess: () => after(1),
    onError: (err) => message.error(errorText(err, lang)),
  });
  const many = useMutation({
    mutationFn: (body: { ids: number[] } | { kind: string }) => api.post<{ done: number }>('/todos/done', body),
    onSuccess: (r) => after(r.done),
    onError: (err) => message.error(errorText(err, lang)),
  });
  return { one, many };
}

/**
 * The button of a row: it does the thing. A recurring duty is ticked off here; a workflow's
 * to-do (a review, an order's stage) opens the exact page where its step is taken.
 */
function RowAction({ o, complete }: { o: ObligationView; complete: ReturnType<typeof useComplete>['one'] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (o.doneAt) return <Typography.Text type="secondary">{fmtDateTime(o.doneAt)}</Typography.Text>;
  if (o.actions.includes('complete')) {
    return (
      <Button
        size="small"
        type="primary"
        ghost
        icon={<CheckOutlined />}
        loading={complete.isPending && complete.variables === o.id}
        onClick={() => complete.mutate(o.id)}
        data-testid="todo-complete"
      >
        {t('todos.complete')}
      </Button>
    );
  }
  if (!o.link) return null;
  return (
    <Button size="small" type="primary" onClick={() => void navigate(o.link!)} data-testid="todo-open">
      {t('todos.handle')} <RightOutlined />
    </Button>
  );
}

/** One group's to-dos, a page at a time; recurring duties can be picked and ticked off together. */
function GroupList({ group, state }: { group: TodoGroup; state: State }) {
  const { t, pick } = useI18n();
  const now = useNow(30000);
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<number[]>([]);
  const { one, many } = useComplete();
  const q = useQuery({
    queryKey: ['todos', 'group', state, group.kind, page],
    queryFn: () => fetchTodos(state, group.kind, page, PAGE),
    placeholderData: keepPreviousData,
  });
  const items = q.data?.items ?? [];
  const pickable = items.filter((o) => o.actions.includes('complete'));
  const toggle = (id: number, on: boolean) => setPicked((p) => (on ? [...p, id] : p.filter((x) => x !== id)));
  return (
    <Flex vertical gap={8} data-testid={`todo-group-list-${group.kind}`}>
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {pickable.length > 0 ? (
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Checkbox
            checked={pickable.every((o) => picked.includes(o.id))}
            indeterminate={picked.length > 0 && !pickable.every((o) => picked.includes(o.id))}
            onChange={(e) => setPicked(e.target.checked ? pickable.map((o) => o.id) : [])}
          >
            {t('todos.pickPage')}
          </Checkbox>
          <Button
            size="small"
            icon={<CheckOutlined />}
            disabled={picked.length === 0}
            loading={many.isPending}
            onClick={() => many.mutate({ ids: picked }, { onSuccess: () => setPicked([]) })}
            data-testid="todo-complete-picked"
          >
            {t('todos.completePicked', { n: picked.length })}
          </Button>
        </Flex>
      ) : null}
      <List<ObligationView>
        size="small"
        loading={q.isFetching && !q.data}
        dataSource={items}
        locale={{ emptyText: t(state === 'done' ? 'todos.emptyDone' : 'todos.empty') }}
        pagination={
          (q.data?.total ?? 0) > PAGE
            ? {
                current: page,
                pageSize: PAGE,
                total: q.data?.total ?? 0,
                onChange: (p) => {
                  setPage(p);
                  setPicked([]);
                },
                showSizeChanger: false,
                size: 'small',
              }
            : false
        }
        renderItem={(o) => (
          <List.Item className={o.overdue ? 'jy-row-overdue' : ''} data-testid="todo-row" data-kind={o.kind} style={{ paddingInline: 8 }}>
            <Flex gap={8} align="flex-start" style={{ width: '100%' }} wrap>
              {o.actions.includes('complete') ? (
                <Checkbox
                  checked={picked.includes(o.id)}
                  onChange={(e) => toggle(o.id, e.target.checked)}
                  aria-label={pick(o.title)}
                  style={{ marginTop: 2 }}
                />
              ) : null}
              <Flex vertical style={{ flex: '1 1 200px', minWidth: 0 }}>
                <Typography.Text strong>
                  {o.link ? <Link to={o.link}>{pick(o.title)}</Link> : pick(o.title)}
                  {o.escalatedAt ? (
                    <Tag color="red" style={{ marginInlineStart: 8 }}>
                      {t('todos.escalated')}
                    </Tag>
                  ) : null}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {[o.placeLabel, `${t('todos.col.due')} ${fmtDateTime(o.dueAt)}`].filter(Boolean).join(' · ')}
                </Typography.Text>
                {!o.doneAt ? <RelativeDue dueAt={o.dueAt} now={now} /> : null}
                {o.provisional ? (
                  <Tooltip title={t('todos.provisionalHint')}>
                    <Tag color="orange" style={{ alignSelf: 'flex-start' }} data-testid="todo-provisional">
                      {t('todos.provisional')}
                    </Tag>
                  </Tooltip>
                ) : null}
              </Flex>
              <RowAction o={o} complete={one} />
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}

/** A group's heading: its name, how many, how many late, and "complete all due by tonight" where that makes sense. */
function GroupHeader({ group, state }: { group: TodoGroup; state: State }) {
  const { t, pick } = useI18n();
  const { many } = useComplete();
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ width: '100%' }} data-testid={`todo-group-${group.kind}`} data-count={group.count}>
      <Flex align="center" gap={8} wrap>
        <Typography.Text strong>{pick(group.label)}</Typography.Text>
        <Badge count={group.count} overflowCount={9999} color="#1668dc" data-testid="todo-group-count" />
        {group.overdue > 0 && state !== 'done' ? <Tag color="red">{t('todos.groupOverdue', { n: group.overdue })}</Tag> : null}
      </Flex>
      {state !== 'done' && group.manualDueByToday > 0 ? (
        <span onClick={(e) => e.stopPropagation()}>
          <Popconfirm
            title={t('todos.completeGroupConfirm', { n: group.manualDueByToday, what: pick(group.label) })}
            onConfirm={() => many.mutate({ kind: group.kind })}
            okText={t('todos.complete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'todo-complete-group-ok' } as Record<`data-${string}`, string>}
          >
            <Button size="small" icon={<CheckOutlined />} loading={many.isPending} data-testid="todo-complete-group">
              {t('todos.completeGroup', { n: group.manualDueByToday })}
            </Button>
          </Popconfirm>
        </span>
      ) : null}
    </Flex>
  );
}

/** My to-dos: counts, state tabs, then one group per kind with its count (filterable by kind), each row's button doing its step. */
export function TodosPage() {
  const { t, pick } = useI18n();
  const me = useSignedIn();
  const [params, setParams] = useSearchParams();
  const state: State = STATES.includes(params.get('state') as State) ? (params.get('state') as State) : 'open';
  const kind = params.get('kind') ?? undefined;
  const set = (next: { state?: State; kind?: string | undefined }) => {
    const p = new URLSearchParams(params);
    const s = next.state ?? state;
    const k = 'kind' in next ? next.kind : kind;
    if (s === 'open') p.delete('state');
    else p.set('state', s);
    if (k) p.set('kind', k);
    else p.delete('kind');
    setParams(p, { replace: true });
  };
  // The overview: counts and the groups (one row each), never the rows themselves.
  const q = useQuery({
    queryKey: ['todos', 'overview', state],
    queryFn: () => fetchTodos(state, undefined, 1, 1),
    placeholderData: keepPreviousData,
    refetchInterval: 60000,
  });
  const counts = q.data?.counts ?? { open: 0, overdue: 0, dueToday: 0 };
  const groups = q.data?.groups ?? [];
  const shown = kind ? groups.filter((g) => g.kind === kind) : groups;

  const card = (key: State, title: string, value: number, color: string, icon: React.ReactNode) => (
    <Card
      size="small"
      hoverable
      onClick={() => set({ state: key, kind: undefined })}
      style={{ borderTop: `3px solid ${color}` }}
      data-testid={`todo-count-${key}`}
    >
      <Statistic title={title} value={value} styles={{ content: { color } }} prefix={icon} />
    </Card>
  );

  return (
    <>
      <PageHeader title={t('todos.title')} subtitle={t('todos.subtitle', { name: me.displayName })} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={8}>{card('overdue', t('todos.overdue'), counts.overdue, '#cf1322', <ExclamationCircleOutlined />)}</Col>
        <Col xs={8}>{card('today', t('todos.dueToday'), counts.dueToday, '#d48806', <ClockCircleOutlined />)}</Col>
        <Col xs={8}>{card('open', t('todos.open'), counts.open, '#1668dc', <InboxOutlined />)}</Col>
      </Row>
      <Card>
        <Tabs
          activeKey={state}
          onChange={(k) => set({ state: k as State })}
          items={STATES.map((k) => ({ key: k, label: <span data-testid={`todo-tab-${k}`}>{t(`todos.tab.${k}`)}</span> }))}
        />
        <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
          <label htmlFor="todo-kind-filter">{t('todos.kindFilter')}</label>
          <Select
            id="todo-kind-filter"
            style={{ flex: '1 1 160px', minWidth: 0, maxWidth: 420 }}
            value={kind ?? ''}
            onChange={(v) => set({ kind: v || undefined })}
            data-testid="todo-kind-filter"
            options={[
              { value: '', label: t('todos.allKinds', { n: groups.length }) },
              ...groups.map((g) => ({ value: g.kind, label: `${pick(g.label)}（${g.count}）` })),
            ]}
          />
        </Flex>
        {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
        {q.data && shown.length === 0 ? (
          <Empty description={t(state === 'done' ? 'todos.emptyDone' : 'todos.empty')} />
        ) : (
          <Collapse
            key={`${state}-${kind ?? ''}`}
            data-testid="todo-groups"
            defaultActiveKey={kind || shown.length === 1 ? shown.map((g) => g.kind) : []}
            items={shown.map((g) => ({ key: g.kind, label: <GroupHeader group={g} state={state} />, children: <GroupList group={g} state={state} /> }))}
          />
        )}
      </Card>
    </>
  );
}
