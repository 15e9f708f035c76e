import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { HOLIDAYS, type CalendarArrangementView, type Holiday } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { ApiError, errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { dayjs } from '../../../platform/time';

interface Values {
  holidays: Array<{ holiday: Holiday; range: [Dayjs, Dayjs] }>;
  makeUpDays: Array<{ date: Dayjs; holiday?: Holiday | null }>;
  note?: string | null;
}

const DAY = 'YYYY-MM-DD';

/**
 * One form per year, as the State Council's notice reads: holiday ranges with their festival,
 * and make-up working days. Opened with the entered arrangement, or a proposal to check.
 */
export function YearArrangementDrawer({ year, onClose }: { year: number; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const q = useQuery({ queryKey: ['calendar', 'year', year], queryFn: () => api.get<CalendarArrangementView>(`/calendar/years/${year}`) });
  const a = q.data;

  useEffect(() => {
    if (!a) return;
    form.setFieldsValue({
      holidays: a.holidays.map((h) => ({ holiday: h.holiday, range: [dayjs(h.from), dayjs(h.to)] as [Dayjs, Dayjs] })),
      makeUpDays: a.makeUpDays.map((m) => ({ date: dayjs(m.date), holiday: m.holiday })),
      note: a.note ?? '',
    });
  }, [a, form]);

  const holidayOptions = HOLIDAYS.map((h) => ({ value: h, label: t(`calendar.holiday.${h}`) }));

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.put(`/calendar/years/${year}`, {
        holidays: v.holidays.map((h) => ({ holiday: h.holiday, from: h.range[0].format(DAY), to: h.range[1].format(DAY) })),
        makeUpDays: (v.makeUpDays ?? []).map((m) => ({ date: m.date.format(DAY), holiday: m.holiday ?? null })),
        note: v.note?.trim() || null,
        version: a?.version ?? 0,
      });
      message.success(t('calendar.yearSaved', { year }));
      void qc.invalidateQueries({ queryKey: ['calendar'] });
      void qc.invalidateQueries({ queryKey: ['todos'] });
      onClose();
    } catch (err) {
      // The server names `holidays.0.from`; the form has one range picker per holiday.
      const aliases =
        err instanceof ApiError
          ? Object.fromEntries(err.fieldErrors.map((e) => [e.path, e.path.replace(/^holidays\.(\d+)\.(from|to)$/, 'holidays.$1.range')]))
          : {};
      if (!applyFieldErrors(form, err, lang, aliases)) message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      size={640}
      title={t('calendar.yearTitle', { year })}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} disabled={!a} onClick={submit} data-testid="year-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {a ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={a.entered ? 'success' : a.status === 'statutory' ? 'warning' : 'info'}
          showIcon
          message={
            <>
              {t(`calendar.yearStatus.${a.entered ? 'entered' : a.status}`)} {a.updatedAt ? <Tag>v{a.version}</Tag> : null}
            </>
          }
          description={a.entered ? null : t(a.status === 'statutory' ? 'calendar.proposalStatutory' : 'calendar.proposalPublished')}
          data-testid="year-status"
        />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ holidays: [], makeUpDays: [], note: '' }}>
        <Typography.Title level={5}>{t('calendar.holidays')}</Typography.Title>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" wrap data-testid="year-holiday-row">
                  <Form.Item
                    name={[f.name, 'holiday']}
                    rules={[{ required: true, message: t('calendar.chooseHoliday') }]}
                    style={{ width: 130, marginBottom: 8 }}
                  >
                    <Select options={holidayOptions} aria-label={t('calendar.holidayName')} placeholder={t('calendar.holidayName')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'range']}
                    rules={[{ required: true, message: t('calendar.chooseDates') }]}
                    style={{ flex: 1, minWidth: 230, marginBottom: 8 }}
                  >
                    <DatePicker.RangePicker style={{ width: '100%' }} aria-label={t('calendar.dates')} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('calendar.removeRow')} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} data-testid="year-add-holiday" style={{ marginBottom: 16 }}>
                {t('calendar.addHoliday')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('calendar.makeUpDays')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('calendar.makeUpHint')}</Typography.Paragraph>
        <Form.List name="makeUpDays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" wrap data-testid="year-makeup-row">
                  <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: t('calendar.chooseDates') }]} style={{ width: 160, marginBottom: 8 }}>
                    <DatePicker style={{ width: '100%' }} aria-label={t('calendar.date')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'holiday']} style={{ width: 130, marginBottom: 8 }}>
                    <Select allowClear options={holidayOptions} aria-label={t('calendar.holidayName')} placeholder={t('calendar.forHoliday')} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('calendar.removeRow')} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 16 }} data-testid="year-add-makeup">
                {t('calendar.addMakeUp')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('calendar.source_')} rules={[{ max: 200 }]}>
          <Input placeholder={t('calendar.sourcePlaceholder')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
