import { App, Button, Card, Empty, Flex, Progress, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { QueryError } from '../../platform/ui/QueryError';
import { ClaimStatusTag, shiftTime } from './ClaimItem';
import { DutyShell } from './DutyShell';
import { dutyApi, useDutyLive, type CallUpView, type ClaimView, type ShiftView } from './duty.api';

/** What a claim came to: a place, or a place on the waiting list. */
function useClaimDone() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (c: ClaimView) => {
    if (c.status === 'waiting') message.warning(t('duty.claim.onList', { n: c.position ?? '' }));
    else message.success(t('duty.claim.held'));
    void qc.invalidateQueries({ queryKey: ['duty'] });
  };
}

/** An open call-up of my community: its count, and answering it. */
function CallUpItem({ c }: { c: CallUpView }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const done = useClaimDone();
  const respond = useMutation({ mutationFn: () => dutyApi.respond(c.id), onSuccess: done, onError: (e) => message.error(errorText(e, lang)) });
  return (
    <Card size="small" data-testid={`open-call-up-${c.id}`} style={{ borderColor: '#fa8c16' }}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} align="flex-start">
          <div style={{ fontSize: 17, fontWeight: 600 }}>
            <NotificationOutlined style={{ color: '#fa8c16' }} /> {c.title}
          </div>
          <span style={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }} data-testid="open-call-up-count">
            {c.filled} / {c.needed}
          </span>
        </Flex>
        <Typography.Text type="secondary">{c.placeLabel}</Typography.Text>
        <div>{shiftTime(c.startsAt, c.endsAt)}</div>
        <Progress
          aria-label={t('duty.callUps.progress')}
          percent={c.needed ? Math.round((Math.min(c.filled, c.needed) / c.needed) * 100) : 0}
          showInfo={false}
          size="small"
        />
        <Typography.Text type="secondary">{t('duty.callUps.until', { at: fmtDateTime(c.deadline) })}</Typography.Text>
        {c.myClaim ? (
          <ClaimStatusTag c={c.myClaim} />
        ) : c.status !== 'closed' ? (
          <Button type="primary" size="large" block loading={respond.isPending} onClick={() => respond.mutate()} data-testid="call-up-respond">
            {c.filled >= c.needed ? t('duty.claim.joinList') : t('duty.callUps.respond')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

/** An open shift near me: where, when, its places, and claiming it. */
function ShiftItem({ s }: { s: ShiftView }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const done = useClaimDone();
  const claim = useMutation({ mutationFn: () => dutyApi.claim(s.id), onSuccess: done, onError: (e) => message.error(errorText(e, lang)) });
  const full = s.filled >= s.headcount;
  return (
    <Card size="small" data-testid={`open-shift-${s.id}`}>
      <Flex justify="space-between" gap={8} align="flex-start">
        <div style={{ minWidth: 0 }}>
          <div style={{ fontSize: 17, fontWeight: 600 }}>{s.postName}</div>
          <Typography.Text type="secondary">
            {s.placeLabel} · {t(`duty.role.${s.role}`)}
          </Typography.Text>
          <div style={{ fontVariantNumeric: 'tabular-nums' }}>{shiftTime(s.startsAt, s.endsAt)}</div>
        </div>
        <Typography.Text strong type={full ? 'secondary' : 'danger'} style={{ whiteSpace: 'nowrap' }}>
          {s.filled}/{s.headcount}
        </Typography.Text>
      </Flex>
      {s.myClaim ? (
        <div style={{ marginTop: 8 }}>
          <ClaimStatusTag c={s.myClaim} />
        </div>
      ) : (
        <Button
          type={full ? 'default' : 'primary'}
          size="large"
          block
          style={{ marginTop: 8 }}
          loading={claim.isPending}
          onClick={() => claim.mutate()}
          data-testid="shift-claim"
        >
          {full ? t('duty.claim.joinList') : t('duty.claim.claim')}
        </Button>
      )}
    </Card>
  );
}

/** Open shifts near me (my community first) and the call-ups asking for me. */
export default function OpenShiftsPage() {
  const { t } = useI18n();
  const callUps = useQuery({ queryKey: ['duty', 'my', 'call-ups'], queryFn: dutyApi.myCallUps, retry: false });
  const shifts = useQuery({ queryKey: ['duty', 'my', 'open-shifts'], queryFn: () => dutyApi.openShifts(), retry: false });
  useDutyLive();
  const error = shifts.error ?? callUps.error;
  return (
    <DutyShell title={t('duty.my.openShifts')} back="/resident/duty" testId="open-shifts">
      {error ? <QueryError error={error} backTo={{ to: '/resident/duty', label: t('duty.my.title') }} /> : null}
      {callUps.data?.items.length ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('duty.my.callUps')}
          </Typography.Title>
          {callUps.data.items.map((c) => (
            <CallUpItem key={c.id} c={c} />
          ))}
        </>
      ) : null}
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('duty.my.nearMe')}
      </Typography.Title>
      {shifts.isPending ? (
        <Card loading />
      ) : shifts.data?.items.length ? (
        shifts.data.items.map((s) => <ShiftItem key={s.id} s={s} />)
      ) : (
        <Empty description={t('duty.my.noOpen')} />
      )}
    </DutyShell>
  );
}
