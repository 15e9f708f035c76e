import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { PlaceSelect } from '../../../platform/places/PlaceSelect';

/** A new, empty household in a dwelling; members are added as residents. */
export function HouseholdCreateModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ dwellingId: number; note?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post('/households', { dwellingId: v.dwellingId, note: v.note?.trim() || null });
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      if (!applyFieldErrors(form, err, lang, { 'code:REGISTRY_NOT_A_DWELLING': 'dwellingId' })) message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('households.new')} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('common.save')} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="dwellingId" label={t('households.dwelling')} rules={[{ required: true, message: t('residents.dwellingRequired') }]}>
          <PlaceSelect type="dwelling" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('residents.note')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
