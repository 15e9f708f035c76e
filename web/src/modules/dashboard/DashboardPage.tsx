import { lazy, Suspense } from 'react';
import { Card, Col, Empty, Row } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { DashboardView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useSignedIn } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { useLiveTopics } from '../../platform/live/live';
import { allLiveTopics, webModules, type DashboardCardRenderer } from '../../platform/modules';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { PageSpin } from '../../platform/ui/PageSpin';
import { FiguresCard } from '../../platform/ui/FiguresCard';

/**
 * The modules' own card renderers by card key, each its own chunk, fetched as this page loads
 * (alongside the figures); any other card is drawn as figures.
 */
const RENDERERS = new Map<string, DashboardCardRenderer>(
  webModules().flatMap((m) =>
    Object.entries(m.dashboardCards ?? {}).map(([key, load]): [string, DashboardCardRenderer] => {
      const loading = load();
      return [key, lazy(() => loading)];
    }),
  ),
);
/** Every module's live topics: an event of any of them refreshes the cards. */
const TOPICS = allLiveTopics();

/** The coordinator's first screen: each module's card of today's figures, refreshed live. */
export default function DashboardPage() {
  const { t } = useI18n();
  const me = useSignedIn();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['dashboard'], queryFn: () => api.get<DashboardView>('/dashboard'), refetchInterval: 60000 });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['dashboard'] });
  useLiveTopics(TOPICS, refresh);
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
            const Renderer = RENDERERS.get(card.key) ?? FiguresCard;
            return (
              <Col key={card.key} xs={24} xl={12}>
                <Suspense fallback={<Card loading style={{ height: '100%' }} />}>
                  <Renderer card={card} />
                </Suspense>
              </Col>
            );
          })}
        </Row>
      )}
    </>
  );
}
