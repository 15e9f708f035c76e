import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Tabs, Typography } from 'antd';
import { LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { ME_KEY, useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { Logo } from '../../platform/layout/Brand';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { useDocumentTitle } from '../../platform/ui/hooks';
import { ResidentSignIn } from './ResidentSignIn';

/** Staff sign-in with username and password; residents sign in with a code sent to their phone. */
export function LoginPage() {
  const { t, lang } = useI18n();
  const { me } = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  useDocumentTitle(t('auth.signIn'), t('app.name'));

  if (me) {
    const to = me.kind === 'resident' ? '/resident' : me.mustChangePassword ? '/change-password' : next && next.startsWith('/') ? next : '/';
    return <Navigate to={to} replace />;
  }

  const afterSignIn = async () => {
    const fresh = await qc.fetchQuery({ queryKey: ME_KEY, queryFn: () => api.get<Me>('/me'), staleTime: 0 });
    if (fresh.kind === 'resident') void navigate('/resident', { replace: true });
    else if (fresh.mustChangePassword) void navigate('/change-password', { replace: true });
    else void navigate(next && next.startsWith('/') ? next : '/', { replace: true });
  };

  const signIn = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/login', v, { quiet401: true });
      await afterSignIn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const staffForm = (
    <Form layout="vertical" size="large" onFinish={signIn} requiredMark={false} onValuesChange={() => setError(null)}>
      {error ? <Alert type="error" showIcon title={<span data-testid="login-error">{errorText(error, lang)}</span>} style={{ marginBottom: 16 }} /> : null}
      <Form.Item name="username" rules={[{ required: true, message: t('auth.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} placeholder={t('auth.username')} autoComplete="username" data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} placeholder={t('auth.password')} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
        {t('auth.signIn')}
      </Button>
    </Form>
  );

  return (
    <Flex style={{ minHeight: '100vh' }}>
      <Flex
        vertical
        justify="space-between"
        style={{ flex: '1 1 50%', padding: 48, color: '#fff', background: 'linear-gradient(135deg, #0b1f3a 0%, #1453a8 60%, #1668dc 100%)' }}
        className="jy-login-aside"
      >
        <Flex align="center" gap={12}>
          <Logo size={40} />
          <div>
            <div style={{ fontSize: 24, fontWeight: 600 }}>{t('app.name')}</div>
            <div style={{ opacity: 0.7 }}>{t('app.tagline')}</div>
          </div>
        </Flex>
        <div style={{ maxWidth: 460 }}>
          <Typography.Title level={2} style={{ color: '#fff', marginTop: 0 }}>
            {t('auth.heroTitle')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,.8)', fontSize: 16 }}>{t('auth.heroText')}</Typography.Paragraph>
        </div>
        <div style={{ color: 'rgba(255,255,255,.78)', fontSize: 12 }}>{t('auth.privacyNote')}</div>
      </Flex>
      <Flex vertical style={{ flex: '1 1 50%', minWidth: 0, background: '#fff', padding: 16 }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Flex flex={1} justify="center" align="center" style={{ minWidth: 0 }}>
          <Card variant="borderless" style={{ width: '100%', maxWidth: 400, boxShadow: 'none' }}>
            <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>
              {t('auth.welcome')}
            </Typography.Title>
            <Tabs
              items={[
                { key: 'staff', label: <span data-testid="tab-staff">{t('auth.staffTab')}</span>, icon: <UserOutlined />, children: staffForm },
                {
                  key: 'resident',
                  label: <span data-testid="tab-resident">{t('auth.residentTab')}</span>,
                  icon: <MobileOutlined />,
                  children: <ResidentSignIn onSignedIn={afterSignIn} />,
                },
              ]}
            />
          </Card>
        </Flex>
      </Flex>
    </Flex>
  );
}
