import { useState } from 'react';
import { Card, DatePicker, Flex, Select, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs, todayLocal } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { accessApi, type GateFigureRowView } from './access.api';

/** Figures per gate and day: entries, exits, refusals by reason, vehicles, visitors, fevers. */
export default function GateFiguresPage() {
  const { t } = useI18n();
  const [range, setRange] = useState<[string, string]>(() => [todayLocal().subtract(6, 'day').format('YYYY-MM-DD'), todayLocal().format('YYYY-MM-DD')]);
  const [gateId, setGateId] = useState<number | undefined>();
  const gates = useQuery({ queryKey: ['access', 'gates'], queryFn: accessApi.gates });
  const q = useQuery({ queryKey: ['access', 'figures', range, gateId], queryFn: () => accessApi.figures({ from: range[0], to: range[1], gateId }) });
  const num = (k: keyof GateFigureRowView, tone?: string) => ({
    title: t(`access.figures.${k}` as 'access.figures.entries'),
    dataIndex: k,
    align: 'right' as const,
    render: (n: number) => <span style={{ fontWeight: 600, color: tone && n > 0 ? tone : undefined }}>{n}</span>,
  });
  return (
    <>
      <PageHeader title={t('access.figures.title')} subtitle={t('access.figures.subtitle')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <DatePicker.RangePicker
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
            allowClear={false}
            data-testid="figures-range"
          />
          <Select
            allowClear
            style={{ minWidth: 220 }}
            placeholder={t('access.figures.allGates')}
            value={gateId}
            onChange={setGateId}
            options={(gates.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} · ${g.placeLabel}` }))}
          />
        </Flex>
        {q.error ? (
          <QueryError error={q.error} />
        ) : (
          <Table<GateFigureRowView>
            rowKey={(r) => `${r.gateId}-${r.day}`}
            loading={q.isPending}
            dataSource={q.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('access.figures.empty') }}
            data-testid="gate-figures"
            columns={[
              { title: t('access.figures.day'), dataIndex: 'day' },
              { title: t('access.figures.gate'), dataIndex: 'gateName' },
              num('entries'),
              num('exits'),
              num('refused', '#c4161c'),
              {
                title: t('access.figures.reasons'),
                dataIndex: 'refusals',
                render: (r: Record<string, number>) => Object.entries(r).map(([k, n]) => <Tag key={k} color="red">{`${t(`access.reason.${k}`)} ${n}`}</Tag>),
              },
              num('vehicles'),
              num('visitors'),
              num('fevers', '#c4161c'),
            ]}
          />
        )}
      </Card>
    </>
  );
}
