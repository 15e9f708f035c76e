import { useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Empty, Flex, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { CalendarOutlined, CheckOutlined, LoginOutlined, LogoutOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime, local } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { CLAIM_COLORS, dutyApi, hoursText, useDutyLive, type ClaimView } from './duty.api';
import { MemberSelect } from './pickers';
import { RegisterMemberModal } from './RegisterMemberModal';

/**
 * One shift on the console: who holds it and who waits; the leader puts a member on it, confirms
 * the check-in and check-out of a member without a phone, records a no-show, cancels for them.
 */
export default function ShiftPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { can } = useMe();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [memberId, setMemberId] = useState<number | null>(null);
  const [waitlist, setWaitlist] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [cancelling, setCancelling] = useState<ClaimView | null>(null);
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: ['duty', 'shift', id], queryFn: () => dutyApi.shift(id) });
  useDutyLive();
  const done = (key: string) => () => {
    message.success(t(key));
    void qc.invalidateQueries({ queryKey: ['duty'] });
  };
  const onError = (e: unknown) => message.error(errorText(e, lang));
  const assign = useMutation({
    mutationFn: () => dutyApi.assign(id, memberId!, waitlist),
    onSuccess: (c) => {
      setMemberId(null);
      done(c.status === 'waiting' ? 'duty.staff.assignedWaiting' : 'duty.staff.assigned')();
    },
    onError,
  });
  const act = useMutation({
    mutationFn: ({ claim, what }: { claim: ClaimView; what: 'checkIn' | 'checkOut' | 'noShow' }) => dutyApi[what](claim.id),
    onSuccess: (c) => done(`duty.staff.done.${c.status}`)(),
    onError,
  });
  const cancel = useMutation({
    mutationFn: () => dutyApi.cancelFor(cancelling!.id, reason.trim() || null),
    onSuccess: (r) => {
      setCancelling(null);
      setReason('');
      message.success(r.promoted ? t('duty.staff.cancelledPromoted', { name: r.promoted.memberName }) : t('duty.staff.cancelled'));
      void qc.invalidateQueries({ queryKey: ['duty'] });
    },
    onError,
  });
  const s = q.data;
  const busy = (c: ClaimView, what: string) => act.isPending && act.variables?.claim.id === c.id && act.variables.what === what;
  return (
    <>
      <PageHeader
        title={s ? `${s.postName} · ${local(s.startsAt).format('MM-DD HH:mm')}–${local(s.endsAt).format('HH:mm')}` : t('duty.staff.shift')}
        subtitle={s ? s.placeLabel : undefined}
        extra={
          <Link to="/duty/calendar">
            <Button icon={<CalendarOutlined />}>{t('menu.dutyCalendar')}</Button>
          </Link>
        }
      />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {s ? (
        <Flex vertical gap={16}>
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, md: 3 }}
              items={[
                { key: 'when', label: t('duty.shift.time'), children: `${fmtDateTime(s.startsAt)} – ${local(s.endsAt).format('HH:mm')}` },
                { key: 'role', label: t('duty.post.role'), children: t(`duty.role.${s.role}`) },
                {
                  key: 'filled',
                  label: t('duty.shift.filled'),
                  children: (
                    <Typography.Text type={s.filled < s.headcount ? 'danger' : 'success'} strong data-testid="shift-filled">
                      {s.filled} / {s.headcount}
                    </Typography.Text>
                  ),
                },
                { key: 'waiting', label: t('duty.shift.waiting'), children: s.waiting },
                {
                  key: 'needs',
                  label: t('duty.staff.needs'),
                  children:
                    [s.requiredRole ? t(`duty.role.${s.requiredRole}`) : null, s.requiredSkill].filter(Boolean).join(t('common.sep')) ||
                    t('duty.staff.anyRole'),
                },
                { key: 'post', label: t('duty.post.name'), children: <Link to={`/duty/posts/${s.postId}/table`}>{s.postName}</Link> },
              ]}
            />
          </Card>
          {s.actions.includes('assign') ? (
            <Card size="small" title={t('duty.staff.assignTitle')}>
              <Flex gap={8} wrap align="center">
                <div style={{ flex: '1 1 240px', minWidth: 0 }}>
                  <MemberSelect communityId={s.communityId} value={memberId} onChange={setMemberId} testId="assign-member" />
                </div>
                <Checkbox checked={waitlist} onChange={(e) => setWaitlist(e.target.checked)}>
                  {t('duty.staff.waitlistIfFull')}
                </Checkbox>
                <Button
                  type="primary"
                  icon={<UserAddOutlined />}
                  disabled={!memberId}
                  loading={assign.isPending}
                  onClick={() => assign.mutate()}
                  data-testid="assign-save"
                >
                  {t('duty.staff.assign')}
                </Button>
              </Flex>
              {can('duty.member.manage') ? (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                  {t('duty.staff.notReported')}{' '}
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setRegistering(true)} data-testid="register-open">
                    {t('duty.staff.registerTitle')}
                  </Button>
                </Typography.Paragraph>
              ) : null}
            </Card>
          ) : null}
          <Card size="small" title={t('duty.staff.claimsTitle', { n: s.claims.length })}>
            {s.claims.length ? (
              <List
                dataSource={s.claims}
                renderItem={(c) => (
                  <List.Item
                    data-testid={`claim-${c.id}`}
                    actions={[
                      c.actions.includes('checkIn') ? (
                        <Button
                          key="in"
                          size="small"
                          type="primary"
                          icon={<LoginOutlined />}
                          loading={busy(c, 'checkIn')}
                          onClick={() => act.mutate({ claim: c, what: 'checkIn' })}
                          data-testid={`claim-checkin-${c.id}`}
                        >
                          {t('duty.staff.checkIn')}
                        </Button>
                      ) : null,
                      c.actions.includes('checkOut') ? (
                        <Button
                          key="out"
                          size="small"
                          icon={<LogoutOutlined />}
                          loading={busy(c, 'checkOut')}
                          onClick={() => act.mutate({ claim: c, what: 'checkOut' })}
                          data-testid={`claim-checkout-${c.id}`}
                        >
                          {t('duty.staff.checkOut')}
                        </Button>
                      ) : null,
                      c.actions.includes('noShow') && new Date(s.startsAt).getTime() <= q.dataUpdatedAt ? (
                        <Button
                          key="no"
                          size="small"
                          danger
                          icon={<StopOutlined />}
                          loading={busy(c, 'noShow')}
                          onClick={() => act.mutate({ claim: c, what: 'noShow' })}
                          data-testid={`claim-noshow-${c.id}`}
                        >
                          {t('duty.staff.noShow')}
                        </Button>
                      ) : null,
                      c.actions.includes('cancel') ? (
                        <Button key="cancel" size="small" onClick={() => setCancelling(c)} data-testid={`claim-cancel-${c.id}`}>
                          {t('duty.staff.cancel')}
                        </Button>
                      ) : null,
                    ].filter(Boolean)}
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap size={6}>
                          <span>{c.memberName}</span>
                          <Tag color={CLAIM_COLORS[c.status]} data-testid={`claim-status-${c.id}`}>
                            {t(`duty.claimStatus.${c.status}`)}
                            {c.position ? ` #${c.position}` : ''}
                          </Tag>
                        </Space>
                      }
                      description={
                        c.checkedInAt ? (
                          <span>
                            <CheckOutlined /> {local(c.checkedInAt).format('HH:mm')}
                            {c.checkedOutAt ? ` – ${local(c.checkedOutAt).format('HH:mm')} · ${hoursText(c.servedMinutes, t)}` : ''}
                          </span>
                        ) : null
                      }
                    />
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.staff.noClaims')} />
            )}
          </Card>
        </Flex>
      ) : null}
      <RegisterMemberModal open={registering} onClose={() => setRegistering(false)} />
      <Modal
        open={!!cancelling}
        title={t('duty.staff.cancelTitle', { name: cancelling?.memberName ?? '' })}
        onCancel={() => setCancelling(null)}
        onOk={() => cancel.mutate()}
        okButtonProps={{ danger: true }}
        confirmLoading={cancel.isPending}
      >
        <Input.TextArea
          rows={2}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('duty.staff.cancelReason')}
          aria-label={t('duty.staff.cancelReason')}
        />
      </Modal>
    </>
  );
}
