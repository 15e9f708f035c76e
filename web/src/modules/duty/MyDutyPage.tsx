import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Input, Row, Statistic, Tag, Typography } from 'antd';
import { CalendarOutlined, FlagOutlined, ScanOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { ClaimItem } from './ClaimItem';
import { DutyShell } from './DutyShell';
import { MEMBER_COLORS, dutyApi, useDutyLive } from './duty.api';

/** Under an hour in minutes, else in hours to one decimal: a first shift's 40 minutes do not read "0". */
function amount(minutes: number, t: (k: string) => string): { value: number; suffix: string } {
  return minutes < 60 ? { value: minutes, suffix: t('duty.my.minutesUnit') } : { value: Math.round((minutes / 60) * 10) / 10, suffix: t('duty.my.hoursUnit') };
}

/** My calendar feed's secret address, shown when asked for (and renewed when it leaked). */
function CalendarFeedCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [url, setUrl] = useState<string | null>(null);
  const get = useMutation({
    mutationFn: (renew: boolean) => dutyApi.calendar(renew),
    onSuccess: (r) => setUrl(new URL(r.url, window.location.origin).toString()),
    onError: (e) => message.error(errorText(e, lang)),
  });
  return (
    <Card
      title={
        <span style={{ fontSize: 17 }}>
          <CalendarOutlined /> {t('duty.my.calendar')}
        </span>
      }
    >
      <Typography.Paragraph type="secondary">{t('duty.my.calendarHint')}</Typography.Paragraph>
      {url ? (
        <Flex vertical gap={8}>
          <Input readOnly value={url} aria-label={t('duty.my.calendar')} data-testid="calendar-url" />
          <Flex gap={8}>
            <Button onClick={() => void navigator.clipboard?.writeText(url).then(() => message.success(t('common.copied')))}>{t('common.copy')}</Button>
            <Button danger onClick={() => get.mutate(true)} loading={get.isPending}>
              {t('duty.my.calendarRenew')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Button block size="large" onClick={() => get.mutate(false)} loading={get.isPending} data-testid="calendar-get">
          {t('duty.my.calendarGet')}
        </Button>
      )}
    </Card>
  );
}

/** A member's duty on the phone: my report, my hours, my shifts, the open shifts near me, check in/out and my calendar. */
export default function MyDutyPage() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['duty', 'my'], queryFn: dutyApi.my, refetchInterval: 60000 });
  const past = useQuery({ queryKey: ['duty', 'my', 'past'], queryFn: () => dutyApi.myShifts('past'), enabled: q.data?.member?.status === 'confirmed' });
  const served = (past.data?.items ?? []).filter((c) => c.status === 'checkedOut' || c.status === 'noShow');
  useDutyLive();
  if (q.error) return <QueryError error={q.error} backTo={{ to: '/resident', label: t('duty.my.home') }} />;
  if (!q.data) return <PageSpin />;
  const { member: m, upcoming, servedMinutes } = q.data;
  return (
    <DutyShell title={t('duty.my.title')} back="/resident" testId="my-duty">
      <Card data-testid="my-member" data-status={m?.status ?? 'none'}>
        {!m ? (
          <Flex vertical gap={12}>
            <Typography.Paragraph style={{ fontSize: 16, margin: 0 }}>{t('duty.my.notReported')}</Typography.Paragraph>
            <Link to="/resident/duty/report">
              <Button type="primary" size="large" block icon={<FlagOutlined />} data-testid="my-report">
                {t('duty.report.title')}
              </Button>
            </Link>
          </Flex>
        ) : (
          <Flex vertical gap={8}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong style={{ fontSize: 17 }}>
                {m.communityName}
              </Typography.Text>
              <Tag color={MEMBER_COLORS[m.status]} style={{ fontSize: 14 }}>
                {t(`duty.memberStatus.${m.status}`)}
              </Tag>
            </Flex>
            {m.status === 'reported' ? <Alert type="info" showIcon message={t('duty.my.waitConfirm')} /> : null}
            {m.status === 'rejected' ? <Alert type="warning" showIcon message={t('duty.my.rejected', { reason: m.rejectReason ?? '' })} /> : null}
            <Typography.Text type="secondary">{m.roles.map((r) => t(`duty.role.${r}`)).join(t('common.sep'))}</Typography.Text>
            <Link to="/resident/duty/report">
              <Button block>{m.status === 'confirmed' ? t('duty.my.editReport') : t('duty.report.update')}</Button>
            </Link>
          </Flex>
        )}
      </Card>
      {m?.status === 'confirmed' ? (
        <>
          <Card data-testid="my-hours" data-minutes={servedMinutes.total}>
            <Row gutter={8}>
              <Col span={8}>
                <Statistic title={t('duty.my.hoursTotal')} {...amount(servedMinutes.total, t)} />
              </Col>
              <Col span={8}>
                <Statistic title={t('duty.my.hours7')} {...amount(servedMinutes.last7Days, t)} />
              </Col>
              <Col span={8}>
                <Statistic title={t('duty.my.hoursToday')} {...amount(servedMinutes.today, t)} />
              </Col>
            </Row>
          </Card>
          <Row gutter={8}>
            <Col span={12}>
              <Link to="/resident/duty/shifts">
                <Button type="primary" size="large" block icon={<UnorderedListOutlined />} style={{ height: 56 }} data-testid="my-open-shifts">
                  {t('duty.my.openShifts')}
                </Button>
              </Link>
            </Col>
            <Col span={12}>
              <Link to="/resident/duty/scan">
                <Button size="large" block icon={<ScanOutlined />} style={{ height: 56 }} data-testid="my-scan">
                  {t('duty.my.scan')}
                </Button>
              </Link>
            </Col>
          </Row>
          <Typography.Title level={2} style={{ fontSize: 18, margin: '8px 0 0' }}>
            {t('duty.my.shifts')}
          </Typography.Title>
          <Flex vertical gap={12} data-testid="my-upcoming">
            {upcoming.length ? upcoming.map((c) => <ClaimItem key={c.id} c={c} />) : <Empty description={t('duty.my.noShifts')} />}
          </Flex>
          {served.length ? (
            <>
              <Typography.Title level={2} style={{ fontSize: 18, margin: '8px 0 0' }}>
                {t('duty.my.past')}
              </Typography.Title>
              {served.slice(0, 5).map((c) => (
                <ClaimItem key={c.id} c={c} />
              ))}
            </>
          ) : null}
          <CalendarFeedCard />
        </>
      ) : null}
    </DutyShell>
  );
}
