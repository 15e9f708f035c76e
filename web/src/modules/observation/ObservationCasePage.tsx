import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Flex, Form, Input, InputNumber, Modal, Row, Space, Tag, Timeline, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { CUSTODIAN_ROLES, type ObservationCaseDetail, type ObservationCheckView } from '@jiayuan/contracts';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { useLiveTopic } from '../../platform/live/live';
import { fmtDateTime, local } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { CASE_STATUS_COLORS, obsApi, obsKeys, tempTone } from './observation.api';
import { ReadingModal } from './ReadingModal';

type Dialog = null | 'reading' | 'replan' | 'custodians' | 'members' | 'deliver';

/** One observation case: the plan and its reason, readings slot by slot, alerts, supplies, custody, release. */
export default function ObservationCasePage() {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: obsKeys.one(id), queryFn: () => obsApi.get(id) });
  useLiveTopic('observation', 'observation.changed', (d) => {
    if (Number(d.id) === id) void qc.invalidateQueries({ queryKey: obsKeys.one(id) });
  });
  const act = useMutation({
    mutationFn: async ({ kind, body }: { kind: string; body: Record<string, unknown> }) => {
      const c = q.data!;
      if (kind === 'replan') return obsApi.replan(id, { ...body, version: c.version });
      if (kind === 'custodians') return obsApi.custodians(id, body);
      if (kind === 'members') return obsApi.members(id, body);
      if (kind === 'deliver') return obsApi.deliver(id, body);
      return obsApi.release(id, { version: c.version, note: body.note ?? null });
    },
    onSuccess: (c) => {
      qc.setQueryData(obsKeys.one(id), c);
      void qc.invalidateQueries({ queryKey: obsKeys.all });
      message.success(t('common.saved'));
      setDialog(null);
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const ack = useMutation({
    mutationFn: (k: ObservationCheckView) => obsApi.acknowledge(id, k.id, null),
    onSuccess: () => void qc.invalidateQueries({ queryKey: obsKeys.all }),
    onError: (e) => message.error(errorText(e, lang)),
  });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <PageSpin />;
  const c: ObservationCaseDetail = q.data;
  const open = (d: Dialog) => {
    form.resetFields();
    if (d === 'replan') form.setFieldsValue({ days: c.plan.days });
    if (d === 'custodians')
      form.setFieldsValue({ custodians: Object.fromEntries(CUSTODIAN_ROLES.map((r) => [r, c.custodians.find((x) => x.role === r)?.name ?? ''])) });
    if (d === 'members') form.setFieldsValue({ memberIds: c.members.filter((m) => m.checked && m.residentId !== c.residentId).map((m) => m.residentId) });
    setDialog(d);
  };
  const submit = (v: Record<string, unknown>) => {
    if (dialog === 'custodians') {
      const names = v.custodians as Record<string, string>;
      return act.mutate({
        kind: 'custodians',
        body: { custodians: CUSTODIAN_ROLES.filter((r) => names[r]?.trim()).map((r) => ({ role: r, name: names[r]!.trim() })) },
      });
    }
    act.mutate({ kind: dialog!, body: v });
  };
  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={10}>
            <span data-testid="case-name">{c.name}</span>
            <Tag>{t(`observation.kind.${c.kind}`)}</Tag>
            <Tag color={CASE_STATUS_COLORS[c.status]} data-testid="case-status" data-status={c.status}>
              {t(`observation.status.${c.status}`)}
            </Tag>
          </Flex>
        }
        subtitle={c.placeLabel}
        extra={
          <Space wrap>
            {c.actions.includes('record') ? (
              <Button type="primary" onClick={() => setDialog('reading')} data-testid="case-record">
                {t('observation.recordReading')}
              </Button>
            ) : null}
            {c.actions.includes('deliver') ? (
              <Button onClick={() => open('deliver')} data-testid="case-deliver">
                {t('observation.deliver')}
              </Button>
            ) : null}
            {c.actions.includes('replan') ? (
              <Button onClick={() => open('replan')} data-testid="case-replan">
                {t('observation.replan')}
              </Button>
            ) : null}
            {c.actions.includes('custodians') ? <Button onClick={() => open('custodians')}>{t('observation.custodians')}</Button> : null}
            {c.actions.includes('members') ? <Button onClick={() => open('members')}>{t('observation.members')}</Button> : null}
          </Space>
        }
      />
      {c.status === 'release_proposed' ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('observation.releaseProposed')}
          action={
            c.actions.includes('release') ? (
              <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ kind: 'release', body: {} })} data-testid="case-release">
                {t('observation.confirmRelease')}
              </Button>
            ) : null
          }
        />
      ) : null}
      {c.openAlerts ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('observation.openAlerts', { count: c.openAlerts })} data-testid="case-alert" />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={t('observation.plan')} style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('observation.period')} span={2}>
                <span data-testid="case-plan">{pick(c.planText)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('observation.dayLabel')}>
                {c.dayNo === 0 ? t('observation.arrivalDay', { total: c.plan.days }) : t('observation.dayOf', { n: c.dayNo, total: c.plan.days })}
              </Descriptions.Item>
              <Descriptions.Item label={t('observation.reason')}>{c.reason}</Descriptions.Item>
              <Descriptions.Item label={t('observation.custodians')} span={2}>
                {c.custodians.length
                  ? c.custodians.map((x) => (
                      <Tag key={x.role}>
                        {t(`observation.custodian.${x.role}`)} {x.name}
                      </Tag>
                    ))
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('observation.members')} span={2}>
                {c.members
                  .filter((m) => m.checked)
                  .map((m) => m.name)
                  .join('、')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('observation.checks')} style={{ marginBottom: 16 }}>
            <DataTable<ObservationCheckView>
              rowKey="id"
              size="small"
              data-testid="case-checks"
              dataSource={c.checks}
              pagination={{ pageSize: 12, showSizeChanger: false }}
              columns={[
                {
                  title: t('observation.slot'),
                  render: (_, k) =>
                    k.slotNo === null ? (
                      <Tag>{t('observation.extra')}</Tag>
                    ) : (
                      `${k.slotDate} ${local(k.windowStart).format('HH:mm')}–${local(k.windowEnd).format('HH:mm')}`
                    ),
                },
                { title: t('observation.person'), dataIndex: 'name' },
                {
                  title: t('observation.stateLabel'),
                  render: (_, k) => (
                    <Tag color={{ done: 'green', open: 'orange', late: 'orange', missed: 'red', upcoming: 'default', extra: 'blue' }[k.state]}>
                      {t(`observation.state.${k.state}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('observation.temperature'),
                  render: (_, k) =>
                    k.temperature !== null ? <span style={{ color: tempTone(k.temperature, k.alert), fontWeight: 600 }}>{k.temperature}°C</span> : '—',
                },
                {
                  title: t('observation.symptoms'),
                  render: (_, k) =>
                    k.symptoms.map((s) => (
                      <Tag key={s} color="red">
                        {t(`observation.symptom.${s}`)}
                      </Tag>
                    )),
                },
                { title: t('observation.takenBy'), render: (_, k) => (k.takenAt ? `${k.takenByName ?? ''} ${fmtDateTime(k.takenAt).slice(11)}` : '—') },
                {
                  title: t('observation.alerts'),
                  render: (_, k) =>
                    k.alert ? (
                      k.acknowledgedAt ? (
                        <Tag color="green">{t('observation.handled')}</Tag>
                      ) : c.actions.includes('record') ? (
                        <Button size="small" danger onClick={() => ack.mutate(k)} data-testid="case-ack">
                          {t('observation.handle')}
                        </Button>
                      ) : (
                        <Tag color="red">{t('observation.alert')}</Tag>
                      )
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('observation.deliveries')} style={{ marginBottom: 16 }}>
            {c.deliveries.length ? (
              c.deliveries.map((d) => (
                <div key={d.id} style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{d.what}</Typography.Text> {d.quantity}
                  <div>
                    <Typography.Text type="secondary">
                      {d.deliveredByName} · {fmtDateTime(d.deliveredAt)}
                    </Typography.Text>
                  </div>
                </div>
              ))
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            )}
          </Card>
          <Card title={t('observation.timeline')}>
            <Timeline
              items={c.events.map((e) => ({
                content: (
                  <>
                    <Typography.Text strong>{t(`observation.event.${e.kind}`)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {e.actorName} · {fmtDateTime(e.at)}
                    </Typography.Text>
                    {typeof e.data.reason === 'string' ? <div>{e.data.reason}</div> : null}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <ReadingModal c={c} open={dialog === 'reading'} onClose={() => setDialog(null)} />
      <Modal
        open={dialog !== null && dialog !== 'reading'}
        title={dialog ? t(`observation.${dialog}`) : ''}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: act.isPending, 'data-testid': 'case-dialog-ok' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          {dialog === 'replan' ? (
            <>
              <Form.Item
                name="days"
                label={t('observation.days')}
                rules={[{ required: true }]}
                extra={t('observation.replanHint', { basis: c.plan.basisDate })}
              >
                <InputNumber min={0} max={60} data-testid="replan-days" />
              </Form.Item>
              <Form.Item name="reason" label={t('observation.reason')} rules={[{ required: true, min: 2 }]}>
                <Input.TextArea rows={2} maxLength={200} data-testid="replan-reason" />
              </Form.Item>
            </>
          ) : null}
          {dialog === 'deliver' ? (
            <>
              <Form.Item name="what" label={t('observation.what')} rules={[{ required: true }]}>
                <Input maxLength={100} placeholder={t('observation.whatPlaceholder')} data-testid="deliver-what" />
              </Form.Item>
              <Form.Item name="quantity" label={t('observation.quantity')}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item name="note" label={t('observation.note')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : null}
          {dialog === 'custodians'
            ? CUSTODIAN_ROLES.map((r) => (
                <Form.Item key={r} name={['custodians', r]} label={t(`observation.custodian.${r}`)}>
                  <Input maxLength={40} />
                </Form.Item>
              ))
            : null}
          {dialog === 'members' ? (
            <Form.Item name="memberIds" label={t('observation.members')}>
              <Checkbox.Group options={c.members.filter((m) => m.residentId !== c.residentId).map((m) => ({ value: m.residentId, label: m.name }))} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
