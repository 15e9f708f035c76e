import { Card, Empty, Flex, Tabs, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { MyWork, OrderDetail } from '@jiayuan/contracts';
import type { z } from 'zod';
import { api } from '../../platform/api/client';
import { useSignedIn } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { useNow } from '../../platform/ui/hooks';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { MobileShell } from './MobileShell';
import { OrderActions } from './OrderActions';
import { OrderLine, OwnerTag, StatusTag } from './OrderBits';
import { Clocks, Photos } from './OrderDetailPage';
import { PhotoButton } from './PhotoButton';
import { SD, useServicedeskLive } from './servicedesk.api';

type Work = z.infer<typeof MyWork>;

/** The repairer's phone page: my orders and my team's pool, soonest due first. */
export default function FieldPage() {
  const { t } = useI18n();
  const me = useSignedIn();
  const now = useNow(15000);
  const q = useQuery({ queryKey: ['sd', 'my-work'], queryFn: () => api.get<Work>(`${SD}/my-work`), refetchInterval: 60000 });
  useServicedeskLive([['sd', 'my-work']]);
  const list = (items: Work['mine']) =>
    items.length ? items.map((o) => <OrderLine key={o.id} o={o} now={now} to={`/field/orders/${o.id}`} />) : <Empty description={t('sd.field.empty')} />;
  return (
    <MobileShell title={t('sd.field.title')} testId="field-page">
      <Typography.Text type="secondary">{me.displayName}</Typography.Text>
      {q.error ? <QueryError error={q.error} /> : null}
      <Card loading={q.isPending} styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          items={[
            {
              key: 'mine',
              label: (
                <span data-testid="field-tab-mine">
                  {t('sd.field.mine')} ({q.data?.mine.length ?? 0})
                </span>
              ),
              children: <div data-testid="field-mine">{list(q.data?.mine ?? [])}</div>,
            },
            {
              key: 'pool',
              label: (
                <span data-testid="field-tab-pool">
                  {t('sd.field.pool')} ({q.data?.pool.length ?? 0})
                </span>
              ),
              children: <div data-testid="field-pool">{list(q.data?.pool ?? [])}</div>,
            },
          ]}
        />
      </Card>
    </MobileShell>
  );
}

/** One order on the repairer's phone: where, what, clocks, photos, and big buttons for the next step. */
export function FieldOrderPage() {
  const { t, pick } = useI18n();
  const id = Number(useParams().id);
  const now = useNow(15000);
  const q = useQuery({ queryKey: ['sd', 'order', id], queryFn: () => api.get<OrderDetail>(`${SD}/orders/${id}`) });
  useServicedeskLive([['sd', 'order', id]]);
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <PageSpin />;
  const o = q.data;
  const where = [o.placeLabel, o.address].filter(Boolean).join(' ');
  return (
    <MobileShell title={`#${o.id} ${pick(o.categoryName)}`} back="/field" testId="field-order">
      <Card>
        <Flex vertical gap={8}>
          <Flex justify="space-between" align="center">
            <StatusTag status={o.status} />
            {o.emergency ? <Tag color="red">{t('sd.intake.emergency')}</Tag> : null}
          </Flex>
          <Typography.Text style={{ fontSize: 18 }} data-testid="order-description">
            {o.description}
          </Typography.Text>
          <Typography.Text>
            <EnvironmentOutlined /> {where || '—'}
          </Typography.Text>
          {where ? (
            <a href={`https://uri.amap.com/search?keyword=${encodeURIComponent(where)}`} target="_blank" rel="noreferrer" data-testid="field-navigate">
              {t('sd.field.navigate')}
            </a>
          ) : null}
          <Typography.Text type="secondary">
            {o.reporterName ?? ''} {o.reporterPhoneMasked ?? ''}
          </Typography.Text>
          <OwnerTag o={o} />
        </Flex>
      </Card>
      <Card title={t('sd.detail.clocks')}>
        <Clocks o={o} now={now} />
      </Card>
      <Card title={t('sd.detail.photos')}>
        <Photos o={o} />
        {o.actions.includes('addPhoto') && o.status === 'on_site' ? (
          <div style={{ marginTop: 12 }}>
            <PhotoButton url={`${SD}/orders/${o.id}/photos`} onUploaded={() => void q.refetch()} block testId="field-photo-input" />
          </div>
        ) : null}
      </Card>
      <OrderActions o={o} size="large" block />
    </MobileShell>
  );
}
