import { Card, Empty } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { DeclarationStatusCard } from './DeclarationStatusPage';
import { inboundApi } from './inbound.api';

/** A resident's home-page tile: their own entry declarations, each with its state, and the way to declare. */
export default function ResidentDeclarationsTile() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const mine = useQuery({ queryKey: ['inbound', 'mine'], queryFn: inboundApi.mine, retry: false });
  const report = useMutation({ mutationFn: inboundApi.selfReportMine, onSuccess: () => void qc.invalidateQueries({ queryKey: ['inbound', 'mine'] }) });
  return (
    <Card
      title={<span style={{ fontSize: 18 }}>{t('inbound.declare.mine')}</span>}
      extra={
        <Link to="/declare" data-testid="resident-declare">
          {t('inbound.declare.title')}
        </Link>
      }
      loading={mine.isPending}
      data-testid="resident-declarations"
    >
      {mine.data?.items.length ? (
        mine.data.items.map((s) => (
          <DeclarationStatusCard key={s.id} s={s} onSelfReport={() => report.mutate(s.id)} reporting={report.isPending && report.variables === s.id} />
        ))
      ) : (
        <Empty description={t('inbound.declare.none')} />
      )}
    </Card>
  );
}
