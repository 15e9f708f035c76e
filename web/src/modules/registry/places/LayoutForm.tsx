import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { AppstoreAddOutlined } from '@ant-design/icons';
import type { Place } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';

interface Values {
  stairwells: number;
  floors: number;
  flatsPerFloor: number;
  stairwellSuffix: string;
}

/** 按布局生成单元和房屋: an empty building gets stairwells × floors × flats in one step. */
export function LayoutForm({ building, onDone }: { building: Place; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const v = Form.useWatch([], form) as Values | undefined;
  const total = (v?.stairwells ?? 0) * (v?.floors ?? 0) * (v?.flatsPerFloor ?? 0);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const r = await api.post<{ stairwells: number; dwellings: number }>(`/places/${building.id}/layout`, values);
      message.success(t('places.layoutDone', { s: r.stairwells, d: r.dwellings }));
      onDone();
    } catch (err) {
      if (!applyFieldErrors(form, err, lang)) message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          <AppstoreAddOutlined />
          {t('places.layoutTitle')}
        </Space>
      }
      data-testid="layout-card"
    >
      <Alert type="info" showIcon title={t('places.layoutHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ stairwells: 2, floors: 6, flatsPerFloor: 2, stairwellSuffix: '单元' }}>
        <Form.Item name="stairwells" label={t('places.layoutStairwells')} rules={[{ required: true }]}>
          <InputNumber min={1} max={20} data-testid="layout-stairwells" />
        </Form.Item>
        <Form.Item name="floors" label={t('places.layoutFloors')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} data-testid="layout-floors" />
        </Form.Item>
        <Form.Item name="flatsPerFloor" label={t('places.layoutFlats')} rules={[{ required: true }]}>
          <InputNumber min={1} max={12} data-testid="layout-flats" />
        </Form.Item>
        <Form.Item name="stairwellSuffix" label={t('places.layoutSuffix')}>
          <Input style={{ width: 80 }} maxLength={6} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="layout-submit">
            {t('places.layoutSubmit')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('places.layoutPreview', { total, s: v?.stairwells ?? 0, last: `${v?.floors ?? 1}${String(v?.flatsPerFloor ?? 1).padStart(2, '0')}` })}
      </Typography.Paragraph>
    </Card>
  );
}
