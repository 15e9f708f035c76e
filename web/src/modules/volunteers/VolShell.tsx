import type { ReactNode } from 'react';
import { Button, Flex } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { Logo } from '../../platform/layout/Logo';
import { useI18n } from '../../platform/i18n/i18n';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';

/** A resident's or volunteer's phone page: a green title bar with the way back, then cards in large type. */
export function VolShell({ title, back, children, testId }: { title: string; back?: string; children: ReactNode; testId?: string }) {
  const navigate = useNavigate();
  const { t } = useI18n();
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', minHeight: '100vh', background: '#f4f7f4', fontSize: 16 }} data-testid={testId}>
      <Flex
        justify="space-between"
        align="center"
        style={{ padding: '14px 12px', background: '#135200', color: '#fff', position: 'sticky', top: 0, zIndex: 5 }}
      >
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {back ? (
            <Button type="text" icon={<ArrowLeftOutlined style={{ color: '#fff' }} />} onClick={() => void navigate(back)} aria-label={t('common.back')} />
          ) : (
            <Logo size={28} />
          )}
          <PhoneTitle style={{ fontSize: 18, fontWeight: 600, margin: 0 }} text={title} />
        </Flex>
        <LanguageSwitch size="small" />
      </Flex>
      <Flex vertical gap={12} style={{ padding: 12 }}>
        {children}
      </Flex>
    </div>
  );
}
