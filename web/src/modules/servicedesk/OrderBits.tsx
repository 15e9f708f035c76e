import { Flex, Tag, Typography } from 'antd';
import { FireOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { OrderSummary } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { RelativeDue } from '../../platform/ui/RelativeDue';
import { STATUS_COLOR } from './servicedesk.api';

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="order-status" data-status={status}>
      {t(`sd.status.${status}`)}
    </Tag>
  );
}

/** The 首问责任人, shown wherever an order is. */
export function OwnerTag({ o }: { o: Pick<OrderSummary, 'owner'> }) {
  const { t } = useI18n();
  if (!o.owner) return null;
  return (
    <Tag icon={<UserOutlined />} color="gold" data-testid="order-owner" title={t('sd.detail.ownerHint')}>
      {t('sd.col.owner')}：{o.owner.name}
    </Tag>
  );
}

/** One order as a compact row on the board and the phone pages. */
export function OrderLine({ o, now, to }: { o: OrderSummary; now: number; to?: string }) {
  const { t, pick } = useI18n();
  return (
    <Flex vertical gap={2} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="order-line" data-order-id={o.id}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Link to={to ?? `/servicedesk/orders/${o.id}`} style={{ fontWeight: 600 }}>
          {o.emergency ? <FireOutlined style={{ color: '#cf1322', marginInlineEnd: 4 }} /> : null}#{o.id} {pick(o.categoryName)}
        </Link>
        <StatusTag status={o.status} />
      </Flex>
      <Typography.Text type="secondary" ellipsis style={{ fontSize: 13 }}>
        {o.placeLabel ?? o.address ?? ''} · {o.description}
      </Typography.Text>
      <Flex justify="space-between" gap={8} wrap style={{ fontSize: 12 }}>
        <span>
          <Tag style={{ fontSize: 11 }}>{t(`sd.kind.${o.kind}`)}</Tag>
          {o.team ? (
            <Typography.Text type="secondary">
              {o.team.name}
              {o.assignee ? ` · ${o.assignee.name}` : ''}
            </Typography.Text>
          ) : null}
          {o.owner ? (
            <Typography.Text type="secondary">
              {' '}
              · {t('sd.col.owner')} {o.owner.name}
            </Typography.Text>
          ) : null}
        </span>
        {o.nextDueAt ? <RelativeDue dueAt={o.nextDueAt} now={now} /> : <Typography.Text type="secondary">{fmtDateTime(o.receivedAt)}</Typography.Text>}
      </Flex>
    </Flex>
  );
}
