import { Card, Flex, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { useMe } from '../../platform/auth/me';
import { ChangePasswordForm } from '../../platform/auth/ChangePasswordForm';
import { useI18n } from '../../platform/i18n/i18n';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PageSpin } from '../../platform/ui/PageSpin';

/** After a first sign-in or a reset, the user must choose their own password before anything else. */
export function ForcedPasswordPage() {
  const { t } = useI18n();
  const { me, loading, refresh, signOut } = useMe();
  const navigate = useNavigate();
  if (loading) return <PageSpin />;
  if (!me) return <Navigate to="/login" replace />;
  // Once the new password is in (whichever render sees it first), the console is next.
  if (!me.mustChangePassword) return <Navigate to={me.kind === 'resident' ? '/resident' : '/'} replace />;
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 24, boxSizing: 'border-box' }} gap={16}>
      <LanguageSwitch />
      <Card style={{ width: '100%', maxWidth: 420 }} data-testid="forced-password">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('password.forcedTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('password.forcedText', { name: me.displayName })}</Typography.Paragraph>
        <ChangePasswordForm onDone={() => void refresh()} />
        <Typography.Link
          style={{ display: 'block', marginTop: 16, textAlign: 'center' }}
          onClick={async () => {
            await signOut();
            void navigate('/login');
          }}
        >
          {t('auth.signOut')}
        </Typography.Link>
      </Card>
    </Flex>
  );
}
