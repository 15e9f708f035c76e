import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Flex, Input, Modal, Rate, Row, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { NeedStatusTag, NeedSteps, windowText } from './NeedBits';
import { hm, useVolunteersLive, volApi, type NeedView } from './volunteers.api';

type Taker = NeedView['takerList'][number];

/** A need for staff: its history and takers; confirming for a resident without a phone, marking a no-show, cancelling. */
export default function NeedDetailPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const key = ['vol', 'need', id];
  const q = useQuery({ queryKey: key, queryFn: () => volApi.need(id) });
  useVolunteersLive();
  const done = (n: NeedView) => {
    qc.setQueryData(key, n);
    void qc.invalidateQueries({ queryKey: ['vol'] });
  };
  const onError = (e: unknown) => message.error(errorText(e, lang));
  const confirm = useMutation({ mutationFn: (n: NeedView) => volApi.confirm(n), onSuccess: done, onError });
  const noShow = useMutation({ mutationFn: ({ n, x }: { n: NeedView; x: Taker }) => volApi.noShow(n, x.volunteerId), onSuccess: done, onError });
  const cancel = useMutation({
    mutationFn: (n: NeedView) => volApi.cancel(n, reason.trim()),
    onSuccess: (n) => {
      done(n);
      setCancelling(false);
    },
    onError,
  });
  if (q.error) return <QueryError error={q.error} backTo={{ to: '/volunteers/needs', label: t('vol.board.title') }} />;
  if (!q.data) return <PageSpin />;
  const n = q.data;
  return (
    <>
      <PageHeader
        title={
          <>
            {n.title} <NeedStatusTag n={n} />
          </>
        }
        subtitle={`${t(`vol.category.${n.category}`)} · ${windowText(n.windowStart, n.windowEnd)} · ${n.communityName}`}
        extra={
          <Flex gap={8}>
            {n.actions.includes('confirm') ? (
              <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate(n)} data-testid="need-confirm">
                {t('vol.needAct.confirmFor')}
              </Button>
            ) : null}
            {n.actions.includes('cancel') ? (
              <Button danger onClick={() => setCancelling(true)}>
                {t('vol.needAct.cancel')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('vol.board.resident')}>
                {n.residentName} {n.onBehalf ? <Tag color="purple">{t('vol.need.onBehalf')}</Tag> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('vol.need.place')}>{n.place ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('vol.publish.takers')}>{`${n.takers} / ${n.takersNeeded}`}</Descriptions.Item>
              <Descriptions.Item label={t('vol.board.takeByLabel')}>{fmtDateTime(n.takeBy)}</Descriptions.Item>
              <Descriptions.Item label={t('common.createdAt')}>{fmtDateTime(n.createdAt)}</Descriptions.Item>
              {n.redeemMinutes ? <Descriptions.Item label={t('vol.publish.pay')}>{hm(n.redeemMinutes, t)}</Descriptions.Item> : null}
              {n.notes ? <Descriptions.Item label={t('vol.need.notes')}>{n.notes}</Descriptions.Item> : null}
              {n.cancelReason ? <Descriptions.Item label={t('vol.needAct.cancel')}>{n.cancelReason}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card>
            <NeedSteps n={n} />
          </Card>
        </Col>
      </Row>
      <Card title={t('vol.need.takers')} style={{ marginTop: 16 }}>
        <DataTable<Taker>
          rowKey="id"
          dataSource={n.takerList}
          pagination={false}
          columns={[
            { title: t('vol.people.name'), dataIndex: 'name' },
            { title: t('vol.activity.status'), dataIndex: 'status', render: (s: string) => t(`vol.takerStatus.${s}`) },
            { title: t('vol.board.takenAt'), dataIndex: 'takenAt', render: (v: string) => fmtDateTime(v) },
            { title: t('vol.activity.minutes'), dataIndex: 'minutes', render: (m: number | null) => (m != null ? hm(m, t) : '—') },
            { title: t('vol.need.doneNote'), dataIndex: 'doneNote', render: (v: string | null) => v ?? '—' },
            {
              title: t('vol.need.rating'),
              dataIndex: 'ratingByResident',
              render: (v: number | null) => (v != null ? <Rate disabled value={v} style={{ fontSize: 14 }} /> : '—'),
            },
            {
              title: t('common.actions'),
              key: 'act',
              render: (_, x) =>
                n.actions.includes('noShow') && x.status === 'taken' ? (
                  <Button size="small" danger onClick={() => noShow.mutate({ n, x })}>
                    {t('vol.needAct.noShow')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={cancelling}
        title={t('vol.needAct.cancel')}
        onCancel={() => setCancelling(false)}
        onOk={() => cancel.mutate(n)}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        confirmLoading={cancel.isPending}
      >
        <Input.TextArea
          rows={2}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t('vol.needAct.cancelPh')}
          placeholder={t('vol.needAct.cancelPh')}
        />
      </Modal>
    </>
  );
}
