import { Button, Empty, Flex } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { Logo } from '../../platform/layout/Logo';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { accessApi } from './access.api';
import { PassCardView } from './PassCardView';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';

/** A resident's own passes on the phone, each as a large QR code to show at the gate. */
export default function MyPassesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['access', 'my-passes'], queryFn: accessApi.myPasses, refetchInterval: 60000 });
  const items = q.data?.items ?? [];
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', minHeight: '100vh', background: '#f3f5f8' }} data-testid="my-passes">
      <Flex justify="space-between" align="center" style={{ padding: '14px 16px', background: '#0b1f3a', color: '#fff' }}>
        <Flex align="center" gap={10}>
          <Button type="text" icon={<LeftOutlined style={{ color: '#fff' }} />} onClick={() => navigate('/resident')} aria-label={t('access.card.back')} />
          <Logo size={28} />
          <PhoneTitle style={{ fontSize: 20, fontWeight: 600 }} text={t('access.my.title')} />
        </Flex>
        <LanguageSwitch size="small" />
      </Flex>
      <Flex vertical align="center" gap={16} style={{ padding: 16 }}>
        {q.error ? (
          <QueryError error={q.error} />
        ) : q.isPending ? (
          <PageSpin />
        ) : items.length === 0 ? (
          <Empty description={t('access.my.empty')} />
        ) : (
          items.map((p) => <PassCardView key={p.id} pass={p} own />)
        )}
      </Flex>
    </div>
  );
}
