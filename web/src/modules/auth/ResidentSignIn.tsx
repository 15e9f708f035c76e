import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Space } from 'antd';
import { MobileOutlined, SafetyOutlined } from '@ant-design/icons';
import { api } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';

interface Values {
  phone: string;
  code: string;
}

/** Phone number, "send code" with a countdown, then the six-digit code. */
export function ResidentSignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [countdown, setCountdown] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (countdown <= 0) return;
    const id = setTimeout(() => setCountdown((c) => c - 1), 1000);
    return () => clearTimeout(id);
  }, [countdown]);

  const sendCode = async () => {
    setError(null);
    try {
      const { phone } = await form.validateFields(['phone']);
      const r = await api.post<{ retryAfterSeconds: number }>('/auth/otp', { phone }, { quiet401: true });
      setCountdown(r.retryAfterSeconds);
      message.success(t('auth.codeSent'));
    } catch (err) {
      if (err && typeof err === 'object' && 'errorFields' in err) return;
      setError(err);
    }
  };

  const verify = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/otp/verify', v, { quiet401: true });
      await onSignedIn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" size="large" onFinish={verify} requiredMark={false}>
      {error ? <Alert type="error" showIcon title={<span data-testid="otp-error">{errorText(error, lang)}</span>} style={{ marginBottom: 16 }} /> : null}
      <Form.Item name="phone" rules={[{ required: true, pattern: /^(\+?86)?1[3-9]\d{9}$/, message: t('auth.phoneInvalid') }]}>
        <Input prefix={<MobileOutlined />} placeholder={t('auth.phone')} inputMode="tel" autoComplete="tel" data-testid="otp-phone" />
      </Form.Item>
      <Form.Item>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.codeInvalid') }]}>
            <Input
              prefix={<SafetyOutlined />}
              placeholder={t('auth.code')}
              inputMode="numeric"
              maxLength={6}
              autoComplete="one-time-code"
              data-testid="otp-code"
            />
          </Form.Item>
          <Button onClick={sendCode} disabled={countdown > 0} data-testid="otp-send" style={{ minWidth: 130 }}>
            {countdown > 0 ? t('auth.resendIn', { s: countdown }) : t('auth.sendCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="otp-submit">
        {t('auth.signIn')}
      </Button>
    </Form>
  );
}
