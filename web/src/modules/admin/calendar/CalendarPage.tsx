import { useState } from 'react';
import { App, Button, Calendar, Card, Col, Form, Input, Modal, Radio, Row, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api } from '../../../platform/api/client';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { dayjs, todayLocal } from '../../../platform/time';
import { PageHeader } from '../../../platform/ui/PageHeader';

interface Day {
  date: string;
  workday: boolean;
  holidayName: string | null;
  source: 'calendar' | 'override' | 'weekend' | 'weekday';
  note: string | null;
}
interface Override {
  date: string;
  workday: boolean;
  note?: string | null;
}

/** 工作日历: national holidays and make-up days, plus local overrides, one month at a time. */
export default function CalendarPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<Dayjs>(() => todayLocal());
  const month = selected.startOf('month');
  const setMonth = (d: Dayjs) => setSelected(d);
  const [editing, setEditing] = useState<Day | null>(null);
  const [form] = Form.useForm<{ workday: boolean; note?: string }>();
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const days = useQuery({ queryKey: ['calendar', from, to], queryFn: () => api.get<{ days: Day[]; coveredUntilYear: number }>('/calendar', { from, to }) });
  const overrides = useQuery({ queryKey: ['calendar', 'overrides'], queryFn: () => api.get<{ items: Override[] }>('/calendar/overrides').then((r) => r.items) });
  const byDate = new Map((days.data?.days ?? []).map((d) => [d.date, d]));
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['calendar'] });
    setEditing(null);
  };
  const save = useMutation({
    mutationFn: (o: Override) => api.put('/calendar/overrides', o),
    onSuccess: () => { message.success(t('common.saved')); done(); },
    onError: (err) => message.error(errorText(err, lang)),
  });
  const remove = useMutation({
    mutationFn: (date: string) => api.delete(`/calendar/overrides/${date}`),
    onSuccess: () => { message.success(t('calendar.overrideRemoved')); done(); },
    onError: (err) => message.error(errorText(err, lang)),
  });

  const cell = (d: Dayjs) => {
    const info = byDate.get(d.format('YYYY-MM-DD'));
    if (!info) return null;
    const color = info.source === 'override' ? 'purple' : info.workday ? (info.source === 'calendar' ? 'blue' : undefined) : info.source === 'calendar' ? 'red' : 'default';
    const label = info.holidayName ?? (info.workday ? (info.source === 'calendar' ? t('calendar.makeUp') : null) : t('calendar.rest'));
    return (
      <div style={{ minHeight: 40 }}>
        {label || info.source === 'override' ? <Tag color={color}>{label ?? t('calendar.work')}</Tag> : null}
        {info.source === 'override' ? <div style={{ fontSize: 11, color: '#722ed1' }}>{info.note ?? t('calendar.override')}</div> : null}
      </div>
    );
  };

  return (
    <>
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle', { year: days.data?.coveredUntilYear ?? '…' })} />
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Card>
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
              data-testid="calendar"
            />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card title={t('calendar.overrides')}>
            <Typography.Paragraph type="secondary">{t('calendar.overridesHint')}</Typography.Paragraph>
            <Table<Override>
              rowKey="date"
              size="small"
              dataSource={overrides.data ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: t('calendar.noOverrides') }}
              columns={[
                { title: t('calendar.date'), dataIndex: 'date', render: (v: string) => <a onClick={() => setMonth(dayjs(v))}>{v}</a> },
                { title: t('calendar.kind'), dataIndex: 'workday', render: (w: boolean) => <Tag color={w ? 'blue' : 'red'}>{w ? t('calendar.work') : t('calendar.rest')}</Tag> },
                { title: t('calendar.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
              ]}
            />
          </Card>
        </Col>
      </Row>
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
          <Button key="c" onClick={() => setEditing(null)}>{t('common.cancel')}</Button>,
          <Button key="s" type="primary" loading={save.isPending} onClick={async () => {
            const v = await form.validateFields();
            if (editing) save.mutate({ date: editing.date, workday: v.workday, note: v.note?.trim() || null });
          }}>
            {t('common.save')}
          </Button>,
        ]}
        forceRender
      >
        {editing ? (
          <Typography.Paragraph>
            {t('calendar.currently')}: <Tag color={editing.workday ? 'blue' : 'red'}>{editing.workday ? t('calendar.work') : t('calendar.rest')}</Tag>
            {editing.holidayName ?? ''} ({t(`calendar.source.${editing.source}`)})
          </Typography.Paragraph>
        ) : null}
        <Form form={form} layout="vertical">
          <Form.Item name="workday" label={t('calendar.setAs')}>
            <Radio.Group options={[{ value: true, label: t('calendar.work') }, { value: false, label: t('calendar.rest') }]} />
          </Form.Item>
          <Form.Item name="note" label={t('calendar.note')} rules={[{ max: 100 }]}>
            <Input placeholder={t('calendar.notePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
