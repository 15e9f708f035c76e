import { useEffect } from 'react';
import { App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';

interface Hours {
  open: string;
  close: string;
  isDefault: boolean;
  version: number;
}
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Opening hours of working days: working-hour limits run inside them, working-day limits end at their close. */
export function WorkingHoursCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ open: string; close: string }>();
  const q = useQuery({ queryKey: ['calendar', 'hours'], queryFn: () => api.get<Hours>('/calendar/hours') });
  useEffect(() => {
    if (q.data) form.setFieldsValue({ open: q.data.open, close: q.data.close });
  }, [q.data, form]);
  const save = useMutation({
    mutationFn: (v: { open: string; close: string }) => api.put<Hours>('/calendar/hours', { ...v, version: q.data?.version ?? 0 }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['calendar', 'hours'] });
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) message.error(errorText(err, lang));
    },
  });
  const rule = [{ required: true, pattern: HHMM, message: t('calendar.timeRule') }];
  return (
    <Card title={t('calendar.hours')} data-testid="working-hours">
      <Typography.Paragraph type="secondary">{t('calendar.hoursHint')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)}>
        <Flex gap={8} align="start" wrap>
          <Form.Item name="open" rules={rule} style={{ marginInlineEnd: 0 }}>
            <Input style={{ width: 80 }} aria-label={t('calendar.opensAt')} placeholder="08:30" />
          </Form.Item>
          <span style={{ lineHeight: '32px' }}>–</span>
          <Form.Item name="close" rules={rule} style={{ marginInlineEnd: 0 }}>
            <Input style={{ width: 80 }} aria-label={t('calendar.closesAt')} placeholder="17:30" />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={save.isPending} data-testid="hours-save">
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
