import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Input, Modal, Popconfirm, Segmented, Select, Statistic, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs, fmtDateTime } from '../../platform/time';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { RankingChart } from '../../platform/ui/charts/Chart';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { hm, useVolunteersLive, volApi, type HoursEntryView } from './volunteers.api';

const STATUS_COLORS: Record<HoursEntryView['status'], string> = { pending: 'orange', confirmed: 'green', rejected: 'default' };
type By = 'person' | 'team' | 'unit' | 'month';

/** The ledger's entries: pending ones to confirm (a second person), confirmed ones to correct by a reversing entry; each names its evidence. */
function Entries({ communityId }: { communityId?: number }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const [reversing, setReversing] = useState<HoursEntryView | null>(null);
  const [reason, setReason] = useState('');
  const q = useQuery({
    queryKey: ['vol', 'hours', status, communityId],
    queryFn: () => volApi.hours({ status, communityId }),
    placeholderData: keepPreviousData,
  });
  const onError = (e: unknown) => message.error(errorText(e, lang));
  const decide = useMutation({
    mutationFn: ({ e, reject }: { e: HoursEntryView; reject: boolean }) => volApi.decideHours(e.id, reject, null),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['vol'] }),
    onError,
  });
  const reverse = useMutation({
    mutationFn: () => volApi.reverseHours(reversing!.id, reason.trim()),
    onSuccess: () => {
      setReversing(null);
      setReason('');
      message.success(t('vol.hours.reversed'));
      void qc.invalidateQueries({ queryKey: ['vol'] });
    },
    onError,
  });
  return (
    <>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as 'pending' | 'all')}
        options={[
          { value: 'pending', label: t('vol.hours.toConfirm') },
          { value: 'all', label: t('vol.hours.all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <DataTable<HoursEntryView>
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        data-testid="hours-table"
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('vol.people.name'), dataIndex: 'volunteerName' },
          {
            title: t('vol.hours.source'),
            key: 'source',
            render: (_, e) => (
              <span>
                {t(`vol.source.${e.source}`)} <Typography.Text type="secondary">#{e.sourceId}</Typography.Text>
                {e.elderCare ? (
                  <Tag color="gold" style={{ marginInlineStart: 6 }}>
                    {t('vol.need.elderCare')}
                  </Tag>
                ) : null}
              </span>
            ),
          },
          { title: t('vol.hours.servedAt'), dataIndex: 'servedAt', render: (v: string) => fmtDateTime(v) },
          {
            title: t('vol.activity.minutes'),
            dataIndex: 'minutes',
            render: (m: number) => <Typography.Text type={m < 0 ? 'danger' : undefined}>{hm(m, t)}</Typography.Text>,
          },
          {
            title: t('vol.activity.status'),
            key: 'status',
            render: (_, e) => (
              <Flex vertical>
                <Tag color={STATUS_COLORS[e.status]}>{t(`vol.entryStatus.${e.status}`)}</Tag>
                {e.reversesId ? <Typography.Text type="secondary">{t('vol.hours.reverses', { id: e.reversesId })}</Typography.Text> : null}
                {e.reversedById ? <Typography.Text type="secondary">{t('vol.hours.reversedBy', { id: e.reversedById })}</Typography.Text> : null}
              </Flex>
            ),
          },
          { title: t('vol.hours.verifiedBy'), key: 'by', render: (_, e) => (e.verifiedByName ? `${e.verifiedByName} ${fmtDateTime(e.verifiedAt)}` : '—') },
          {
            title: t('common.actions'),
            key: 'act',
            render: (_, e) => (
              <Flex gap={4} wrap>
                {e.actions.includes('confirm') ? (
                  <Button size="small" type="primary" onClick={() => decide.mutate({ e, reject: false })} data-testid={`hours-confirm-${e.id}`}>
                    {t('vol.hours.confirm')}
                  </Button>
                ) : null}
                {e.actions.includes('reject') ? (
                  <Popconfirm title={t('vol.hours.rejectTitle')} onConfirm={() => decide.mutate({ e, reject: true })}>
                    <Button size="small" danger>
                      {t('vol.hours.reject')}
                    </Button>
                  </Popconfirm>
                ) : null}
                {e.actions.includes('reverse') ? (
                  <Button size="small" onClick={() => setReversing(e)}>
                    {t('vol.hours.reverse')}
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      <Modal
        open={!!reversing}
        title={t('vol.hours.reverseTitle', { id: reversing?.id ?? '' })}
        onCancel={() => setReversing(null)}
        onOk={() => reverse.mutate()}
        okButtonProps={{ disabled: reason.trim().length < 2, danger: true }}
        confirmLoading={reverse.isPending}
      >
        <Typography.Paragraph>{t('vol.hours.reverseHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={2}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t('vol.hours.reason')}
          placeholder={t('vol.hours.reason')}
        />
      </Modal>
    </>
  );
}

/** Statements: confirmed minutes per person, team, unit or month over a period, ranked. */
function Statement({ communityId }: { communityId?: number }) {
  const { t } = useI18n();
  const [by, setBy] = useState<By>('person');
  const [range, setRange] = useState<[string, string]>(() => [dayjs().startOf('year').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);
  const query = { by, from: range[0], to: range[1], communityId };
  const q = useQuery({ queryKey: ['vol', 'statement', query], queryFn: () => volApi.statement(query), placeholderData: keepPreviousData });
  const rows = q.data?.rows ?? [];
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select<By>
          value={by}
          onChange={setBy}
          aria-label={t('vol.hours.by')}
          style={{ width: 140 }}
          options={(['person', 'team', 'unit', 'month'] as const).map((x) => ({ value: x, label: t(`vol.hours.by_${x}`) }))}
        />
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        />
      </Flex>
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Flex gap={16} wrap align="start">
        <Card size="small" style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Statistic title={t('vol.hours.total')} value={hm(q.data?.totalMinutes ?? 0, t)} />
          {rows.length ? (
            <RankingChart
              label={t('vol.hours.ranking')}
              items={rows.map((r) => ({ label: r.label, value: Math.round((r.minutes / 60) * 10) / 10 }))}
              unit="h"
              testId="statement-chart"
            />
          ) : null}
        </Card>
        <div style={{ flex: '2 1 420px', minWidth: 0 }}>
          <DataTable
            rowKey="key"
            loading={q.isPending}
            dataSource={rows}
            data-testid="statement-table"
            columns={[
              { title: t(`vol.hours.by_${by}`), dataIndex: 'label' },
              { title: t('vol.hours.confirmed'), dataIndex: 'minutes', render: (m: number) => hm(m, t), sorter: (a, b) => a.minutes - b.minutes },
              { title: t('vol.hours.entries'), dataIndex: 'entries' },
              { title: t('vol.hours.people'), dataIndex: 'people' },
            ]}
          />
        </div>
      </Flex>
    </>
  );
}

/** The hours ledger (服务时长): append-only, pending until a second person confirms, corrected only by reversing entries; statements. */
export default function HoursPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'statement' ? 'statement' : 'entries';
  const communityId = Number(params.get('communityId')) || undefined;
  useVolunteersLive();
  return (
    <>
      <PageHeader
        title={t('vol.hours.title')}
        subtitle={t('vol.hours.subtitle')}
        extra={
          <PlaceSelect
            type="community"
            value={communityId ?? null}
            onChange={(id) => {
              const p = new URLSearchParams(params);
              if (id) p.set('communityId', String(id));
              else p.delete('communityId');
              setParams(p, { replace: true });
            }}
            placeholder={t('vol.filter.community')}
          />
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const p = new URLSearchParams(params);
          if (k === 'statement') p.set('tab', k);
          else p.delete('tab');
          setParams(p, { replace: true });
        }}
        items={[
          { key: 'entries', label: t('vol.hours.entriesTab') },
          { key: 'statement', label: t('vol.hours.statementTab') },
        ]}
      />
      {tab === 'entries' ? <Entries communityId={communityId} /> : <Statement communityId={communityId} />}
    </>
  );
}
