import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Result, Select } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { parseIdNumber } from '@jiayuan/contracts';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { Logo } from '../../platform/layout/Logo';
import { type dayjs, todayLocal } from '../../platform/time';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { HealthFields } from './HealthFields';
import { inboundApi } from './inbound.api';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';

const STORE = 'jiayuan.declarations';

/** The tracking passes of declarations made on this phone, newest first. */
export function rememberedDeclarations(): { reference: string; token: string }[] {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? '[]') as { reference: string; token: string }[];
  } catch {
    return [];
  }
}

/** 入城在线申报: a person declares their own return on the phone, without an account. */
export default function DeclarePage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<{ reference: string; trackingToken: string } | null>(null);
  const communities = useQuery({ queryKey: ['inbound', 'communities'], queryFn: inboundApi.communities, staleTime: 300000 });
  const send = useMutation({
    mutationFn: inboundApi.declare,
    onSuccess: (r) => {
      localStorage.setItem(STORE, JSON.stringify([{ reference: r.reference, token: r.trackingToken }, ...rememberedDeclarations()].slice(0, 10)));
      setReceipt(r);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) setError(err);
    },
  });
  const onFinish = (v: Record<string, unknown> & { plannedArrival: dayjs.Dayjs }) => {
    setError(null);
    send.mutate({ ...v, plannedArrival: v.plannedArrival.format('YYYY-MM-DD') });
  };
  return (
    <div className="jy-phone" data-testid="declare-page">
      <div className="jy-phone-head">
        <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
          <Logo size={30} />
          <div>
            <PhoneTitle style={{ fontSize: 19, fontWeight: 600 }} text={t('inbound.declare.title')} />
            <div style={{ fontSize: 13, opacity: 0.75 }}>{t('inbound.declare.subtitle')}</div>
          </div>
        </div>
        <LanguageSwitch size="small" />
      </div>
      <div style={{ padding: 12 }}>
        {receipt ? (
          <Result
            status="success"
            title={<span data-testid="declare-done">{t('inbound.declare.done', { reference: receipt.reference })}</span>}
            subTitle={t('inbound.declare.doneHint')}
            extra={
              <Link to={`/declare/status?t=${encodeURIComponent(receipt.trackingToken)}`} data-testid="declare-status-link">
                <Button type="primary" size="large">
                  {t('inbound.declare.viewStatus')}
                </Button>
              </Link>
            }
          />
        ) : (
          <Card>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('inbound.declare.privacy')} />
            {error ? (
              <Alert type="error" showIcon style={{ marginBottom: 12 }} title={<span data-testid="declare-error">{errorText(error, lang)}</span>} />
            ) : null}
            <Form
              form={form}
              layout="vertical"
              size="large"
              requiredMark={false}
              onFinish={onFinish}
              initialValues={{ fromRisk: 'low', plannedArrival: todayLocal() }}
            >
              <Form.Item name="name" label={t('inbound.field.name')} rules={[{ required: true }]}>
                <Input maxLength={40} autoComplete="name" data-testid="declare-name" />
              </Form.Item>
              <Form.Item
                name="idNumber"
                label={t('inbound.field.idNumber')}
                rules={[
                  { required: true },
                  {
                    validator: async (_, v) => {
                      if (v && !parseIdNumber(v).ok) throw new Error(t('inbound.idInvalid'));
                    },
                  },
                ]}
              >
                <Input maxLength={18} data-testid="declare-id" />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('inbound.field.phone')}
                rules={[{ required: true, pattern: /^(\+?86)?1[3-9]\d{9}$/, message: t('auth.phoneInvalid') }]}
              >
                <Input maxLength={14} inputMode="tel" autoComplete="tel" data-testid="declare-phone" />
              </Form.Item>
              <Form.Item name="communityId" label={t('inbound.field.community')} rules={[{ required: true }]}>
                <Select
                  data-testid="declare-community"
                  loading={communities.isPending}
                  options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.label }))}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
              <Form.Item name="address" label={t('inbound.field.address')} rules={[{ required: true, min: 2 }]}>
                <Input maxLength={120} placeholder={t('inbound.declare.addressPlaceholder')} data-testid="declare-address" />
              </Form.Item>
              <Form.Item name="fromCity" label={t('inbound.field.from')} rules={[{ required: true }]}>
                <Input maxLength={60} data-testid="declare-from" />
              </Form.Item>
              <Form.Item name="fromRisk" label={t('inbound.field.risk')}>
                <Radio.Group optionType="button" options={(['low', 'medium', 'high'] as const).map((k) => ({ value: k, label: t(`inbound.risk.${k}`) }))} />
              </Form.Item>
              <Form.Item name="plannedArrival" label={t('inbound.field.plannedArrival')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isBefore(todayLocal(), 'day')} />
              </Form.Item>
              <Form.Item name="transport" label={t('inbound.field.transport')}>
                <Input maxLength={60} placeholder={t('inbound.transportPlaceholder')} />
              </Form.Item>
              <HealthFields />
              <Button type="primary" htmlType="submit" block loading={send.isPending} data-testid="declare-submit">
                {t('inbound.declare.submit')}
              </Button>
            </Form>
          </Card>
        )}
        {rememberedDeclarations().length ? (
          <Card size="small" style={{ marginTop: 12 }} title={t('inbound.declare.mine')}>
            {rememberedDeclarations().map((d) => (
              <div key={d.token}>
                <Link to={`/declare/status?t=${encodeURIComponent(d.token)}`}>{d.reference}</Link>
              </div>
            ))}
          </Card>
        ) : null}
      </div>
    </div>
  );
}
