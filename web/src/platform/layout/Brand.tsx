import { Flex, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';

export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden>
      <rect width="64" height="64" rx="14" fill="#1668dc" />
      <path d="M14 32 32 16l18 16v16a2 2 0 0 1-2 2H38V38H26v12H16a2 2 0 0 1-2-2z" fill="#fff" />
    </svg>
  );
}

export function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useI18n();
  return (
    <Flex align="center" gap={10} style={{ height: 64, paddingInline: collapsed ? 26 : 20 }}>
      <Logo />
      {collapsed ? null : (
        <div style={{ lineHeight: 1.2 }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 17 }}>
            {t('app.name')}
          </Typography.Text>
          <div style={{ color: 'rgba(255,255,255,.55)', fontSize: 11 }}>{t('app.tagline')}</div>
        </div>
      )}
    </Flex>
  );
}
