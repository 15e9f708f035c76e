import { useState } from 'react';
import { Button, Flex, Radio } from 'antd';
import { PrinterOutlined, LeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { ApprovalNoticeView } from './ApprovalNoticeView';
import { inboundApi, inboundKeys } from './inbound.api';

/** The notice on its own page, without the console around it: to print (A4 or A5) or show on a phone. */
export default function NoticePage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const [paper, setPaper] = useState<'A4' | 'A5'>('A4');
  const q = useQuery({ queryKey: inboundKeys.notice(id), queryFn: () => inboundApi.notice(id) });
  return (
    <div className={`jy-print-page jy-paper-${paper}`}>
      <style>{`@media print { @page { size: ${paper} portrait; margin: 12mm; } }`}</style>
      <Flex className="jy-no-print" justify="space-between" align="center" wrap gap={8} style={{ padding: 12, maxWidth: 820, margin: '0 auto' }}>
        <Button icon={<LeftOutlined />} onClick={() => navigate(`/inbound/requests/${id}`)}>
          {t('inbound.backToRequest')}
        </Button>
        <Flex gap={8} align="center">
          <Radio.Group size="small" optionType="button" value={paper} onChange={(e) => setPaper(e.target.value)} options={['A4', 'A5']} />
          <LanguageSwitch size="small" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-notice">
            {t('inbound.notice.print')}
          </Button>
        </Flex>
      </Flex>
      {q.error ? <QueryError error={q.error} /> : q.data ? <ApprovalNoticeView notice={q.data} /> : <PageSpin />}
    </div>
  );
}
