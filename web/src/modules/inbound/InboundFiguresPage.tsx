import { useState } from 'react';
import { Card, DatePicker, Flex, Radio, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { FigureRow } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { todayLocal } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { inboundApi } from './inbound.api';

/** The loop's figures per day, employer or community, computed by the server from the requests. */
export default function InboundFiguresPage() {
  const { t } = useI18n();
  const [range, setRange] = useState(() => [todayLocal().subtract(6, 'day'), todayLocal()] as const);
  const [by, setBy] = useState<'day' | 'employer' | 'community'>('day');
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const q = useQuery({ queryKey: ['inbound', 'figures', from, to, by], queryFn: () => inboundApi.figures(from, to, by) });
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const mins = (v: number | null) => (v === null ? '—' : t('inbound.figures.minutes', { n: v }));
  return (
    <>
      <PageHeader title={t('inbound.figures.title')} subtitle={t('inbound.figures.subtitle')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker value={[range[0], range[1]]} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
          <Radio.Group optionType="button" value={by} onChange={(e) => setBy(e.target.value)} options={(['day', 'employer', 'community'] as const).map((k) => ({ value: k, label: t(`inbound.figures.by.${k}`) }))} />
        </Flex>
        {q.error ? <QueryError error={q.error} /> : null}
        <Table<FigureRow>
          rowKey="key"
          size="small"
          loading={q.isFetching}
          dataSource={q.data?.rows ?? []}
          pagination={false}
          data-testid="figures-table"
          columns={[
            { title: t(`inbound.figures.by.${by}`), dataIndex: 'label' },
            { title: t('inbound.figures.submitted'), dataIndex: 'submitted', align: 'right' },
            { title: t('inbound.figures.approved'), dataIndex: 'approved', align: 'right' },
            { title: t('inbound.figures.rejected'), dataIndex: 'rejected', align: 'right' },
            { title: t('inbound.figures.median'), dataIndex: 'medianMinutes', align: 'right', render: mins },
            { title: t('inbound.figures.p90'), dataIndex: 'p90Minutes', align: 'right', render: mins },
            { title: t('inbound.figures.withinHour'), dataIndex: 'withinHourShare', align: 'right', render: pct },
          ]}
          summary={() =>
            q.data ? (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{t('inbound.figures.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{q.data.total.submitted}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{q.data.total.approved}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{q.data.total.rejected}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{mins(q.data.total.medianMinutes)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{mins(q.data.total.p90Minutes)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">{pct(q.data.total.withinHourShare)}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
