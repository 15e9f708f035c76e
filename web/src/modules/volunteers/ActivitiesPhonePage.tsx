import { App, Button, Card, Empty, Flex, Progress, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { QueryError } from '../../platform/ui/QueryError';
import { SignupTag } from './ActivityBits';
import { windowText } from './NeedBits';
import { VolShell } from './VolShell';
import { hm, useVolunteersLive, volApi, type ActivityView } from './volunteers.api';

/** Activities a volunteer may join on the phone: places left or the waiting list, my sign-up, leaving it. */
export default function ActivitiesPhonePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['vol', 'my', 'activities'], queryFn: volApi.myActivities, refetchInterval: 60000 });
  useVolunteersLive();
  const onError = (e: unknown) => message.error(errorText(e, lang));
  const join = useMutation({
    mutationFn: (a: ActivityView) => volApi.signUp(a.id),
    onSuccess: (a) => {
      const s = a.mySignup;
      message.success(s?.status === 'waiting' ? t('vol.signup.onWaitingList', { n: s.position ?? '' }) : t('vol.signup.joined'));
      void qc.invalidateQueries({ queryKey: ['vol'] });
    },
    onError,
  });
  const leave = useMutation({
    mutationFn: (a: ActivityView) => volApi.cancelSignup(a.mySignup!.id),
    onSuccess: () => {
      message.success(t('vol.signup.left'));
      void qc.invalidateQueries({ queryKey: ['vol'] });
    },
    onError,
  });
  const items = q.data?.items ?? [];
  return (
    <VolShell title={t('vol.act.title')} back="/resident/volunteers" testId="vol-activities">
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data && !items.length ? <Empty description={t('vol.act.none')} /> : null}
      {items.map((a) => {
        const mine = a.mySignup && a.mySignup.status !== 'cancelled' ? a.mySignup : null;
        const full = a.signedUp >= a.capacity;
        return (
          <Card key={a.id} data-testid={`activity-${a.id}`} styles={{ body: { padding: 14 } }}>
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} align="start">
                <Typography.Text strong style={{ fontSize: 17 }}>
                  {a.title}
                </Typography.Text>
                {mine ? <SignupTag s={mine} /> : a.theme ? <Tag color="green">{t(`vol.theme.${a.theme}`)}</Tag> : null}
              </Flex>
              <Typography.Text type="secondary">
                <ClockCircleOutlined /> {windowText(a.startsAt, a.endsAt)}
              </Typography.Text>
              <Typography.Text type="secondary">
                <EnvironmentOutlined /> {[a.placeLabel, a.venue].filter(Boolean).join(' · ')}
              </Typography.Text>
              <Progress
                percent={Math.round((Math.min(a.signedUp, a.capacity) / a.capacity) * 100)}
                format={() => `${a.signedUp}/${a.capacity}`}
                status={full ? 'success' : 'active'}
                aria-label={t('vol.act.places')}
              />
              {a.waiting ? <Typography.Text type="secondary">{t('vol.act.waitingN', { count: a.waiting })}</Typography.Text> : null}
              {mine?.minutes != null ? <Typography.Text strong>{t('vol.act.attended', { hm: hm(mine.minutes, t) })}</Typography.Text> : null}
              {a.status === 'open' && !mine ? (
                <Button
                  type="primary"
                  size="large"
                  block
                  loading={join.isPending && join.variables?.id === a.id}
                  onClick={() => join.mutate(a)}
                  data-testid="activity-join"
                >
                  {full ? t('vol.act.joinWaiting') : t('vol.act.join')}
                </Button>
              ) : null}
              {mine && (mine.status === 'signedUp' || mine.status === 'waiting') ? (
                <Button
                  size="large"
                  block
                  loading={leave.isPending && leave.variables?.id === a.id}
                  onClick={() => leave.mutate(a)}
                  data-testid="activity-leave"
                >
                  {t('vol.act.leave')}
                </Button>
              ) : null}
            </Flex>
          </Card>
        );
      })}
    </VolShell>
  );
}
