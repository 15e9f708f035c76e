import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ENTRY_TICKET_DEFAULT_DAYS, ENTRY_TICKET_DEFAULT_USES, parsePlate, type PassIssue, type PassKind, type ResidentSummary } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { useDebounced } from '../../platform/ui/hooks';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { accessApi } from './access.api';

/** Picks a resident in my scope by name. */
function ResidentSelect({ value, onChange }: { value?: number; onChange?: (id: number) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const res = useQuery({
    queryKey: ['residents', 'pick', term],
    queryFn: () => api.get<{ items: ResidentSummary[] }>('/residents', { q: term, pageSize: 20 }),
    enabled: term.length > 0,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('access.passes.form.residentSearch')}
      loading={res.isFetching}
      options={(res.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name} · ${r.dwellingLabel}` }))}
      data-testid="pass-resident"
    />
  );
}

type Values = { kind: PassKind; residentId?: number; validDays: number; maxUses?: number; plate?: string; holderName?: string; placeId?: number };

/** Issues a pass of any kind; the server signs it and the card opens for printing. */
export function PassIssueModal({ open, onClose, onIssued }: { open: boolean; onClose: () => void; onIssued: (id: number) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'health_pass';
  const [saving, setSaving] = useState(false);
  const submit = async (v: Values) => {
    const body: PassIssue =
      v.kind === 'vehicle_pass'
        ? { kind: 'vehicle_pass', plate: v.plate!, holderName: v.holderName!, placeId: v.placeId!, validDays: v.validDays, residentId: v.residentId ?? null }
        : v.kind === 'entry_ticket'
          ? { kind: 'entry_ticket', residentId: v.residentId!, validDays: v.validDays, maxUses: v.maxUses ?? ENTRY_TICKET_DEFAULT_USES }
          : { kind: 'health_pass', residentId: v.residentId!, validDays: v.validDays };
    setSaving(true);
    try {
      const p = await accessApi.issue(body);
      message.success(t('access.passes.issued'));
      form.resetFields();
      onIssued(p.id);
    } catch (err) {
      if (!applyFieldErrors(form, err, lang)) message.error(errorText(err, lang));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('access.passes.issue')} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'health_pass', validDays: 30 }} onFinish={(v) => void submit(v)} data-testid="pass-issue-form">
        <Form.Item name="kind" label={t('access.passes.form.kind')}>
          <Radio.Group
            optionType="button"
            onChange={(e) =>
              form.setFieldsValue({ validDays: e.target.value === 'entry_ticket' ? ENTRY_TICKET_DEFAULT_DAYS : e.target.value === 'vehicle_pass' ? 7 : 30 })
            }
            options={(['health_pass', 'entry_ticket', 'vehicle_pass'] as const).map((k) => ({ value: k, label: t(`access.kind.${k}`) }))}
          />
        </Form.Item>
        {kind === 'entry_ticket' ? <div style={{ marginTop: -12, marginBottom: 12, color: '#6b7785' }}>{t('access.passes.form.ticketHelp')}</div> : null}
        {kind === 'vehicle_pass' ? (
          <>
            <Form.Item
              name="plate"
              label={t('access.passes.form.plate')}
              rules={[
                { required: true },
                { validator: (_, v: string) => (!v || parsePlate(v).ok ? Promise.resolve() : Promise.reject(new Error(t('access.passes.form.plateInvalid')))) },
              ]}
            >
              <Input placeholder={t('access.passes.form.platePlaceholder')} data-testid="pass-plate" />
            </Form.Item>
            <Form.Item name="holderName" label={t('access.passes.form.holderName')} rules={[{ required: true, max: 40 }]}>
              <Input data-testid="pass-holder" />
            </Form.Item>
            <Form.Item name="placeId" label={t('access.passes.form.place')} rules={[{ required: true }]}>
              <PlaceSelect type="compound" testId="pass-place" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="residentId" label={t('access.passes.form.resident')} rules={[{ required: true }]}>
            <ResidentSelect />
          </Form.Item>
        )}
        <Form.Item name="validDays" label={t('access.passes.form.validDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={kind === 'entry_ticket' ? ENTRY_TICKET_DEFAULT_DAYS : 60} />
        </Form.Item>
        {kind === 'entry_ticket' ? (
          <Form.Item name="maxUses" label={t('access.passes.form.maxUses')} initialValue={ENTRY_TICKET_DEFAULT_USES}>
            <InputNumber min={1} max={100} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
