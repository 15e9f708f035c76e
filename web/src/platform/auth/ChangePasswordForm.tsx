import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { applyFieldErrors } from '../api/forms';
import { errorText } from '../api/problem';
import { useI18n } from '../i18n/i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current password, new password twice; at least 10 characters as the server requires. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.post('/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('password.changed'));
      form.resetFields();
      onDone();
    } catch (err) {
      const codeField: Record<string, string> = {
        AUTH_WRONG_PASSWORD: 'currentPassword',
        AUTH_INVALID_CREDENTIALS: 'currentPassword',
        AUTH_PASSWORD_WEAK: 'newPassword',
        AUTH_PASSWORD_REUSED: 'newPassword',
      };
      const aliases = Object.fromEntries(Object.entries(codeField).map(([c, f]) => [`code:${c}`, f]));
      if (!applyFieldErrors(form, err, lang, aliases)) {
        message.error(errorText(err, lang));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="change-password-form">
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
        <Input.Password autoComplete="current-password" data-testid="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, min: 10, message: t('password.rule') }]}>
        {/* The rule is said once: as the placeholder while typing, as the error when not met (not also as a hint below). */}
        <Input.Password autoComplete="new-password" placeholder={t('password.rule')} data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_r, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block data-testid="change-password-submit">
        {t('password.submit')}
      </Button>
    </Form>
  );
}
