import { Button, Flex } from 'antd';
import { LeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { accessApi } from './access.api';
import { PassCardView } from './PassCardView';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';

/** One pass on its own page, to print at card size. */
export default function PassCardPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['access', 'pass', id], queryFn: () => accessApi.pass(id) });
  return (
    <div className="jy-print-page" style={{ minHeight: '100vh', background: '#f3f5f8' }}>
      <style>{'@media print { @page { size: A6 portrait; margin: 6mm; } }'}</style>
      <Flex className="jy-no-print" justify="space-between" align="center" gap={8} style={{ padding: 12, maxWidth: 520, margin: '0 auto' }}>
        <Button icon={<LeftOutlined />} onClick={() => navigate('/access/passes')}>
          {t('access.card.back')}
        </Button>
        <Flex gap={8}>
          <LanguageSwitch size="small" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-pass">
            {t('access.card.printNow')}
          </Button>
        </Flex>
      </Flex>
      <PhoneTitle text={t('access.card.title')} style={{ textAlign: 'center', fontSize: 20, fontWeight: 600 }} />
      <Flex justify="center" style={{ padding: 12 }}>
        {q.error ? <QueryError error={q.error} /> : q.data ? <PassCardView pass={q.data} /> : <PageSpin />}
      </Flex>
    </div>
  );
}
