import type { ReactNode } from 'react';
import { Button, Flex } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { Logo } from '../../platform/layout/Logo';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';
import { useI18n } from '../../platform/i18n/i18n';

/** A phone-width page: dark title bar, large type, content in cards. */
export function MobileShell({ title, back, children, testId }: { title: string; back?: string; children: ReactNode; testId?: string }) {
  const navigate = useNavigate();
  const { t } = useI18n();
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', minHeight: '100vh', background: '#f3f5f8', fontSize: 16 }} data-testid={testId}>
      <Flex
        justify="space-between"
        align="center"
        style={{ padding: '14px 12px', background: '#0b1f3a', color: '#fff', position: 'sticky', top: 0, zIndex: 5 }}
      >
        <Flex align="center" gap={8}>
          {back ? (
            <Button
              type="text"
              icon={<ArrowLeftOutlined style={{ color: '#fff' }} />}
              onClick={() => void navigate(back)}
              aria-label={t('common.back')}
              data-testid="mobile-back"
            />
          ) : (
            <Logo size={28} />
          )}
          <PhoneTitle style={{ fontSize: 18, fontWeight: 600 }} text={title} />
        </Flex>
        <LanguageSwitch size="small" />
      </Flex>
      <Flex vertical gap={12} style={{ padding: 12 }}>
        {children}
      </Flex>
    </div>
  );
}
