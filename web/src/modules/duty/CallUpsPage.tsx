import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Progress, Row, Segmented, Select, Tag, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import type { PlaceHit } from '../../platform/places/places.api';
import { fmtDateTime, todayLocal } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { CALL_UP_COLORS, ROLES, dutyApi, secondsText, useDutyLive, type CallUpView } from './duty.api';

interface CallUpForm {
  title: string;
  placeId: number;
  postIds: number[];
  roles: string[];
  needed: number;
  when: [Dayjs, Dayjs];
  deadline: Dayjs;
  note?: string;
}

/** Blowing the whistle: N people for these posts, at this place, on duty then, claimed by when. */
function CallUpModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<CallUpForm>();
  const [place, setPlace] = useState<PlaceHit | null>(null);
  const posts = useQuery({
    queryKey: ['duty', 'posts', 'of', place?.id],
    queryFn: () => dutyApi.posts(place!.type === 'community' ? { communityId: place!.id, pageSize: 200 } : { placeId: place!.id, pageSize: 200 }),
    enabled: !!place,
  });
  const save = useMutation({
    mutationFn: (v: CallUpForm) =>
      dutyApi.createCallUp({
        title: v.title,
        note: v.note ?? null,
        placeId: v.placeId,
        postIds: v.postIds,
        roles: (v.roles ?? []) as never,
        needed: v.needed,
        startsAt: v.when[0].toISOString(),
        endsAt: v.when[1].toISOString(),
        deadline: v.deadline.toISOString(),
      }),
    onSuccess: (c) => {
      message.success(t('duty.callUps.blown', { count: c.notified }));
      void qc.invalidateQueries({ queryKey: ['duty'] });
      form.resetFields();
      onClose();
      void navigate(`/duty/call-ups/${c.id}`);
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang, { 'code:DUTY_CALL_UP_TIMES': 'deadline', 'code:DUTY_CALL_UP_POSTS': 'postIds' })) message.error(errorText(e, lang));
    },
  });
  return (
    <Modal
      open={open}
      title={t('duty.callUps.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('duty.callUps.blow')}
      okButtonProps={{ 'data-testid': 'call-up-save' } as never}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ needed: 10 }}>
        <Form.Item name="title" label={t('duty.callUps.titleLabel')} rules={[{ required: true, max: 60 }]}>
          <Input placeholder={t('duty.callUps.titlePh')} data-testid="call-up-title" />
        </Form.Item>
        <Form.Item name="placeId" label={t('duty.callUps.place')} rules={[{ required: true }]}>
          <PlaceSelect
            testId="call-up-place"
            style={{ width: '100%' }}
            onChange={(_, hit) => {
              setPlace(hit);
              form.setFieldValue('postIds', []);
            }}
          />
        </Form.Item>
        <Form.Item name="postIds" label={t('duty.callUps.posts')} rules={[{ required: true }]} extra={t('duty.callUps.postsHint')}>
          <Select
            mode="multiple"
            loading={posts.isFetching}
            options={(posts.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${t(`duty.role.${p.role}`)}` }))}
            data-testid="call-up-posts"
          />
        </Form.Item>
        <Form.Item name="roles" label={t('duty.callUps.roles')} extra={t('duty.callUps.rolesHint')}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`duty.role.${r}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="needed" label={t('duty.callUps.needed')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10000} style={{ width: '100%' }} data-testid="call-up-needed" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="deadline" label={t('duty.callUps.deadline')} rules={[{ required: true }]}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isBefore(todayLocal(), 'day')}
                data-testid="call-up-deadline"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="when" label={t('duty.callUps.when')} rules={[{ required: true }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(todayLocal(), 'day')}
            data-testid="call-up-when"
          />
        </Form.Item>
        <Form.Item name="note" label={t('duty.callUps.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One call-up as a card: the count filling, its state, and how long it took or has left. */
export function CallUpCard({ c }: { c: CallUpView }) {
  const { t } = useI18n();
  const pct = c.needed ? Math.round((Math.min(c.filled, c.needed) / c.needed) * 100) : 0;
  return (
    <Card
      size="small"
      data-testid={`call-up-${c.id}`}
      title={<Link to={`/duty/call-ups/${c.id}`}>{c.title}</Link>}
      extra={<Tag color={CALL_UP_COLORS[c.status]}>{t(`duty.callUpStatus.${c.status}`)}</Tag>}
      style={{ height: '100%' }}
    >
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{c.placeLabel}</Typography.Text>
        <Flex align="baseline" gap={12} wrap>
          <span style={{ fontSize: 28, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
            {c.filled} / {c.needed}
          </span>
          {c.waiting ? <Typography.Text type="secondary">{t('duty.callUps.waitingN', { count: c.waiting })}</Typography.Text> : null}
        </Flex>
        <Progress aria-label={t('duty.callUps.progress')} percent={pct} showInfo={false} status={c.status === 'open' ? 'active' : 'normal'} />
        <Typography.Text type="secondary">
          {c.secondsToFill != null
            ? t('duty.callUps.filledIn', { span: secondsText(c.secondsToFill, t) })
            : t('duty.callUps.until', { at: fmtDateTime(c.deadline) })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** The call-ups of the user's scope, filling live; and the whistle. */
export default function CallUpsPage() {
  const { t } = useI18n();
  const { can } = useMe();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string>('open');
  const q = useQuery({ queryKey: ['duty', 'call-ups', status], queryFn: () => dutyApi.callUps({ status }), refetchInterval: 60000 });
  useDutyLive();
  const items = q.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('duty.callUps.title')}
        subtitle={t('duty.callUps.subtitle')}
        extra={
          can('duty.callUp') ? (
            <Button type="primary" icon={<NotificationOutlined />} onClick={() => setOpen(true)} data-testid="call-up-new">
              {t('duty.callUps.new')}
            </Button>
          ) : null
        }
      />
      <Segmented
        style={{ marginBottom: 16 }}
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={(['open', 'filled', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`duty.callUpStatus.${s}`) }))}
      />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        {items.map((c) => (
          <Col key={c.id} xs={24} md={12} xl={8}>
            <CallUpCard c={c} />
          </Col>
        ))}
      </Row>
      {q.data && !items.length ? <Empty description={t('duty.callUps.empty')} /> : null}
      <CallUpModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}
