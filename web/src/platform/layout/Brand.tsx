import { Flex, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { Logo } from './Logo';

export { Logo };

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
