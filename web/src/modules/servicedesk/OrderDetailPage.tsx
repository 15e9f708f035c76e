import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Image, List, Rate, Row, Space, Steps, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { OrderSummary } from '@jiayuan/contracts';
import { errorText } from '../../platform/api/problem';
import { useParams } from 'react-router';
import type { OrderDetail } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { useNow } from '../../platform/ui/hooks';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { RelativeDue } from '../../platform/ui/RelativeDue';
import { OrderActions } from './OrderActions';
import { OwnerTag, StatusTag } from './OrderBits';
import { SD, useServicedeskLive } from './servicedesk.api';

/** Clocks of an order: each stage's due time, done or running, late or on time. */
export function Clocks({ o, now }: { o: OrderDetail; now: number }) {
  const { t } = useI18n();
  return (
    <Steps
      size="small"
      orientation="vertical"
      data-testid="order-clocks"
      items={o.clocks.map((c) => ({
        status: c.doneAt ? (c.late ? 'error' : 'finish') : c.overdue ? 'error' : 'process',
        title: (
          <span data-testid={`clock-${c.stage}`} data-due={c.dueAt}>
            {t(`sd.stage.${c.stage}`)} {c.doneAt ? <Tag color={c.late ? 'red' : 'green'}>{t(c.late ? 'sd.detail.late' : 'sd.detail.onTime')}</Tag> : null}
          </span>
        ),
        content: (
          <Flex vertical style={{ fontSize: 13 }}>
            <span>
              {t('sd.detail.due')} {fmtDateTime(c.dueAt)}
            </span>
            {c.doneAt ? (
              <span>
                {t('sd.detail.done')} {fmtDateTime(c.doneAt)}
              </span>
            ) : o.pausedAt ? null : (
              <RelativeDue dueAt={c.dueAt} now={now} />
            )}
          </Flex>
        ),
      }))}
    />
  );
}

