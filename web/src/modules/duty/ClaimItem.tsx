import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Modal, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { local } from '../../platform/time';
import { CLAIM_COLORS, dutyApi, hoursText, type ClaimView } from './duty.api';

/** A claim's state in words: held, on duty, waiting as number N, done with its hours. */
export function ClaimStatusTag({ c }: { c: Pick<ClaimView, 'status' | 'position'> }) {
  const { t } = useI18n();
  return (
    <Tag color={CLAIM_COLORS[c.status]} data-testid="claim-status" data-status={c.status} data-position={c.position ?? ''} style={{ fontSize: 14 }}>
      {c.status === 'waiting' && c.position ? t('duty.claim.waitingAt', { n: c.position }) : t(`duty.claimStatus.${c.status}`)}
    </Tag>
  );
}

/** The time of a shift, "12-08 08:00–16:00". */
export function shiftTime(startsAt: string, endsAt: string) {
  const s = local(startsAt);
  const e = local(endsAt);
  return `${s.format('MM-DD HH:mm')}–${e.format(e.isSame(s, 'day') ? 'HH:mm' : 'MM-DD HH:mm')}`;
}

/** One of my claims on the phone: where, when, its state, and cancelling it (a reason when close to the start). */
export function ClaimItem({ c }: { c: ClaimView }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [needReason, setNeedReason] = useState(false);
  const cancel = useMutation({
    mutationFn: () => dutyApi.cancel(c.id, reason.trim() || null),
    onSuccess: () => {
      message.success(t('duty.claim.cancelled'));
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['duty'] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'DUTY_REASON_REQUIRED') setNeedReason(true);
      message.error(errorText(e, lang));
    },
  });
  return (
    <Card size="small" data-testid={`my-claim-${c.id}`} data-shift={c.shiftId}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <div style={{ fontSize: 17, fontWeight: 600 }}>{c.postName}</div>
          <Typography.Text type="secondary">{c.placeLabel}</Typography.Text>
          <div style={{ fontVariantNumeric: 'tabular-nums' }}>{shiftTime(c.startsAt, c.endsAt)}</div>
          {c.servedMinutes != null ? (
            <Typography.Text type="success">{t('duty.claim.served', { hours: hoursText(c.servedMinutes, t) })}</Typography.Text>
          ) : null}
        </div>
        <ClaimStatusTag c={c} />
      </Flex>
      {c.actions.includes('cancel') ? (
        <Button block style={{ marginTop: 8 }} onClick={() => setOpen(true)} data-testid="claim-cancel">
          {c.status === 'waiting' ? t('duty.claim.leaveList') : t('duty.claim.cancel')}
        </Button>
      ) : null}
      <Modal
        open={open}
        title={t('duty.claim.cancelTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => cancel.mutate()}
        okText={t('duty.claim.cancelOk')}
        okButtonProps={{ danger: true, 'data-testid': 'claim-cancel-ok' } as never}
        confirmLoading={cancel.isPending}
      >
        {needReason ? <Alert type="warning" showIcon message={t('duty.claim.reasonNeeded')} style={{ marginBottom: 8 }} /> : null}
        <Input.TextArea
          rows={2}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('duty.claim.reasonPh')}
          aria-label={t('duty.claim.reasonPh')}
          data-testid="claim-cancel-reason"
        />
      </Modal>
    </Card>
  );
}
