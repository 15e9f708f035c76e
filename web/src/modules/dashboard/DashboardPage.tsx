import { Col, Empty, Row } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { DashboardView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useSignedIn } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { useLiveTopic } from '../../platform/live/live';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { PageSpin } from '../../platform/ui/PageSpin';
import { rendererFor } from './card-registry';
// Registers the sealed-places card's renderer.
import '../containment/SealedCard';

/** The coordinator's first screen: each module's card of today's figures, refreshed live. */
export default function DashboardPage() {
  const { t } = useI18n();
  const me = useSignedIn();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['dashboard'], queryFn: () => api.get<DashboardView>('/dashboard'), refetchInterval: 60000 });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['dashboard'] });
  useLiveTopic('inbound', 'inbound.changed', refresh);
  useLiveTopic('observation', 'observation.changed', refresh);
  useLiveTopic('containment', 'containment.changed', refresh);
  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle', { name: me.displayName, date: q.data?.date ?? '' })} />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!q.data ? (
        <PageSpin />
      ) : q.data.cards.length === 0 ? (
        <Empty />
      ) : (
        <Row gutter={[16, 16]}>
          {q.data.cards.map((card) => {
            const Card = rendererFor(card.key);
            return (
              <Col key={card.key} xs={24} xl={12}>
                <Card card={card} />
              </Col>
            );
          })}
        </Row>
      )}
    </>
  );
}
