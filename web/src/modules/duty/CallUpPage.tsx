import { useState } from 'react';
import { App, Badge, Button, Card, Col, Descriptions, Flex, Input, Modal, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { useLive } from '../../platform/live/live';
import { fmtDateTime } from '../../platform/time';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { shiftTime } from './ClaimItem';
import { CALL_UP_COLORS, dutyApi, secondsText, useDutyLive, type CallUpView, type ShiftView } from './duty.api';

/** The call-up console: the count filling live ("287 / 310"), the shifts it fills, and closing it. */
export default function CallUpPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const { connected } = useLive();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const key = ['duty', 'call-up', id];
  const q = useQuery({ queryKey: key, queryFn: () => dutyApi.callUp(id), refetchInterval: 30000 });
  const shifts = useQuery({
    queryKey: ['duty', 'call-up', id, 'shifts'],
    queryFn: () => dutyApi.shifts({ callUpId: id, pageSize: 200, from: q.data?.startsAt }),
    enabled: !!q.data,
  });
  // The event carries the count: it is shown at once, and the rest is fetched again.
  useDutyLive((e) => {
    if (Number(e.callUpId) === id && typeof e.filled === 'number') {
      qc.setQueryData<CallUpView>(key, (old) => (old ? { ...old, filled: Math.max(old.filled, e.filled as number) } : old));
    }
  });
  const close = useMutation({
    mutationFn: () => dutyApi.closeCallUp(id, reason.trim() || null),
    onSuccess: (c) => {
      qc.setQueryData(key, c);
      void qc.invalidateQueries({ queryKey: ['duty'] });
      setClosing(false);
      message.success(t('duty.callUp.closed'));
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  if (q.error) return <QueryError error={q.error} backTo={{ to: '/duty/call-ups', label: t('duty.callUps.title') }} />;
  if (!q.data) return <PageSpin />;
  const c = q.data;
  const pct = c.needed ? Math.round((Math.min(c.filled, c.needed) / c.needed) * 100) : 0;
  return (
    <>
      <PageHeader
        title={
          <>
            {c.title} <Tag color={CALL_UP_COLORS[c.status]}>{t(`duty.callUpStatus.${c.status}`)}</Tag>
          </>
        }
        subtitle={c.placeLabel}
        extra={
          c.actions.includes('close') ? (
            <Button danger icon={<StopOutlined />} onClick={() => setClosing(true)} data-testid="call-up-close">
              {t('duty.callUp.close')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card style={{ height: '100%' }}>
            <Flex vertical align="center" gap={8}>
              <Badge status={connected ? 'processing' : 'default'} text={connected ? t('duty.callUp.live') : t('duty.callUp.notLive')} />
              <div
                data-testid="call-up-count"
                data-filled={c.filled}
                data-needed={c.needed}
                aria-live="polite"
                style={{
                  fontSize: 64,
                  fontWeight: 700,
                  lineHeight: 1.1,
                  fontVariantNumeric: 'tabular-nums',
                  color: c.filled >= c.needed ? '#1a7f37' : '#0b1f3a',
                }}
              >
                {c.filled} / {c.needed}
              </div>
              <Progress aria-label={t('duty.callUps.progress')} percent={pct} status={c.status === 'open' ? 'active' : 'success'} style={{ width: '100%' }} />
              <Typography.Text type="secondary">
                {c.secondsToFill != null
                  ? t('duty.callUps.filledIn', { span: secondsText(c.secondsToFill, t) })
                  : t('duty.callUps.until', { at: fmtDateTime(c.deadline) })}
              </Typography.Text>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card style={{ height: '100%' }}>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title={t('duty.callUp.notified')} value={c.notified} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('duty.callUp.waiting')} value={c.waiting} data-testid="call-up-waiting" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('duty.callUp.posts')} value={c.posts} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('duty.callUp.open')} value={Math.max(0, c.needed - c.filled)} />
              </Col>
            </Row>
            <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
              <Descriptions.Item label={t('duty.callUps.when')}>
                {fmtDateTime(c.startsAt)} – {fmtDateTime(c.endsAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('duty.callUps.deadline')}>{fmtDateTime(c.deadline)}</Descriptions.Item>
              <Descriptions.Item label={t('duty.callUps.roles')}>
                {c.roles.length ? c.roles.map((r) => t(`duty.role.${r}`)).join(t('common.sep')) : t('duty.callUps.anyRole')}
              </Descriptions.Item>
              {c.note ? <Descriptions.Item label={t('duty.callUps.note')}>{c.note}</Descriptions.Item> : null}
              <Descriptions.Item label={t('duty.callUp.createdAt')}>{fmtDateTime(c.createdAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <Card title={t('duty.callUp.shifts')} style={{ marginTop: 16 }}>
        <DataTable<ShiftView>
          rowKey="id"
          loading={shifts.isPending}
          dataSource={shifts.data?.items ?? []}
          pagination={false}
          data-testid="call-up-shifts"
          columns={[
            { title: t('duty.post.name'), dataIndex: 'postName' },
            { title: t('duty.shift.time'), key: 'time', render: (_, s) => shiftTime(s.startsAt, s.endsAt) },
            { title: t('duty.post.place'), dataIndex: 'placeLabel' },
            { title: t('duty.post.role'), dataIndex: 'role', render: (r: string) => t(`duty.role.${r}`) },
            { title: t('duty.shift.filled'), key: 'filled', render: (_, s) => `${s.filled} / ${s.headcount}` },
            { title: t('duty.shift.waiting'), dataIndex: 'waiting' },
          ]}
        />
      </Card>
      <Modal
        open={closing}
        title={t('duty.callUp.closeTitle')}
        onCancel={() => setClosing(false)}
        onOk={() => close.mutate()}
        confirmLoading={close.isPending}
        okButtonProps={{ danger: true }}
      >
        <Typography.Paragraph>{t('duty.callUp.closeHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={2}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('duty.callUp.reasonPh')}
          aria-label={t('duty.callUp.reasonPh')}
        />
      </Modal>
    </>
  );
}
