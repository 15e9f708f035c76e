import { Button, Card, DatePicker, Flex, Select, Tag } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { GATE_EVENT_KINDS, GATE_REASONS, type GateEventKind, type GateEventView, type GateReason } from '@jiayuan/contracts';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTimeSec, todayLocal } from '../../platform/time';
import { useFiguresRange } from '../../platform/ui/charts/figures-range';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { accessApi } from './access.api';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 通行记录: the gate events behind a number of the gate figures — the figures' range, gate, day and
 * column, all kept in the address so a drill-down and the way back keep them. Names are masked and
 * no temperature is shown, only whether it was a fever.
 */
export default function GateEventsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const { range, setRange, picker } = useFiguresRange(() => [todayLocal().subtract(6, 'day').format('YYYY-MM-DD'), todayLocal().format('YYYY-MM-DD')]);
  const num = (k: string) => (params.get(k) && /^\d+$/.test(params.get(k)!) ? Number(params.get(k)) : undefined);
  const gateId = num('gateId');
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const dayParam = params.get('day');
  const day = dayParam && DAY.test(dayParam) && dayParam >= range[0] && dayParam <= range[1] ? dayParam : undefined;
  const kind = (GATE_EVENT_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as GateEventKind) : undefined;
  const reason = (GATE_REASONS as readonly string[]).includes(params.get('reason') ?? '') ? (params.get('reason') as GateReason) : undefined;
  const set = (changes: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') p.delete(k);
      else p.set(k, String(v));
    }
    if (!('page' in changes)) p.delete('page');
    setParams(p, { replace: true });
  };
  const gates = useQuery({ queryKey: ['access', 'gates'], queryFn: accessApi.gates });
  const q = useQuery({
    queryKey: ['access', 'events', range, gateId, day, kind, reason, page, pageSize],
    queryFn: () => accessApi.events({ from: range[0], to: range[1], gateId, day, kind, reason, page, pageSize }),
  });
  const figuresLink = `/access/figures?${new URLSearchParams({ from: range[0], to: range[1] }).toString()}`;
  return (
    <>
      <PageHeader
        title={t('access.events.title')}
        subtitle={`${t('access.events.subtitle')} · ${t('charts.range', { from: day ?? range[0], to: day ?? range[1] })}`}
        extra={
          <Link to={figuresLink}>
            <Button icon={<ArrowLeftOutlined />}>{t('access.events.back')}</Button>
          </Link>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <DatePicker.RangePicker
            value={picker}
            onChange={(v) => {
              if (!v?.[0] || !v[1]) return;
              set({ day: undefined });
              setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
            }}
            allowClear={false}
            aria-label={t('access.events.at')}
          />
          <Select
            allowClear
            style={{ minWidth: 0, flex: '1 1 180px', maxWidth: 320 }}
            placeholder={t('access.figures.allGates')}
            aria-label={t('access.figures.allGates')}
            value={gateId}
            onChange={(v?: number) => set({ gateId: v })}
            options={(gates.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} · ${g.placeLabel}` }))}
          />
          <Select
            allowClear
            style={{ minWidth: 0, flex: '1 1 160px', maxWidth: 260 }}
            placeholder={t('access.events.allKinds')}
            aria-label={t('access.events.allKinds')}
            value={reason ? `reason:${reason}` : kind}
            onChange={(v?: string) => (v?.startsWith('reason:') ? set({ kind: undefined, reason: v.slice(7) }) : set({ kind: v, reason: undefined }))}
            data-testid="events-kind"
            options={[
              ...GATE_EVENT_KINDS.map((k) => ({ value: k, label: t(`access.figures.${k}`) })),
              ...GATE_REASONS.map((r) => ({ value: `reason:${r}`, label: `${t('access.figures.refused')} · ${t(`access.reason.${r}`)}` })),
            ]}
          />
        </Flex>
        {q.error ? (
          <QueryError error={q.error} />
        ) : (
          <DataTable<GateEventView>
            rowKey={(e) => `${e.gateId}-${e.at}-${e.direction}-${e.subject}-${e.plate ?? ''}-${e.personName ?? ''}`}
            loading={q.isPending}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('access.events.empty') }}
            data-testid="gate-events"
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.totalN', { n }),
              onChange: (p, s) => set({ page: p, pageSize: s }),
            }}
            columns={[
              { title: t('access.events.at'), dataIndex: 'at', render: (v: string) => fmtDateTimeSec(v) },
              { title: t('access.events.gate'), dataIndex: 'gateName' },
              { title: t('access.events.direction'), dataIndex: 'direction', render: (d: 'in' | 'out') => t(`access.events.${d}`) },
              {
                title: t('access.events.who'),
                key: 'who',
                render: (_: unknown, e) => (
                  <Flex gap={4} wrap align="center">
                    <span>{e.plate ?? e.personName ?? '—'}</span>
                    {e.visitor ? <Tag>{t('access.events.visitor')}</Tag> : null}
                    {e.fever ? <Tag color="red">{t('access.events.fever')}</Tag> : null}
                  </Flex>
                ),
              },
              {
                title: t('access.events.verdict'),
                key: 'verdict',
                render: (_: unknown, e) =>
                  e.decision === 'refused' ? (
                    <Tag color="red">{e.reason ? t(`access.reason.${e.reason}`) : t('access.decision.refused')}</Tag>
                  ) : (
                    <Flex gap={4} wrap>
                      <Tag color="green">{t(`access.decision.${e.decision}`)}</Tag>
                      {e.reason ? <Tag color="orange">{t(`access.reason.${e.reason}`)}</Tag> : null}
                    </Flex>
                  ),
              },
              { title: t('access.events.recordedBy'), dataIndex: 'byDevice', render: (d: boolean) => t(d ? 'access.events.byDevice' : 'access.events.byUser') },
            ]}
          />
        )}
      </Card>
    </>
  );
}
