import { lazy, Suspense, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Flex, Input, Segmented } from 'antd';
import { LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { ME_KEY, useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { Logo } from '../../platform/layout/Logo';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { useDocumentTitle } from '../../platform/ui/hooks';

// The residents' sign-in is fetched when its switch is chosen, not on every staff sign-in.
const ResidentSignIn = lazy(() => import('./ResidentSignIn').then((m) => ({ default: m.ResidentSignIn })));

/** Staff sign-in with username and password; residents sign in with a code sent to their phone. */
export function LoginPage() {
  const { t, lang } = useI18n();
  const { me } = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [who, setWho] = useState<'staff' | 'resident'>('staff');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
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

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lacking = { username: !username.trim(), password: !password };
    setMissing(lacking);
    if (!lacking.username && !lacking.password) void signIn({ username, password });
  };

  // Two fields and a button: a plain form rather than antd's Form, whose field and validation
  // machinery would add ~20 KB gzip to the sign-in page's first load (issue 10, item 23).
  const fieldError = (id: string, text: string) => (
    <div id={id} role="alert" style={{ color: '#d4380d', fontSize: 14, lineHeight: 1.5, marginTop: 4 }}>
      {text}
    </div>
  );
  // One field: its box, marked and described while it is missing, cleared as it is typed in.
  const field = (
    name: 'username' | 'password',
    Box: typeof Input | typeof Input.Password,
    icon: ReactNode,
    autoComplete: string,
    value: string,
    set: (v: string) => void,
  ) => (
    <div style={{ marginBottom: 24 }}>
      <Box
        size="large"
        prefix={icon}
        placeholder={t(`auth.${name}`)}
        aria-label={t(`auth.${name}`)}
        autoComplete={autoComplete}
        data-testid={`login-${name}`}
        value={value}
        status={missing[name] ? 'error' : undefined}
        aria-invalid={missing[name] || undefined}
        aria-describedby={missing[name] ? `login-${name}-error` : undefined}
        onChange={(e) => {
          set(e.target.value);
          setMissing((m) => ({ ...m, [name]: false }));
          setError(null);
        }}
      />
      {missing[name] ? fieldError(`login-${name}-error`, t(`auth.${name}Required`)) : null}
    </div>
  );
  const staffForm = (
    <form onSubmit={submit} noValidate>
      {error ? <Alert type="error" showIcon title={<span data-testid="login-error">{errorText(error, lang)}</span>} style={{ marginBottom: 16 }} /> : null}
      {field('username', Input, <UserOutlined />, 'username', username, setUsername)}
      {field('password', Input.Password, <LockOutlined />, 'current-password', password, setPassword)}
      <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="login-submit">
        {t('auth.signIn')}
      </Button>
    </form>
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
          <h2 style={{ color: '#fff', marginTop: 0, marginBottom: '0.5em', fontSize: 30, fontWeight: 600, lineHeight: 1.35 }}>{t('auth.heroTitle')}</h2>
          <p style={{ color: 'rgba(255,255,255,.8)', fontSize: 16, marginTop: 0, marginBottom: '1em' }}>{t('auth.heroText')}</p>
        </div>
        <div style={{ color: 'rgba(255,255,255,.78)', fontSize: 12 }}>{t('auth.privacyNote')}</div>
      </Flex>
      <Flex vertical style={{ flex: '1 1 50%', minWidth: 0, background: '#fff', padding: 16 }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Flex flex={1} justify="center" align="center" style={{ minWidth: 0 }}>
          {/* A plain box: antd's Card brings its Tabs along. */}
          <div style={{ width: '100%', maxWidth: 400, padding: 24 }}>
            <h1 style={{ marginTop: 0, marginBottom: '0.5em', fontSize: 24, fontWeight: 600, lineHeight: 1.35, color: 'rgba(0, 0, 0, 0.88)' }}>
              {t('auth.welcome')}
            </h1>
            {/* A two-way switch rather than antd's Tabs, whose overflow menu and dropdown would add ~20 KB gzip to the first load. */}
            <Segmented<'staff' | 'resident'>
              block
              value={who}
              onChange={setWho}
              style={{ marginBottom: 24 }}
              options={[
                { value: 'staff', icon: <UserOutlined />, label: <span data-testid="tab-staff">{t('auth.staffTab')}</span> },
                { value: 'resident', icon: <MobileOutlined />, label: <span data-testid="tab-resident">{t('auth.residentTab')}</span> },
              ]}
            />
            {who === 'staff' ? (
              staffForm
            ) : (
              <Suspense fallback={null}>
                <ResidentSignIn onSignedIn={afterSignIn} />
              </Suspense>
            )}
          </div>
        </Flex>
      </Flex>
    </Flex>
  );
}