export function Photos({ o }: { o: OrderDetail }) {
  const { t } = useI18n();
  if (!o.photos.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {o.photos.map((p) => (
          <Flex vertical key={p.id} align="center">
            <Image src={p.url} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 6 }} data-testid="order-photo" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(p.stage === 'report' ? 'sd.detail.reporter' : 'sd.detail.result')}
            </Typography.Text>
          </Flex>
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

export function EventsTimeline({ o }: { o: OrderDetail }) {
  const { t } = useI18n();
  return (
    <Timeline
      data-testid="order-timeline"
      items={o.events.map((e) => ({
        color: e.action === 'overdue' ? 'red' : e.action === 'cancel' ? 'gray' : 'blue',
        content: (
          <Flex vertical>
            <span>
              <Typography.Text strong>{t(`sd.event.${e.action}`, { defaultValue: e.action })}</Typography.Text> · {e.actorName}
            </span>
            {e.note && e.action !== 'received' ? <Typography.Text type="secondary">{e.note}</Typography.Text> : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmtDateTime(e.at)}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}

/** Open orders about the same thing in the same building this week, to merge this one into. */
function Duplicates({ o }: { o: OrderDetail }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['sd', 'dups', o.categoryId, o.placeId],
    queryFn: () => api.get<{ items: OrderSummary[] }>(`${SD}/duplicates`, { categoryId: o.categoryId, placeId: o.placeId }),
    enabled: !!o.placeId && o.actions.includes('merge'),
  });
  const merge = useMutation({
    mutationFn: (intoId: number) => api.post<OrderDetail>(`${SD}/orders/${o.id}/merge`, { intoId, version: o.version }),
    onSuccess: (next) => {
      qc.setQueryData(['sd', 'order', o.id], next);
      void qc.invalidateQueries({ queryKey: ['sd'] });
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  const others = (q.data?.items ?? []).filter((x) => x.id !== o.id);
  if (!o.actions.includes('merge') || others.length === 0) return null;
  return (
    <Card title={t('sd.intake.duplicates')} style={{ marginBottom: 16 }} data-testid="order-duplicates">
      <List
        size="small"
        dataSource={others}
        renderItem={(x) => (
          <List.Item
            extra={
              <Button size="small" loading={merge.isPending && merge.variables === x.id} onClick={() => merge.mutate(x.id)} data-testid="merge-into">
                {t('sd.detail.mergeHere', { id: x.id })}
              </Button>
            }
          >
            <Flex vertical>
              <Link to={`/servicedesk/orders/${x.id}`}>
                #{x.id} {pick(x.categoryName)}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {x.placeLabel} · {x.description}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** One order for the staff console: owner, clocks, photos, result, history, and the actions allowed now. */
export default function OrderDetailPage() {
  const { t, pick } = useI18n();
  const id = Number(useParams().id);
  const now = useNow(15000);
  const q = useQuery({ queryKey: ['sd', 'order', id], queryFn: () => api.get<OrderDetail>(`${SD}/orders/${id}`) });
  useServicedeskLive([['sd', 'order', id]]);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageSpin />;
  const o = q.data;
  return (
    <>
      <PageHeader
        title={
          <span data-testid="order-title">
            #{o.id} {pick(o.categoryName)} <StatusTag status={o.status} /> {o.emergency ? <Tag color="red">{t('sd.intake.emergency')}</Tag> : null}
          </span>
        }
        subtitle={
          <>
            {t(`sd.kind.${o.kind}`)} · {t(`sd.channel.${o.channel}`)} · {fmtDateTime(o.receivedAt)}
          </>
        }
        extra={<OrderActions o={o} />}
      />
      {o.transfer ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('sd.detail.transfer', { team: o.transfer.toTeamName, by: o.transfer.requestedByName, reason: o.transfer.reason })}
          data-testid="order-transfer"
        />
      ) : null}
      {o.pausedAt ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('sd.detail.paused', { reason: o.pauseReason ?? '' })} /> : null}
      {o.mergedIntoId ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('sd.detail.mergedInto', { id: o.mergedIntoId })} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('sd.detail.owner')} span={2}>
                {o.owner ? <OwnerTag o={o} /> : <Typography.Text type="secondary">{t('sd.detail.noOwner')}</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label={t('sd.detail.reporter')}>{o.reporterName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('sd.detail.phone')}>{o.reporterPhoneMasked ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('sd.detail.place')} span={2}>
                {[o.placeLabel, o.address].filter(Boolean).join(' ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('sd.detail.team')}>{o.team?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('sd.detail.assignee')}>{o.assignee?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('sd.detail.description')} span={2}>
                <span data-testid="order-description">{o.description}</span>
              </Descriptions.Item>
              {o.cancelReason ? (
                <Descriptions.Item label={t('sd.detail.cancelReason')} span={2}>
                  {o.cancelReason}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          {o.resolvedAt || o.reply || o.rating ? (
            <Card title={t('sd.detail.result')} style={{ marginBottom: 16 }}>
              <Descriptions column={1} size="small">
                {o.firstVisitFix !== null ? (
                  <Descriptions.Item label={t('sd.detail.firstVisitFix')}>{t(o.firstVisitFix ? 'sd.detail.yes' : 'sd.detail.no')}</Descriptions.Item>
                ) : null}
                {o.workDone ? <Descriptions.Item label={t('sd.detail.workDone')}>{o.workDone}</Descriptions.Item> : null}
                {o.materials ? <Descriptions.Item label={t('sd.detail.materials')}>{o.materials}</Descriptions.Item> : null}
                {o.reply ? <Descriptions.Item label={t('sd.detail.reply')}>{o.reply}</Descriptions.Item> : null}
                {o.rating ? (
                  <Descriptions.Item label={t('sd.detail.rating')}>
                    <Rate disabled value={o.rating} /> {o.ratingNote}
                  </Descriptions.Item>
                ) : null}
                {o.reopenCount ? <Descriptions.Item label="">{t('sd.detail.reopened', { count: o.reopenCount })}</Descriptions.Item> : null}
              </Descriptions>
            </Card>
          ) : null}
          <Card title={t('sd.detail.photos')} style={{ marginBottom: 16 }}>
            <Photos o={o} />
          </Card>
          <Duplicates o={o} />
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('sd.detail.clocks')} style={{ marginBottom: 16 }}>
            {o.clocks.length ? <Clocks o={o} now={now} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
          <Card title={t('sd.detail.timeline')}>
            <EventsTimeline o={o} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
