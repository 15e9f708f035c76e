import { useState } from 'react';
import { Card, Col, DatePicker, Empty, Flex, List, Progress, Row, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FiguresView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { pct, SD, useServicedeskLive } from './servicedesk.api';

type GroupBy = 'month' | 'team' | 'category' | 'community';

/** On-time rates per stage, first-visit fixes, satisfaction, backlog and repeated buildings. */
export default function FiguresPage() {
  const { t } = useI18n();
  const [groupBy, setGroupBy] = useState<GroupBy>('month');
  const [kind, setKind] = useState('');
  const [range, setRange] = useState<[string, string] | null>(null);
  const q = useQuery({
    queryKey: ['sd', 'figures', groupBy, kind, range],
    queryFn: () => api.get<FiguresView>(`${SD}/figures`, { groupBy, kind: kind || undefined, from: range?.[0], to: range?.[1] }),
    placeholderData: keepPreviousData,
  });
  useServicedeskLive([['sd', 'figures']]);
  const f = q.data;
  const tile = (key: string, value: number | null, suffix?: string) => (
    <Card size="small" data-testid={`figure-${key}`}>
      <Statistic title={t(`sd.figures.${key}`)} value={value == null ? '—' : suffix ? value : pct(value)} suffix={value != null ? suffix : undefined} />
    </Card>
  );
  const maxBacklog = Math.max(1, ...(f?.backlogByAge.map((b) => b.count) ?? [1]));
  return (
    <>
      <PageHeader
        title={t('sd.figures.title')}
        subtitle={f ? `${t('sd.figures.subtitle')} · ${f.from} — ${f.to}` : t('sd.figures.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <DatePicker.RangePicker onChange={(v) => setRange(v && v[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : null)} value={range ? [dayjs(range[0]), dayjs(range[1])] : null} />
            <Segmented value={kind} onChange={(v) => setKind(String(v))} options={[{ value: '', label: t('sd.list.all') }, ...(['repair', 'complaint'] as const).map((k) => ({ value: k, label: t(`sd.kind.${k}`) }))]} />
          </Flex>
        }
      />
      {q.error ? <QueryError error={q.error} /> : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6} xl={3}>{tile('orders', f?.totals.orders ?? null, ' ')}</Col>
        <Col xs={12} md={6} xl={3}>{tile('acceptOnTime', f?.totals.acceptOnTime ?? null)}</Col>
        <Col xs={12} md={6} xl={3}>{tile('arriveOnTime', f?.totals.arriveOnTime ?? null)}</Col>
        <Col xs={12} md={6} xl={3}>{tile('resolveOnTime', f?.totals.resolveOnTime ?? null)}</Col>
        <Col xs={12} md={6} xl={3}>{tile('firstVisitFix', f?.totals.firstVisitFix ?? null)}</Col>
        <Col xs={12} md={6} xl={3}>{tile('satisfaction', f?.totals.satisfaction ?? null, '/ 5')}</Col>
        <Col xs={12} md={6} xl={3}>{tile('rated', f?.totals.rated ?? null, ' ')}</Col>
        <Col xs={12} md={6} xl={3}>{tile('open', f?.totals.open ?? null, ' ')}</Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            title={<Segmented value={groupBy} onChange={(v) => setGroupBy(v as GroupBy)} options={(['month', 'team', 'category', 'community'] as const).map((g) => ({ value: g, label: t(`sd.figures.by.${g}`) }))} data-testid="figures-groupby" />}
            style={{ marginBottom: 16 }}
          >
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              loading={q.isFetching && !f}
              dataSource={f?.rows ?? []}
              data-testid="figures-table"
              columns={[
                { title: t(`sd.figures.by.${groupBy}`), dataIndex: 'label' },
                { title: t('sd.figures.orders'), dataIndex: 'orders', align: 'right' },
                ...(['acceptOnTime', 'arriveOnTime', 'resolveOnTime', 'firstVisitFix'] as const).map((k) => ({ title: t(`sd.figures.${k}`), dataIndex: k, align: 'right' as const, render: (v: number | null) => pct(v) })),
                { title: t('sd.figures.satisfaction'), dataIndex: 'satisfaction', align: 'right', render: (v: number | null) => (v == null ? '—' : v.toFixed(2)) },
                { title: t('sd.figures.open'), dataIndex: 'open', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('sd.figures.backlog')} style={{ marginBottom: 16 }} data-testid="figures-backlog">
            {(f?.backlogByAge ?? []).map((b) => (
              <Flex key={b.bucket} align="center" gap={8}>
                <span style={{ width: 72 }}>{t(`sd.figures.bucket.${b.bucket}`)}</span>
                <Progress percent={(b.count / maxBacklog) * 100} showInfo={false} strokeColor={b.bucket === 'gt7d' ? '#cf1322' : b.bucket === '3to7d' ? '#d48806' : '#1668dc'} style={{ flex: 1, margin: 0 }} />
                <span style={{ width: 40, textAlign: 'right' }}>{b.count}</span>
              </Flex>
            ))}
          </Card>
          <Card title={t('sd.figures.repeated')} data-testid="figures-repeated">
            {f?.repeatedBuildings.length ? (
              <List
                size="small"
                dataSource={f.repeatedBuildings}
                renderItem={(b) => (
                  <List.Item extra={<Tag color="volcano">{t('sd.figures.buildingOrders', { n: b.orders })}</Tag>}>
                    <Flex vertical>
                      <Typography.Text>{b.label}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.categories.join('、')}</Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
