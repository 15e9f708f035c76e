import { Card, Col, Descriptions, Empty, Flex, Row, Steps, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { InboundRequestDetail } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { useLiveTopic } from '../../platform/live/live';
import { fmtDateTime } from '../../platform/time';
import { useNow } from '../../platform/ui/hooks';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { RelativeDue } from '../../platform/ui/RelativeDue';
import { STATUS_COLORS, inboundApi, inboundKeys } from './inbound.api';
import { StepActions } from './StepActions';

/**
 * The step each status waits on (0 submit … 5 arrive; 6 = all done). Approval pushes the result at
 * once, so an approved request waits on 通知本人, and a notified one on 抵达报备.
 */
export const STEP_INDEX: Record<string, number> = { submitted: 1, routed: 2, approved: 4, notified: 5, arrived: 6, rejected: 2, withdrawn: 0 };

/** One return request: who, from where, the six steps with the current clock, and its timeline. */
export default function InboundRequestPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const now = useNow(15000);
  const q = useQuery({ queryKey: inboundKeys.one(id), queryFn: () => inboundApi.get(id) });
  useLiveTopic('inbound', 'inbound.changed', (d) => {
    if (Number(d.id) === id) void qc.invalidateQueries({ queryKey: inboundKeys.one(id) });
  });
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} backTo={{ to: '/inbound', label: t('inbound.backToQueue') }} />;
  if (!q.data) return <PageSpin />;
  const r: InboundRequestDetail = q.data;
  const current = STEP_INDEX[r.status] ?? 0;
  const h = r.health;
  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={10}>
            <span data-testid="request-name">{r.name}</span>
            <Tag color={STATUS_COLORS[r.status]} data-testid="request-status" data-status={r.status}>
              {t(`inbound.status.${r.status}`)}
            </Tag>
          </Flex>
        }
        subtitle={`${r.reference} · ${t(`inbound.source.${r.source}`)}`}
        extra={<Link to="/inbound">{t('inbound.backToQueue')}</Link>}
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          data-testid="request-steps"
          data-current={current}
          status={r.status === 'rejected' ? 'error' : r.status === 'arrived' ? 'finish' : 'process'}
          items={(['submit', 'route', 'review', 'push', 'notify', 'arrive'] as const).map((s) => ({ title: t(`inbound.sixSteps.${s}`) }))}
        />
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: 16 }}>
          <div data-testid="request-clock">
            {r.dueAt ? (
              <>
                <Typography.Text>{t(`inbound.waiting.${r.waitingFor}`)}</Typography.Text> · <RelativeDue dueAt={r.dueAt} now={now} />{' '}
                <Typography.Text type="secondary">（{fmtDateTime(r.dueAt)}）</Typography.Text>
              </>
            ) : (
              <Typography.Text type="secondary">{t(`inbound.waiting.${r.waitingFor}`)}</Typography.Text>
            )}
          </div>
          <StepActions r={r} />
        </Flex>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={t('inbound.details')} style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
              <Descriptions.Item label={t('inbound.field.idNumber')}>{r.idNumberMasked ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('inbound.field.phone')}>{r.phoneMasked ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('inbound.field.employer')}>{r.employerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('inbound.field.from')}>
                {r.fromCity} <Tag color={r.fromRisk === 'high' ? 'red' : r.fromRisk === 'medium' ? 'orange' : 'green'}>{t(`inbound.risk.${r.fromRisk}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('inbound.field.plannedArrival')}>{r.plannedArrival}</Descriptions.Item>
              <Descriptions.Item label={t('inbound.field.transport')}>{r.transport ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('inbound.field.dwelling')} span={2}>
                {r.dwellingLabel ?? r.address ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('inbound.field.community')}>{r.communityName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('inbound.field.measure')}>
                {r.measure ? `${t(`inbound.measure.${r.measure.kind}`)}${r.measure.days ? ` ${t('inbound.nDays', { count: r.measure.days })}` : ''}` : '—'}
              </Descriptions.Item>
              {r.decisionReason ? (
                <Descriptions.Item label={t('inbound.field.decisionReason')} span={2}>
                  {r.decisionReason}
                </Descriptions.Item>
              ) : null}
              {r.appealText ? (
                <Descriptions.Item label={t('inbound.field.appeal')} span={2}>
                  {r.appealText}
                </Descriptions.Item>
              ) : null}
              {r.selfReportedAt ? (
                <Descriptions.Item label={t('inbound.field.selfReported')} span={2}>
                  <Tag color="orange">{fmtDateTime(r.selfReportedAt)}</Tag>
                </Descriptions.Item>
              ) : null}
              {r.observationCaseId ? (
                <Descriptions.Item label={t('inbound.field.observation')} span={2}>
                  <Link to={`/observation/cases/${r.observationCaseId}`} data-testid="observation-link">
                    {t('inbound.openObservation')}
                  </Link>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          {h ? (
            <Card title={t('inbound.health.title')} style={{ marginBottom: 16 }}>
              <Descriptions column={2} size="small">
                <Descriptions.Item label={t('inbound.health.symptoms')}>
                  {h.symptoms.length
                    ? h.symptoms.map((s) => (
                        <Tag key={s} color="red">
                          {t(`observation.symptom.${s}`)}
                        </Tag>
                      ))
                    : t('inbound.health.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('inbound.health.temperature')}>{h.temperature ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('inbound.health.contact')}>
                  {h.contactWithCase ? <Tag color="red">{t('inbound.yes')}</Tag> : t('inbound.no')}
                </Descriptions.Item>
                <Descriptions.Item label={t('inbound.field.note')}>{h.note ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('inbound.timeline')}>
            {r.events.length ? (
              <Timeline
                data-testid="request-timeline"
                items={r.events.map((e) => ({
                  color: e.action === 'reject' ? 'red' : e.action === 'approve' || e.action === 'checkIn' ? 'green' : 'blue',
                  content: (
                    <>
                      <Typography.Text strong>{t(`inbound.event.${e.action}`)}</Typography.Text>{' '}
                      <Typography.Text type="secondary">{e.actorName}</Typography.Text>
                      <div>
                        <Typography.Text type="secondary">{fmtDateTime(e.at)}</Typography.Text>
                      </div>
                      {e.reason ? <div>{e.reason}</div> : null}
                    </>
                  ),
                }))}
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
