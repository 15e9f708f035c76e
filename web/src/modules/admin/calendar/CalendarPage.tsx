import { useState } from 'react';
import { Alert, App, Button, Calendar, Card, Col, Flex, Form, Input, Modal, Radio, Row, Select, Tag, Typography } from 'antd';
import { DataTable } from '../../../platform/ui/DataTable';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import type { CalendarDay } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { dayjs, todayLocal } from '../../../platform/time';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { WorkingHoursCard } from './WorkingHoursCard';
import { YearArrangementDrawer } from './YearArrangementDrawer';

type YearStatus = 'entered' | 'published' | 'statutory';
interface Range {
  days: CalendarDay[];
  coveredUntilYear: number;
  years: Array<{ year: number; status: YearStatus }>;
  missingYears: number[];
}
interface Override {
  date: string;
  workday: boolean;
  note?: string | null;
}

const STATUS_COLOR: Record<YearStatus, string> = { entered: 'green', published: 'blue', statutory: 'orange' };

/**
 * The calendar's year and month pickers and month/year switch, as antd draws them but with names
 * (antd's own selects have none, so a screen reader says only "combo box").
 */
function CalendarHeader({
  value,
  type,
  onChange,
  onTypeChange,
}: {
  value: Dayjs;
  type: 'month' | 'year';
  onChange: (d: Dayjs) => void;
  onTypeChange: (t: 'month' | 'year') => void;
}) {
  const { t } = useI18n();
  const year = value.year();
  return (
    <Flex gap={8} justify="flex-end" wrap style={{ padding: '8px 0' }}>
      <Select
        size="small"
        aria-label={t('calendar.pickYear')}
        value={year}
        onChange={(y) => onChange(value.year(y))}
        options={Array.from({ length: 20 }, (_, i) => year - 10 + i).map((y) => ({ value: y, label: t('calendar.yearOf', { year: y }) }))}
      />
      {type === 'month' ? (
        <Select
          size="small"
          aria-label={t('calendar.pickMonth')}
          value={value.month()}
          onChange={(m) => onChange(value.month(m))}
          options={Array.from({ length: 12 }, (_, m) => ({ value: m, label: value.month(m).format('MMM') }))}
        />
      ) : null}
      <Radio.Group size="small" value={type} onChange={(e) => onTypeChange(e.target.value as 'month' | 'year')}>
        <Radio.Button value="month">{t('calendar.byMonth')}</Radio.Button>
        <Radio.Button value="year">{t('calendar.byYear')}</Radio.Button>
      </Radio.Group>
    </Flex>
  );
}

