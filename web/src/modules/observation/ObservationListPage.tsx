import { useState } from 'react';
import { Badge, Button, Card, DatePicker, Flex, Input, Modal, Tabs, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { DownloadOutlined, MobileOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ObservationCaseSummary } from '@jiayuan/contracts';
import { apiUrl } from '../../platform/api/client';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { useLiveTopic } from '../../platform/live/live';
import { fmtDateTime, todayLocal } from '../../platform/time';
import { useDebounced } from '../../platform/ui/hooks';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { CASE_STATUS_COLORS, obsApi, obsKeys, tempTone } from './observation.api';

/** Everyone under observation in my scope: day N of M, last reading, checks due or missed, alerts. */
export default function ObservationListPage() {
  const { t, pick } = useI18n();
  const { can } = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const [page, setPage] = useState(1);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [exportOpen, setExportOpen] = useState(false);
  const [range, setRange] = useState(() => [todayLocal().subtract(13, 'day'), todayLocal()] as const);
  const list = useQuery({
    queryKey: obsKeys.list(status, page, q),
    queryFn: () => obsApi.list(status, page, q),
    placeholderData: keepPreviousData,
    refetchInterval: 60000,
  });
  useLiveTopic('observation', 'observation.changed', () => void qc.invalidateQueries({ queryKey: obsKeys.all }));
  return (
    <>
      <PageHeader
        title={t('observation.title')}
        subtitle={t('observation.subtitle')}
        extra={
          <>
            {can('observation.check') ? (
              <Button icon={<MobileOutlined />} onClick={() => navigate('/observation/today')} data-testid="obs-today">
                {t('observation.today.title')}
              </Button>
            ) : null}
            {can('observation.export') ? (
              <Button icon={<DownloadOutlined />} onClick={() => setExportOpen(true)} data-testid="obs-export">
                {t('observation.export')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        {/* The search beside the tabs, not in their bar: a tablist holds tabs only. */}
        <Flex gap={12} wrap align="center" justify="space-between">
          <Tabs
            style={{ flex: '1 1 320px', minWidth: 0 }}
            activeKey={status}
            onChange={(k) => {
              setParams({ status: k });
              setPage(1);
            }}
            items={(['open', 'release_proposed', 'released', 'all'] as const).map((k) => ({
              key: k,
              label: <span data-testid={`obs-tab-${k}`}>{t(`observation.tab.${k}`)}</span>,
            }))}
          />
          <Input.Search
            allowClear
            placeholder={t('observation.searchName')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 200, marginBottom: 16 }}
          />
        </Flex>
        {list.error ? <QueryError error={list.error} /> : null}
        <DataTable<ObservationCaseSummary>
          rowKey="id"
          data-testid="obs-table"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: t('observation.empty') }}
          columns={[
            {
              title: t('observation.person'),
              render: (_, c) => (
                <Link to={`/observation/cases/${c.id}`} data-testid={`obs-open-${c.id}`}>
                  <Typography.Text strong>{c.name}</Typography.Text>
                </Link>
              ),
            },
            { title: t('observation.kindLabel'), render: (_, c) => <Tag>{t(`observation.kind.${c.kind}`)}</Tag> },
            { title: t('observation.place'), dataIndex: 'placeLabel' },
            {
              title: t('observation.period'),
              render: (_, c) => (
                <span title={pick(c.planText)}>
                  {c.dayNo === 0 ? t('observation.arrivalDay', { total: c.plan.days }) : t('observation.dayOf', { n: c.dayNo, total: c.plan.days })} ·{' '}
                  {c.plannedEndOn}
                </span>
              ),
            },
            {
              title: t('observation.lastReading'),
              render: (_, c) =>
                c.lastReading ? (
                  <span style={{ color: tempTone(c.lastReading.temperature, c.lastReading.alert), fontWeight: 600 }} title={fmtDateTime(c.lastReading.takenAt)}>
                    {c.lastReading.temperature ?? '—'}°C {c.lastReading.symptoms.length ? '⚠' : ''}
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: t('observation.checks'),
              render: (_, c) => (
                <Flex gap={6}>
                  {c.dueSlots ? <Tag color="orange">{t('observation.dueN', { n: c.dueSlots })}</Tag> : null}
                  {c.missedSlots ? <Tag color="red">{t('observation.missedN', { n: c.missedSlots })}</Tag> : null}
                  {c.openAlerts ? <Badge count={c.openAlerts} title={t('observation.alerts')} /> : null}
                </Flex>
              ),
            },
            { title: t('observation.statusLabel'), render: (_, c) => <Tag color={CASE_STATUS_COLORS[c.status]}>{t(`observation.status.${c.status}`)}</Tag> },
          ]}
        />
      </Card>
      <Modal
        open={exportOpen}
        title={t('observation.exportTitle')}
        onCancel={() => setExportOpen(false)}
        onOk={() => {
          window.location.href = apiUrl('/observation/export.xlsx', { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
          setExportOpen(false);
        }}
      >
        <Typography.Paragraph>{t('observation.exportHint')}</Typography.Paragraph>
        <DatePicker.RangePicker value={[range[0], range[1]]} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
      </Modal>
    </>
  );
}
