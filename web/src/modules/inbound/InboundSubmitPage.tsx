import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { parseIdNumber, type ResidentSummary } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { type dayjs, todayLocal } from '../../platform/time';
import { useDebounced } from '../../platform/ui/hooks';
import { PageHeader } from '../../platform/ui/PageHeader';
import { DwellingCascader } from '../../platform/places/DwellingCascader';
import { HealthFields } from './HealthFields';
import { inboundApi, inboundKeys } from './inbound.api';

/** Step 1: the liaison (or the department, on the phone) submits a return request. */
export default function InboundSubmitPage() {
  const { t, lang } = useI18n();
  const { me, can } = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [who, setWho] = useState<'resident' | 'new'>('resident');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const residents = useQuery({
    queryKey: ['inbound', 'residents', q],
    queryFn: () => api.get<{ items: ResidentSummary[] }>('/residents', { q, pageSize: 20 }),
    enabled: who === 'resident',
  });
  const isLiaison = !!me && me.scope.employers.length > 0 && me.scope.places.length === 0 && !me.scope.all;
  const employers = useQuery({
    queryKey: ['employers'],
    queryFn: () => api.get<{ items: { id: number; name: string }[] }>('/employers'),
    enabled: !isLiaison && can('employer.read'),
  });
  const submit = useMutation({
    mutationFn: (body: unknown) => inboundApi.submit(body),
    onSuccess: (r) => {
      message.success(t('inbound.submitted', { reference: r.reference }));
      void qc.invalidateQueries({ queryKey: inboundKeys.all });
      void navigate(`/inbound/requests/${r.id}`);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) message.error(errorText(err, lang));
    },
  });
  const onFinish = (v: Record<string, unknown>) => {
    const { plannedArrival, ...rest } = v as { plannedArrival: dayjs.Dayjs } & Record<string, unknown>;
    submit.mutate({
      ...rest,
      plannedArrival: plannedArrival.format('YYYY-MM-DD'),
      ...(who === 'resident' ? { name: undefined, idNumber: undefined, phone: undefined, dwellingId: undefined } : { residentId: undefined }),
    });
  };
  return (
    <>
      <PageHeader title={t('inbound.new')} subtitle={t('inbound.newSubtitle')} />
      <Card>
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          initialValues={{ fromRisk: 'low', plannedArrival: todayLocal() }}
          style={{ maxWidth: 900 }}
        >
          <Form.Item label={t('inbound.who')}>
            <Radio.Group
              value={who}
              onChange={(e) => setWho(e.target.value)}
              optionType="button"
              data-testid="submit-who"
              options={[
                { value: 'resident', label: t('inbound.whoResident') },
                { value: 'new', label: t('inbound.whoNew') },
              ]}
            />
          </Form.Item>
          {who === 'resident' ? (
            <Form.Item name="residentId" label={t('inbound.field.person')} rules={[{ required: true }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setText }}
                data-testid="submit-resident"
                placeholder={t('inbound.searchResident')}
                loading={residents.isFetching}
                options={(residents.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}  ${r.idNumberMasked ?? ''}  ${r.dwellingLabel}` }))}
              />
            </Form.Item>
          ) : (
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="name" label={t('inbound.field.name')} rules={[{ required: true }]}>
                  <Input maxLength={40} data-testid="submit-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
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
                  <Input maxLength={18} data-testid="submit-id" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="phone"
                  label={t('inbound.field.phone')}
                  rules={[{ required: true, pattern: /^(\+?86)?1[3-9]\d{9}$/, message: t('auth.phoneInvalid') }]}
                >
                  <Input maxLength={14} inputMode="tel" data-testid="submit-phone" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="dwellingId" label={t('inbound.field.dwelling')} rules={[{ required: true }]}>
                  <DwellingCascader
                    load={isLiaison || !can('place.read') ? inboundApi.submitterPlaces : inboundApi.staffPlaces}
                    testId="submit-dwelling"
                    placeholder={t('inbound.pickDwelling')}
                  />
                </Form.Item>
              </Col>
            </Row>
          )}
          {!isLiaison ? (
            <Form.Item name="employerId" label={t('inbound.field.employer')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={(employers.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
              />
            </Form.Item>
          ) : null}
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="fromCity" label={t('inbound.field.from')} rules={[{ required: true }]}>
                <Input maxLength={60} placeholder={t('inbound.fromPlaceholder')} data-testid="submit-from" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="fromRisk" label={t('inbound.field.risk')}>
                <Radio.Group optionType="button" options={(['low', 'medium', 'high'] as const).map((k) => ({ value: k, label: t(`inbound.risk.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="plannedArrival" label={t('inbound.field.plannedArrival')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(todayLocal(), 'day')} data-testid="submit-arrival" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="transport" label={t('inbound.field.transport')}>
            <Input maxLength={60} placeholder={t('inbound.transportPlaceholder')} />
          </Form.Item>
          <HealthFields />
          <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="submit-request">
            {t('inbound.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