/** 工作日历: each year's holiday arrangement (entered, published, or the statutory default), local overrides, working hours. */
export default function CalendarPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [selected, setSelected] = useState<Dayjs>(() => (params.get('year') ? dayjs(`${params.get('year')}-01-01`) : todayLocal()));
  const editingYear = params.get('year') ? Number(params.get('year')) : null;
  const openYear = (year: number | null) => {
    setParams(year ? { year: String(year) } : {}, { replace: true });
    // Show the year being entered, so what is saved appears in the calendar at once.
    if (year && year !== selected.year()) setSelected(dayjs(`${year}-01-01`));
  };
  const month = selected.startOf('month');
  const setMonth = (d: Dayjs) => setSelected(d);
  const [editing, setEditing] = useState<CalendarDay | null>(null);
  const [form] = Form.useForm<{ workday: boolean; note?: string }>();
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const days = useQuery({ queryKey: ['calendar', from, to], queryFn: () => api.get<Range>('/calendar', { from, to }) });
  const overrides = useQuery({
    queryKey: ['calendar', 'overrides'],
    queryFn: () => api.get<{ items: Override[] }>('/calendar/overrides').then((r) => r.items),
  });
  const byDate = new Map((days.data?.days ?? []).map((d) => [d.date, d]));
  const shownYear = month.year();
  const shownStatus = days.data?.years.find((y) => y.year === shownYear)?.status;
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['calendar'] });
    setEditing(null);
  };
  const save = useMutation({
    mutationFn: (o: Override) => api.put('/calendar/overrides', o),
    onSuccess: () => {
      message.success(t('common.saved'));
      done();
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  const remove = useMutation({
    mutationFn: (date: string) => api.delete(`/calendar/overrides/${date}`),
    onSuccess: () => {
      message.success(t('calendar.overrideRemoved'));
      done();
    },
    onError: (err) => message.error(errorText(err, lang)),
  });

  const cell = (d: Dayjs) => {
    const info = byDate.get(d.format('YYYY-MM-DD'));
    if (!info) return null;
    const named = info.source === 'calendar' || info.source === 'arrangement' || info.source === 'statutory';
    const color =
      info.source === 'override' ? 'purple' : info.source === 'statutory' ? 'orange' : info.workday ? (named ? 'blue' : undefined) : named ? 'red' : 'default';
    const name = info.holiday ? t(`calendar.holiday.${info.holiday}`) : null;
    const label = info.workday ? (named && info.holiday ? t('calendar.makeUp') : null) : (name ?? t('calendar.rest'));
    return (
      <div style={{ minHeight: 40 }}>
        {label || info.source === 'override' ? <Tag color={color}>{label ?? t('calendar.work')}</Tag> : null}
        {info.source === 'statutory' ? <div style={{ fontSize: 11, color: '#ad4e00' }}>{t('calendar.statutoryShort')}</div> : null}
        {info.source === 'override' ? <div style={{ fontSize: 11, color: '#722ed1' }}>{info.note ?? t('calendar.override')}</div> : null}
      </div>
    );
  };

  return (
    <>
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle', { year: days.data?.coveredUntilYear ?? '…' })} />
      {days.data?.missingYears.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="calendar-missing"
          message={t('calendar.missing', { years: days.data.missingYears.join('、') })}
          description={
            // The button sits under the text, not beside it, so the banner stays readable on a phone.
            <>
              <div>{t('calendar.missingHint')}</div>
              <Button type="primary" danger style={{ marginTop: 8 }} onClick={() => openYear(days.data!.missingYears[0]!)} data-testid="calendar-enter-missing">
                {t('calendar.enterYear', { year: days.data.missingYears[0] })}
              </Button>
            </>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card
            title={
              <Flex gap={8} align="center" wrap>
                <span>{t('calendar.yearOf', { year: shownYear })}</span>
                {shownStatus ? (
                  <Tag color={STATUS_COLOR[shownStatus]} data-testid="calendar-year-status">
                    {t(`calendar.yearStatus.${shownStatus}`)}
                  </Tag>
                ) : null}
              </Flex>
            }
            extra={
              <Button icon={<EditOutlined />} onClick={() => openYear(shownYear)} data-testid="calendar-edit-year">
                {t('calendar.editYear', { year: shownYear })}
              </Button>
            }
          >
            <div data-testid="calendar">
              <Calendar
                value={selected}
                onPanelChange={(d) => setSelected(d)}
                onSelect={(d, info) => {
                  setSelected(d);
                  if (info.source !== 'date') return;
                  const day = byDate.get(d.format('YYYY-MM-DD'));
                  if (!day) return;
                  form.setFieldsValue({ workday: !day.workday, note: day.note ?? '' });
                  setEditing(day);
                }}
                cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)}
                headerRender={(h) => <CalendarHeader {...h} />}
              />
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <WorkingHoursCard />
          <Card title={t('calendar.overrides')} style={{ marginTop: 16 }}>
            <Typography.Paragraph type="secondary">{t('calendar.overridesHint')}</Typography.Paragraph>
            <DataTable<Override>
              rowKey="date"
              size="small"
              dataSource={overrides.data ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: t('calendar.noOverrides') }}
              columns={[
                { title: t('calendar.date'), dataIndex: 'date', render: (v: string) => <a onClick={() => setMonth(dayjs(v))}>{v}</a> },
                {
                  title: t('calendar.kind'),
                  dataIndex: 'workday',
                  render: (w: boolean) => <Tag color={w ? 'blue' : 'red'}>{w ? t('calendar.work') : t('calendar.rest')}</Tag>,
                },
                { title: t('calendar.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {editingYear ? <YearArrangementDrawer year={editingYear} onClose={() => openYear(null)} /> : null}
      <Modal
        open={!!editing}
        title={editing ? t('calendar.editDay', { date: editing.date }) : ''}
        onCancel={() => setEditing(null)}
        footer={[
          editing?.source === 'override' ? (
            <Button key="rm" danger onClick={() => editing && remove.mutate(editing.date)} loading={remove.isPending}>
              {t('calendar.removeOverride')}
            </Button>
          ) : null,
          <Button key="c" onClick={() => setEditing(null)}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="s"
            type="primary"
            loading={save.isPending}
            onClick={async () => {
              const v = await form.validateFields();
              if (editing) save.mutate({ date: editing.date, workday: v.workday, note: v.note?.trim() || null });
            }}
          >
            {t('common.save')}
          </Button>,
        ]}
        forceRender
      >
        {editing ? (
          <Typography.Paragraph>
            {t('calendar.currently')}: <Tag color={editing.workday ? 'blue' : 'red'}>{editing.workday ? t('calendar.work') : t('calendar.rest')}</Tag>
            {editing.holiday ? t(`calendar.holiday.${editing.holiday}`) : ''} ({t(`calendar.source.${editing.source}`)})
          </Typography.Paragraph>
        ) : null}
        <Form form={form} layout="vertical">
          <Form.Item name="workday" label={t('calendar.setAs')}>
            <Radio.Group
              options={[
                { value: true, label: t('calendar.work') },
                { value: false, label: t('calendar.rest') },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('calendar.note')} rules={[{ max: 100 }]}>
            <Input placeholder={t('calendar.notePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
