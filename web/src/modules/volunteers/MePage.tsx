import { Alert, App, Button, Card, Checkbox, Col, Empty, Flex, Form, Input, List, Modal, Row, Select, Statistic, Tag, Typography } from 'antd';
import { PrinterOutlined, TrophyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { Certificate } from './AwardBits';
import { Qr } from './Qr';
import { VolShell } from './VolShell';
import { SERVICE_TYPES, hm, volApi, type AwardView, type ServiceType, type VolunteerView } from './volunteers.api';

function SignUp() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { serviceTypes: ServiceType[]; skills?: string[]; availability?: string; fromDuty?: boolean }) =>
      volApi.join({ serviceTypes: v.serviceTypes, skills: v.skills ?? [], availability: v.availability?.trim() || null, fromDuty: !!v.fromDuty }),
    onSuccess: () => {
      message.success(t('vol.signUp.done'));
      void qc.invalidateQueries({ queryKey: ['vol'] });
    },
  });
  return (
    <Card title={t('vol.signUp.title')}>
      <Typography.Paragraph type="secondary">{t('vol.signUp.hint')}</Typography.Paragraph>
      <Form layout="vertical" size="large" onFinish={(v) => save.mutate(v)} initialValues={{ serviceTypes: ['shopping', 'companionship'] }}>
        <Form.Item name="serviceTypes" label={t('vol.signUp.types')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={SERVICE_TYPES.map((c) => ({ value: c, label: t(`vol.category.${c}`) }))} data-testid="sign-up-types" />
        </Form.Item>
        <Form.Item name="skills" label={t('vol.signUp.skills')}>
          <Select mode="tags" maxCount={10} tokenSeparators={[',', '，', '、']} placeholder={t('vol.signUp.skillsPh')} />
        </Form.Item>
        <Form.Item name="fromDuty" valuePropName="checked" extra={t('vol.signUp.fromDutyHint')}>
          <Checkbox data-testid="sign-up-from-duty">{t('vol.signUp.fromDuty')}</Checkbox>
        </Form.Item>
        <Form.Item name="availability" label={t('vol.signUp.availability')}>
          <Input maxLength={200} placeholder={t('vol.signUp.availabilityPh')} />
        </Form.Item>
        {save.error ? <Alert type="error" showIcon message={errorText(save.error, lang)} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" block loading={save.isPending} style={{ height: 52 }} data-testid="sign-up-submit">
          {t('vol.signUp.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The printable volunteer card: name, unit, service types and a QR code the organiser scans. */
export function VolunteerCard({ v }: { v: VolunteerView }) {
  const { t } = useI18n();
  const card = useQuery({ queryKey: ['vol', 'my', 'card'], queryFn: volApi.card, staleTime: 3600_000 });
  return (
    <Card data-testid="vol-card" className="jy-print-card" styles={{ body: { background: 'linear-gradient(135deg,#f6ffed,#fff)' } }}>
      <Flex gap={16} align="center" wrap>
        {card.data ? <Qr text={card.data.token} size={128} alt={t('vol.me.cardQr')} testId="vol-card-qr" /> : <div style={{ width: 128, height: 128 }} />}
        <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text type="secondary">{t('vol.me.card')}</Typography.Text>
          <Typography.Text strong style={{ fontSize: 20 }}>
            {v.name}
          </Typography.Text>
          <Typography.Text>{t('vol.me.no', { id: String(v.id).padStart(6, '0') })}</Typography.Text>
          <Typography.Text type="secondary">{[v.communityName, v.employerName, ...v.teams.map((x) => x.name)].filter(Boolean).join(' · ')}</Typography.Text>
          <Flex gap={4} wrap>
            {v.serviceTypes.map((c) => (
              <Tag key={c} color="green">
                {t(`vol.category.${c}`)}
              </Tag>
            ))}
          </Flex>
        </Flex>
      </Flex>
    </Card>
  );
}

/** A volunteer's own page: the card with its QR code, hours verified and pending, the ledger of my hours, my certificates; or signing up. */
export default function MePage() {
  const { t } = useI18n();
  const my = useQuery({ queryKey: ['vol', 'my'], queryFn: volApi.my });
  const v = my.data?.volunteer;
  const hours = useQuery({ queryKey: ['vol', 'my', 'hours'], queryFn: volApi.myHours, enabled: !!v });
  const awards = useQuery({ queryKey: ['vol', 'my', 'awards'], queryFn: volApi.myAwards, enabled: !!v });
  const [cert, setCert] = useState<AwardView | null>(null);
  if (my.error) return <QueryError error={my.error} backTo={{ to: '/resident/volunteers', label: t('vol.home.title') }} />;
  if (!my.data) return <PageSpin />;
  return (
    <VolShell title={v ? t('vol.me.title') : t('vol.signUp.title')} back="/resident/volunteers" testId="vol-me">
      {!v ? (
        <SignUp />
      ) : (
        <>
          <VolunteerCard v={v} />
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('vol.me.print')}
          </Button>
          <Card data-testid="vol-my-hours" data-confirmed={my.data.minutes.confirmed} data-pending={my.data.minutes.pending}>
            <Row gutter={8}>
              <Col span={8}>
                <Statistic title={t('vol.hours.confirmed')} value={hm(my.data.minutes.confirmed, t)} valueStyle={{ fontSize: 18 }} />
              </Col>
              <Col span={8}>
                <Statistic title={t('vol.hours.pending')} value={hm(my.data.minutes.pending, t)} valueStyle={{ fontSize: 18 }} />
              </Col>
              <Col span={8}>
                <Statistic title={t('vol.hours.year')} value={hm(my.data.minutes.thisYear, t)} valueStyle={{ fontSize: 18 }} />
              </Col>
            </Row>
          </Card>
          <Card title={t('vol.me.history')} loading={hours.isPending} styles={{ body: { padding: '0 12px' } }}>
            <List
              dataSource={hours.data?.items ?? []}
              locale={{ emptyText: <Empty description={t('vol.me.noHours')} /> }}
              data-testid="vol-hours-list"
              renderItem={(e) => (
                <List.Item
                  extra={
                    <Typography.Text strong type={e.minutes < 0 ? 'danger' : undefined}>
                      {hm(e.minutes, t)}
                    </Typography.Text>
                  }
                >
                  <List.Item.Meta
                    title={
                      <span>
                        {t(`vol.source.${e.source}`)}{' '}
                        <Tag color={e.status === 'confirmed' ? 'green' : e.status === 'pending' ? 'orange' : 'default'}>{t(`vol.entryStatus.${e.status}`)}</Tag>
                      </span>
                    }
                    description={`${fmtDateTime(e.servedAt)}${e.reason ? ` · ${e.reason}` : ''}`}
                  />
                </List.Item>
              )}
            />
          </Card>
          <Card title={t('vol.me.awards')} data-testid="vol-my-awards" styles={{ body: { padding: '0 12px' } }}>
            <List
              dataSource={(awards.data ?? []).filter((a) => a.status === 'confirmed')}
              locale={{ emptyText: <Empty description={t('vol.me.noAwards')} /> }}
              renderItem={(a) => (
                <List.Item
                  extra={
                    <Button icon={<TrophyOutlined />} onClick={() => setCert(a)}>
                      {t('vol.me.certificate')}
                    </Button>
                  }
                >
                  <List.Item.Meta title={a.ruleName} description={`${a.periodFrom} – ${a.periodTo}`} />
                </List.Item>
              )}
            />
          </Card>
          <Modal
            open={!!cert}
            onCancel={() => setCert(null)}
            onOk={() => window.print()}
            okText={t('vol.award.print')}
            title={t('vol.award.certificate')}
            width={560}
          >
            {cert ? <Certificate a={cert} /> : null}
          </Modal>
        </>
      )}
    </VolShell>
  );
}
