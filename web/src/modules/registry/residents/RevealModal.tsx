import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';

type Field = 'idNumber' | 'phone';

/** Asks why the number is needed (written to the audit log), then returns it in clear. */
export function RevealModal({
  residentId,
  field,
  onClose,
  onRevealed,
}: {
  residentId: number;
  field: Field;
  onClose: () => void;
  onRevealed: (value: string | null) => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ field: Field; value: string | null }>(`/residents/${residentId}/reveal`, { field, reason: reason.trim() });
      onRevealed(r.value);
    } catch (err) {
      if (!applyFieldErrors(form, err, lang)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(field === 'idNumber' ? 'reveal.titleId' : 'reveal.titlePhone')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('reveal.submit')}
      okButtonProps={{ 'data-testid': 'reveal-submit' }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('reveal.warning')} style={{ marginBottom: 16 }} />
      {error ? <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('reveal.reason')} rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('reveal.reasonRule') }]}>
          <Input.TextArea rows={3} autoFocus placeholder={t('reveal.reasonPlaceholder')} data-testid="reveal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
