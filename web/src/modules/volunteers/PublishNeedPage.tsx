import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Switch, TimePicker, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs, local } from '../../platform/time';
import { VolShell } from './VolShell';
import { SERVICE_TYPES, hm, volApi, type ServiceType } from './volunteers.api';

interface Values {
  category: ServiceType;
  title: string;
  notes?: string;
  place?: string;
  day: dayjs.Dayjs;
  start: dayjs.Dayjs;
  hours: number;
  takersNeeded: number;
  pay: boolean;
  accountId?: number;
  payMinutes?: number;
}

/**
 * A resident publishes a need ("online order"): what, when, where; the teams of that service and area
 * see it at once. A member of the love bank (or a family member they named) may pay with minutes: a
 * hold is placed, settled when the service is confirmed, released if it is cancelled.
 */
export default function PublishNeedPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form) ?? 'shopping';
  const pay = Form.useWatch('pay', form) ?? false;
  const hours = Form.useWatch('hours', form) ?? 2;
  const bank = useQuery({ queryKey: ['vol', 'bank', 'my'], queryFn: volApi.myBank, retry: false });
  const accounts = [...(bank.data?.account ? [{ a: bank.data.account, mine: true }] : []), ...(bank.data?.maySpendFor ?? []).map((a) => ({ a, mine: false }))];
  const [nextHour] = useState(() => local(new Date()).add(1, 'hour').startOf('hour'));
  const create = useMutation({
    mutationFn: (v: Values) => {
      const start = v.day.hour(v.start.hour()).minute(v.start.minute()).second(0).millisecond(0);
      return volApi.publish({
        category: v.category,
        title: v.title.trim(),
        notes: v.notes?.trim() || null,
        place: v.place?.trim() || null,
        windowStart: start.toISOString(),
        windowEnd: start.add(v.hours, 'hour').toISOString(),
        takersNeeded: v.takersNeeded,
        redeem: v.pay && v.accountId && v.payMinutes ? { accountId: v.accountId, minutes: v.payMinutes } : null,
      });
    },
    onSuccess: (n) => {
      void qc.invalidateQueries({ queryKey: ['vol'] });
      void navigate(`/resident/volunteers/needs/${n.id}`);
    },
  });
  return (
    <VolShell title={t('vol.publish.title')} back="/resident/volunteers" testId="vol-publish">
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          initialValues={{ category: 'shopping', day: nextHour, start: nextHour, hours: 2, takersNeeded: 1, pay: false }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="category" label={t('vol.need.category')} rules={[{ required: true }]}>
            <Select data-testid="need-category" options={SERVICE_TYPES.map((c) => ({ value: c, label: t(`vol.category.${c}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('vol.need.title')} rules={[{ required: true, whitespace: true, message: t('vol.publish.titleRequired') }]}>
            <Input placeholder={t(`vol.publish.ph.${category}`)} data-testid="need-title" maxLength={60} />
          </Form.Item>
          <Form.Item name="notes" label={t('vol.need.notes')}>
            <Input.TextArea rows={3} maxLength={500} placeholder={t('vol.publish.notesPh')} data-testid="need-notes" />
          </Form.Item>
          <Form.Item name="place" label={t('vol.need.place')} extra={t('vol.publish.placeHint')}>
            <Input maxLength={120} data-testid="need-place" />
          </Form.Item>
          <Flex gap={8}>
            <Form.Item name="day" label={t('vol.publish.day')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <DatePicker inputReadOnly allowClear={false} style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
            </Form.Item>
            <Form.Item name="start" label={t('vol.publish.start')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <TimePicker inputReadOnly allowClear={false} format="HH:mm" minuteStep={15} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Flex gap={8}>
            <Form.Item name="hours" label={t('vol.publish.hours')} style={{ flex: 1 }}>
              <Select options={[1, 2, 3, 4, 8].map((h) => ({ value: h, label: t('vol.publish.hoursN', { n: h }) }))} />
            </Form.Item>
            <Form.Item name="takersNeeded" label={t('vol.publish.takers')} style={{ flex: 1 }}>
              <InputNumber min={1} max={10} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          {accounts.length ? (
            <Card size="small" style={{ marginBottom: 16, background: '#fffbe6' }}>
              <Form.Item name="pay" label={t('vol.publish.pay')} valuePropName="checked" style={{ marginBottom: pay ? 12 : 0 }}>
                <Switch
                  data-testid="need-pay"
                  onChange={(on) => on && form.setFieldsValue({ accountId: form.getFieldValue('accountId') ?? accounts[0]!.a.id, payMinutes: hours * 60 })}
                />
              </Form.Item>
              {pay ? (
                <>
                  <Form.Item name="accountId" label={t('vol.publish.account')} rules={[{ required: true }]}>
                    <Select
                      data-testid="need-pay-account"
                      options={accounts.map(({ a, mine }) => ({
                        value: a.id,
                        label: `${mine ? t('vol.bank.mine') : a.holderName} · ${t('vol.bank.availableN', { hm: hm(a.available, t) })}`,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name="payMinutes" label={t('vol.publish.payMinutes')} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                    <InputNumber min={1} max={24 * 60} step={30} addonAfter={t('vol.minUnit')} style={{ width: '100%' }} data-testid="need-pay-minutes" />
                  </Form.Item>
                  <Typography.Text type="secondary">{t('vol.publish.payHint')}</Typography.Text>
                </>
              ) : null}
            </Card>
          ) : null}
          {create.error ? (
            <Alert type="error" showIcon message={errorText(create.error, lang)} style={{ marginBottom: 16 }} data-testid="publish-error" />
          ) : null}
          <Button type="primary" htmlType="submit" block loading={create.isPending} style={{ height: 52 }} data-testid="need-submit">
            {t('vol.publish.submit')}
          </Button>
        </Form>
      </Card>
    </VolShell>
  );
}
