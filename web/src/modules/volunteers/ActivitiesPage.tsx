import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Drawer, Empty, Flex, Form, Input, InputNumber, Progress, Select, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs } from '../../platform/time';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { windowText } from './NeedBits';
import { THEMES, useVolunteersLive, volApi, type ActivityView, type ProgrammeView } from './volunteers.api';

interface NewActivity {
  title: string;
  placeId: number;
  venue?: string;
  theme?: (typeof THEMES)[number];
  window: [dayjs.Dayjs, dayjs.Dayjs];
  capacity: number;
  description?: string;
}

function NewActivityDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: NewActivity) =>
      volApi.createActivity({
        title: v.title.trim(),
        placeId: v.placeId,
        venue: v.venue?.trim() || null,
        theme: v.theme ?? null,
        startsAt: v.window[0].toISOString(),
        endsAt: v.window[1].toISOString(),
        capacity: v.capacity,
        description: v.description?.trim() || null,
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['vol'] });
      onClose();
    },
  });
  const start = dayjs().add(1, 'day').hour(9).minute(0).second(0);
  return (
    <Drawer open={open} onClose={onClose} title={t('vol.activities.new')} width={480} destroyOnHidden>
      <Form<NewActivity> layout="vertical" initialValues={{ capacity: 20, window: [start, start.add(2, 'hour')] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('vol.activities.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="placeId" label={t('vol.activities.area')} rules={[{ required: true }]}>
          <PlaceSelect placeholder={t('vol.activities.area')} />
        </Form.Item>
        <Form.Item name="venue" label={t('vol.activities.venue')}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="theme" label={t('vol.activity.theme')}>
          <Select allowClear options={THEMES.map((x) => ({ value: x, label: t(`vol.theme.${x}`) }))} />
        </Form.Item>
        <Form.Item name="window" label={t('vol.activities.when')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="capacity" label={t('vol.activity.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={2000} />
        </Form.Item>
        <Form.Item name="description" label={t('vol.activity.description')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        {save.error ? <Alert type="error" showIcon message={errorText(save.error, lang)} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" block loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Drawer>
  );
}

/** The programme: themes × areas × periods; each cell's activities held against those expected, the missing ones in red. */
function Programme({ p }: { p: ProgrammeView }) {
  const { t } = useI18n();
  const periods = [...new Set(p.cells.map((c) => `${c.periodStart}|${c.periodEnd}`))];
  const rows = [...new Map(p.cells.map((c) => [`${c.theme}|${c.placeId}`, c])).values()];
  return (
    <Card
      title={p.name}
      extra={<Progress type="circle" size={44} percent={p.expected ? Math.round((p.held / p.expected) * 100) : 0} aria-label={p.name} />}
      style={{ marginBottom: 16 }}
      data-testid={`programme-${p.id}`}
    >
      <Table
        size="small"
        rowKey={(r) => `${r.theme}|${r.placeId}`}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('vol.activity.theme'), key: 'theme', fixed: 'left', render: (_, r) => <Tag color="green">{t(`vol.theme.${r.theme}`)}</Tag> },
          { title: t('vol.activities.area'), dataIndex: 'placeLabel', fixed: 'left' },
          ...periods.map((k) => {
            const [from, to] = k.split('|') as [string, string];
            return {
              title: `${from.slice(5)}–${to.slice(5)}`,
              key: k,
              align: 'center' as const,
              render: (_: unknown, r: (typeof rows)[number]) => {
                const c = p.cells.find((x) => x.theme === r.theme && x.placeId === r.placeId && x.periodStart === from);
                if (!c) return '—';
                return (
                  <Typography.Text
                    type={c.missing > 0 && to < dayjs().format('YYYY-MM-DD') ? 'danger' : undefined}
                  >{`${c.held}/${c.expected}`}</Typography.Text>
                );
              },
            };
          }),
        ]}
      />
    </Card>
  );
}

/** Activities (活动) with their places and waiting lists, and the year's programme with what is done and missing. */
export default function ActivitiesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'programme' ? 'programme' : 'list';
  const communityId = Number(params.get('communityId')) || undefined;
  const [adding, setAdding] = useState(false);
  const q = useQuery({
    queryKey: ['vol', 'activities', communityId],
    queryFn: () => volApi.activities({ communityId }),
    placeholderData: keepPreviousData,
    enabled: tab === 'list',
  });
  const programmes = useQuery({ queryKey: ['vol', 'programmes'], queryFn: volApi.programmes, enabled: tab === 'programme' });
  useVolunteersLive();
  return (
    <>
      <PageHeader
        title={t('vol.activities.title')}
        subtitle={t('vol.activities.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <PlaceSelect
              type="community"
              value={communityId ?? null}
              onChange={(id) => setParams(id ? { communityId: String(id) } : {}, { replace: true })}
              placeholder={t('vol.filter.community')}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('vol.activities.new')}
            </Button>
          </Flex>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'programme' ? { tab: k } : {}, { replace: true })}
        items={[
          { key: 'list', label: t('vol.activities.list') },
          { key: 'programme', label: t('vol.activities.programme') },
        ]}
      />
      {tab === 'list' ? (
        <>
          {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
          <DataTable<ActivityView>
            rowKey="id"
            loading={q.isPending}
            dataSource={q.data?.items ?? []}
            data-testid="activities-table"
            columns={[
              { title: t('vol.activities.name'), key: 'title', render: (_, a) => <Link to={`/volunteers/activities/${a.id}`}>{a.title}</Link> },
              { title: t('vol.activities.when'), key: 'when', render: (_, a) => windowText(a.startsAt, a.endsAt) },
              { title: t('vol.activities.area'), key: 'area', render: (_, a) => [a.placeLabel, a.venue].filter(Boolean).join(' · ') },
              { title: t('vol.activity.theme'), dataIndex: 'theme', render: (x: string | null) => (x ? <Tag color="green">{t(`vol.theme.${x}`)}</Tag> : '—') },
              { title: t('vol.activity.signedUp'), key: 'places', render: (_, a) => `${a.signedUp}/${a.capacity}${a.waiting ? ` (+${a.waiting})` : ''}` },
              { title: t('vol.activity.attended'), dataIndex: 'attended' },
              { title: t('vol.activity.status'), dataIndex: 'status', render: (s: string) => t(`vol.activityStatus.${s}`) },
            ]}
          />
        </>
      ) : (
        <>
          {programmes.error ? <QueryError error={programmes.error} onRetry={() => void programmes.refetch()} /> : null}
          {(programmes.data?.items ?? []).map((p) => (
            <Programme key={p.id} p={p} />
          ))}
          {programmes.data && !programmes.data.items.length ? <Empty description={t('vol.activities.noProgramme')} /> : null}
        </>
      )}
      <NewActivityDrawer open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
