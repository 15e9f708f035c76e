import { App, Button, Card, Col, Descriptions, Flex, Popconfirm, Row, Statistic, Tag, Typography } from 'antd';
import { CheckCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { SignupTag } from './ActivityBits';
import { windowText } from './NeedBits';
import { Qr } from './Qr';
import { hm, useVolunteersLive, volApi, type SignupView } from './volunteers.api';

/**
 * An activity for its organiser: the QR code shown at the venue (volunteers scan it to check in and
 * out), the roster with check-in and check-out by hand for those without a phone, and confirming the
 * attended minutes into the hours ledger.
 */
export default function ActivityPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['vol', 'activity', id], queryFn: () => volApi.activity(id) });
  const qr = useQuery({
    queryKey: ['vol', 'activity', id, 'qr'],
    queryFn: () => volApi.activityQr(id),
    enabled: q.data?.status === 'open',
    staleTime: 600_000,
  });
  useVolunteersLive();
  const onError = (e: unknown) => message.error(errorText(e, lang));
  const check = useMutation({
    mutationFn: ({ s, what }: { s: SignupView; what: 'check-in' | 'check-out' }) => volApi.rosterCheck(s.id, what),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['vol'] }),
    onError,
  });
  const confirm = useMutation({
    mutationFn: () => volApi.confirmActivity(id),
    onSuccess: () => {
      message.success(t('vol.activity.confirmed'));
      void qc.invalidateQueries({ queryKey: ['vol'] });
    },
    onError,
  });
  if (q.error) return <QueryError error={q.error} backTo={{ to: '/volunteers/activities', label: t('vol.activities.title') }} />;
  if (!q.data) return <PageSpin />;
  const a = q.data;
  return (
    <>
      <PageHeader
        title={
          <>
            {a.title}{' '}
            <Tag color={a.status === 'confirmed' ? 'success' : a.status === 'open' ? 'processing' : 'default'}>{t(`vol.activityStatus.${a.status}`)}</Tag>
          </>
        }
        subtitle={`${windowText(a.startsAt, a.endsAt)} · ${[a.placeLabel, a.venue].filter(Boolean).join(' · ')}`}
        extra={
          a.actions.includes('confirm') ? (
            <Popconfirm title={t('vol.activity.confirmTitle')} description={t('vol.activity.confirmHint')} onConfirm={() => confirm.mutate()}>
              <Button type="primary" icon={<CheckCircleOutlined />} loading={confirm.isPending} data-testid="activity-confirm">
                {t('vol.activity.confirm')}
              </Button>
            </Popconfirm>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card
            title={t('vol.activity.qr')}
            extra={<Button type="text" icon={<PrinterOutlined />} onClick={() => window.print()} aria-label={t('vol.activity.print')} />}
          >
            <Flex vertical align="center" gap={8}>
              {qr.data ? (
                <Qr text={qr.data.token} size={220} alt={t('vol.activity.qr')} testId="activity-qr" />
              ) : (
                <Typography.Text type="secondary">{t('vol.activity.noQr')}</Typography.Text>
              )}
              <Typography.Text type="secondary">{t('vol.activity.qrHint')}</Typography.Text>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title={t('vol.activity.capacity')} value={a.capacity} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('vol.activity.signedUp')} value={a.signedUp} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('vol.activity.waiting')} value={a.waiting} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('vol.activity.attended')} value={a.attended} data-testid="activity-attended" />
              </Col>
            </Row>
            <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
              {a.theme ? <Descriptions.Item label={t('vol.activity.theme')}>{t(`vol.theme.${a.theme}`)}</Descriptions.Item> : null}
              {a.organiserName ? <Descriptions.Item label={t('vol.activity.organiser')}>{a.organiserName}</Descriptions.Item> : null}
              {a.description ? <Descriptions.Item label={t('vol.activity.description')}>{a.description}</Descriptions.Item> : null}
              {a.confirmedAt ? <Descriptions.Item label={t('vol.activity.confirmedAt')}>{fmtDateTime(a.confirmedAt)}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <Card title={t('vol.activity.roster')} style={{ marginTop: 16 }}>
        <DataTable<SignupView>
          rowKey="id"
          dataSource={a.signups}
          pagination={false}
          data-testid="activity-roster"
          columns={[
            { title: t('vol.activity.person'), dataIndex: 'name' },
            { title: t('vol.activity.status'), key: 'status', render: (_, s) => <SignupTag s={s} /> },
            { title: t('vol.activity.in'), dataIndex: 'checkedInAt', render: (v: string | null) => (v ? fmtDateTime(v) : '—') },
            { title: t('vol.activity.out'), dataIndex: 'checkedOutAt', render: (v: string | null) => (v ? fmtDateTime(v) : '—') },
            { title: t('vol.activity.minutes'), dataIndex: 'minutes', render: (v: number | null) => (v != null ? hm(v, t) : '—') },
            {
              title: t('common.actions'),
              key: 'act',
              render: (_, s) =>
                a.status !== 'open' ? null : s.status === 'signedUp' ? (
                  <Button size="small" onClick={() => check.mutate({ s, what: 'check-in' })}>
                    {t('vol.activity.checkIn')}
                  </Button>
                ) : s.status === 'checkedIn' ? (
                  <Button size="small" onClick={() => check.mutate({ s, what: 'check-out' })}>
                    {t('vol.activity.checkOut')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
