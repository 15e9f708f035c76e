import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { InboundRequestDetail } from '@jiayuan/contracts';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { DwellingCascader } from '../../platform/places/DwellingCascader';
import { inboundApi, inboundKeys } from './inbound.api';

type Step = 'route' | 'reroute' | 'approve' | 'reject' | 'markNotified' | 'checkIn' | 'withdraw' | 'resubmit' | 'appeal';
const PATH: Record<Step, string> = {
  route: 'route',
  reroute: 'reroute',
  approve: 'approve',
  reject: 'reject',
  markNotified: 'notified',
  checkIn: 'check-in',
  withdraw: 'withdraw',
  resubmit: 'resubmit',
  appeal: 'appeal',
};
const ORDER: Step[] = ['route', 'reroute', 'approve', 'reject', 'markNotified', 'checkIn', 'appeal', 'resubmit', 'withdraw'];
const NEEDS_FORM = new Set<Step>(['route', 'reroute', 'approve', 'reject', 'withdraw', 'appeal', 'checkIn']);

/** The buttons of the steps this user may take now (the server's `actions`), each with its form. */
export function StepActions({ r }: { r: InboundRequestDetail }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState<Step | null>(null);
  const [form] = Form.useForm();
  const communities = useQuery({
    queryKey: ['inbound', 'communities'],
    queryFn: inboundApi.communities,
    enabled: open === 'route' || open === 'reroute',
    staleTime: 300000,
  });
  const run = useMutation({
    mutationFn: ({ step, body }: { step: Step; body: Record<string, unknown> }) => inboundApi.step(r.id, PATH[step], { ...body, version: r.version }),
    onSuccess: (next, { step }) => {
      qc.setQueryData(inboundKeys.one(r.id), next);
      void qc.invalidateQueries({ queryKey: inboundKeys.all });
      void qc.invalidateQueries({ queryKey: ['todos'] });
      message.success(t(`inbound.done.${step}`));
      setOpen(null);
      form.resetFields();
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) message.error(errorText(err, lang));
      void qc.invalidateQueries({ queryKey: inboundKeys.one(r.id) });
    },
  });
  const steps = ORDER.filter((s) => r.actions.includes(s));
  const start = (s: Step) => {
    if (!NEEDS_FORM.has(s)) return run.mutate({ step: s, body: {} });
    form.resetFields();
    if (s === 'route') form.setFieldsValue({ communityId: r.routeSuggestion?.communityId });
    if (s === 'approve') form.setFieldsValue({ kind: 'home_observation', days: 14 });
    if (s === 'checkIn') form.setFieldsValue({ method: 'manual' });
    setOpen(s);
  };
  const submit = (v: Record<string, unknown>) => {
    if (!open) return;
    const body: Record<string, unknown> =
      open === 'approve' ? { measure: { kind: v.kind, days: v.kind === 'none' ? 0 : v.days }, note: v.note || null } : open === 'appeal' ? { text: v.text } : v;
    run.mutate({ step: open, body });
  };
  return (
    <>
      <Space wrap>
        {steps.map((s) => (
          <Button
            key={s}
            type={s === 'approve' || s === 'route' || s === 'checkIn' || s === 'markNotified' ? 'primary' : 'default'}
            danger={s === 'reject' || s === 'withdraw'}
            onClick={() => start(s)}
            loading={run.isPending && run.variables?.step === s}
            data-testid={`step-${s}`}
          >
            {t(`inbound.step.${s}`)}
          </Button>
        ))}
        {r.actions.includes('notice') ? (
          <Button onClick={() => navigate(`/inbound/requests/${r.id}/notice`)} data-testid="open-notice">
            {t('inbound.notice.open')}
          </Button>
        ) : null}
      </Space>
      <Modal
        open={open !== null}
        title={open ? t(`inbound.step.${open}`) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: run.isPending, 'data-testid': 'step-confirm' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          {open === 'route' || open === 'reroute' ? (
            <>
              <Form.Item
                name="communityId"
                label={t('inbound.field.community')}
                rules={[{ required: open === 'reroute' }]}
                extra={r.routeSuggestion ? t('inbound.suggested', { name: r.routeSuggestion.communityName }) : null}
              >
                <Select
                  data-testid="route-community"
                  loading={communities.isPending}
                  options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.label }))}
                />
              </Form.Item>
              <Form.Item name="reason" label={t('inbound.field.routeReason')}>
                <Input.TextArea rows={2} maxLength={200} data-testid="route-reason" />
              </Form.Item>
            </>
          ) : null}
          {open === 'approve' ? (
            <>
              <Form.Item name="kind" label={t('inbound.field.measure')}>
                <Radio.Group
                  optionType="button"
                  data-testid="approve-kind"
                  options={(['home_observation', 'facility_quarantine', 'none'] as const).map((k) => ({ value: k, label: t(`inbound.measure.${k}`) }))}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  form.getFieldValue('kind') !== 'none' ? (
                    <Form.Item name="days" label={t('inbound.field.days')} rules={[{ required: true }]}>
                      <InputNumber min={1} max={60} data-testid="approve-days" />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
              <Form.Item name="note" label={t('inbound.field.note')}>
                <Input.TextArea rows={2} maxLength={200} />
              </Form.Item>
            </>
          ) : null}
          {open === 'reject' || open === 'withdraw' ? (
            <Form.Item name="reason" label={t('inbound.field.reason')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea rows={3} maxLength={200} data-testid="step-reason" />
            </Form.Item>
          ) : null}
          {open === 'appeal' ? (
            <Form.Item name="text" label={t('inbound.field.appeal')} rules={[{ required: true, min: 5 }]}>
              <Input.TextArea rows={4} maxLength={500} data-testid="appeal-text" />
            </Form.Item>
          ) : null}
          {open === 'checkIn' ? (
            <>
              <Form.Item name="method" label={t('inbound.field.method')}>
                <Radio.Group
                  optionType="button"
                  options={(['manual', 'self_report', 'scan'] as const).map((k) => ({ value: k, label: t(`inbound.method.${k}`) }))}
                />
              </Form.Item>
              {!r.dwellingLabel ? (
                <Form.Item name="dwellingId" label={t('inbound.field.dwelling')} rules={[{ required: true }]} extra={r.address}>
                  <DwellingCascader load={inboundApi.staffPlaces} testId="checkin-dwelling" />
                </Form.Item>
              ) : null}
            </>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
