import { Card, Flex, Steps, Tag, Typography } from 'antd';
import { EnvironmentOutlined, ClockCircleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs, local } from '../../platform/time';
import { NEED_COLORS, type NeedView } from './volunteers.api';

/** A time window, "12-08 09:00–11:00". */
export function windowText(start: string, end: string) {
  const s = local(start);
  const e = local(end);
  return `${s.format('MM-DD HH:mm')}–${e.format(e.isSame(s, 'day') ? 'HH:mm' : 'MM-DD HH:mm')}`;
}

export function NeedStatusTag({ n }: { n: Pick<NeedView, 'status'> }) {
  const { t } = useI18n();
  return (
    <Tag color={NEED_COLORS[n.status]} data-testid="need-status" data-status={n.status} style={{ fontSize: 14 }}>
      {t(`vol.needStatus.${n.status}`)}
    </Tag>
  );
}

/** A need on the phone: what, when, where, its state; what can be done with it below. */
export function NeedCard({ n, children, onOpen }: { n: NeedView; children?: ReactNode; onOpen?: () => void }) {
  const { t } = useI18n();
  return (
    <Card data-testid={`need-${n.id}`} data-status={n.status} onClick={onOpen} hoverable={!!onOpen} styles={{ body: { padding: 14 } }}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong style={{ fontSize: 17 }}>
            {n.title}
          </Typography.Text>
          <NeedStatusTag n={n} />
        </Flex>
        <Flex gap={6} wrap>
          <Tag color="green">{t(`vol.category.${n.category}`)}</Tag>
          {n.takersNeeded > 1 ? <Tag>{t('vol.need.headcount', { n: n.takers, of: n.takersNeeded })}</Tag> : null}
          {n.redeemMinutes ? <Tag color="gold">{t('vol.need.paid', { m: n.redeemMinutes })}</Tag> : null}
          {n.onBehalf ? <Tag color="purple">{t('vol.need.onBehalf')}</Tag> : null}
        </Flex>
        <Typography.Text type="secondary">
          <ClockCircleOutlined /> {windowText(n.windowStart, n.windowEnd)}
        </Typography.Text>
        <Typography.Text type="secondary">
          <EnvironmentOutlined /> {n.place ? `${n.communityName} · ${n.place}` : n.communityName}
        </Typography.Text>
        {children}
      </Flex>
    </Card>
  );
}

/** Published → taken → served → confirmed, as steps. */
export function NeedSteps({ n }: { n: NeedView }) {
  const { t } = useI18n();
  const order = ['open', 'taken', 'done', 'confirmed'];
  const at = order.indexOf(n.status);
  return (
    <Steps
      size="small"
      direction="vertical"
      current={at < 0 ? 0 : at}
      status={n.status === 'cancelled' || n.status === 'expired' ? 'error' : at === 3 ? 'finish' : 'process'}
      items={order.map((s) => ({ title: t(`vol.step.${s}`) }))}
    />
  );
}

/** The minutes of the need's time window: the most a taker may report. */
export function windowMinutes(n: Pick<NeedView, 'windowStart' | 'windowEnd'>) {
  return Math.max(1, Math.min(24 * 60, dayjs(n.windowEnd).diff(dayjs(n.windowStart), 'minute')));
}
