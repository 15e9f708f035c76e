import { useState } from 'react';
import { App, Button, Flex, Form, Input, InputNumber, Modal, Rate, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrderDetail } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { SD, useTeams } from './servicedesk.api';

const DIRECT = new Set(['take', 'accept', 'arrive', 'resume', 'acceptTransfer']);
const ORDER = [
  'take',
  'accept',
  'arrive',
  'resolve',
  'reply',
  'dispatch',
  'acceptTransfer',
  'rejectTransfer',
  'callback',
  'pause',
  'resume',
  'transfer',
  'reopen',
  'merge',
  'cancel',
];
const DANGER = new Set(['cancel', 'rejectTransfer']);
const PRIMARY = new Set(['take', 'accept', 'arrive', 'resolve', 'reply', 'dispatch', 'acceptTransfer', 'callback']);

/** The buttons the server says this user may press now, each with the form its step needs. */
export function OrderActions({ o, size = 'middle', block = false }: { o: OrderDetail; size?: 'middle' | 'large'; block?: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const [form] = Form.useForm();
  const teams = useTeams(o.actions.includes('dispatch') || o.actions.includes('transfer'));
  const run = useMutation({
    mutationFn: async ({ action, values }: { action: string; values: Record<string, unknown> }) =>
      action === 'merge'
        ? api.post<OrderDetail>(`${SD}/orders/${o.id}/merge`, { intoId: values.intoId, version: o.version })
        : api.post<OrderDetail>(`${SD}/orders/${o.id}/transitions`, { action, ...values, version: o.version }),
    onSuccess: (next, { action }) => {
      qc.setQueryData(['sd', 'order', o.id], next);
      void qc.invalidateQueries({ queryKey: ['sd'] });
      setOpen(null);
      form.resetFields();
      // Say what was done: "已到场", not a bare "done".
      message.success(t(`sd.done.${action}`));
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  const members = teams.data?.items.find((x) => x.id === o.team?.id);
  const people = members
    ? [...(members.leader ? [members.leader] : []), ...members.members].filter((p, i, a) => a.findIndex((q) => q.userId === p.userId) === i)
    : [];
  const fields: Record<string, React.ReactNode> = {
    dispatch: (
      <Form.Item name="assigneeUserId" label={t('sd.form.assignee')} rules={[{ required: true }]}>
        <Select options={people.map((p) => ({ value: p.userId, label: p.name }))} data-testid="dispatch-assignee" />
      </Form.Item>
    ),
    resolve: (
      <>
        <Form.Item name="firstVisitFix" label={t('sd.form.firstVisitFix')} valuePropName="checked" initialValue={true}>
          <Switch data-testid="resolve-first-visit" />
        </Form.Item>
        <Form.Item name="workDone" label={t('sd.form.workDone')} rules={[{ required: true, max: 1000 }]}>
          <Input.TextArea rows={3} data-testid="resolve-work" />
        </Form.Item>
        <Form.Item name="materials" label={t('sd.form.materials')} rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
      </>
    ),
    reply: (
      <Form.Item name="reply" label={t('sd.form.reply')} rules={[{ required: true, max: 2000 }]}>
        <Input.TextArea rows={4} data-testid="reply-text" />
      </Form.Item>
    ),
    callback: (
      <>
        <Form.Item name="rating" label={t('sd.form.rating')} initialValue={5}>
          <Rate />
        </Form.Item>
        <Form.Item name="note" label={t('sd.form.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </>
    ),
    transfer: (
      <>
        <Form.Item name="toTeamId" label={t('sd.form.toTeam')} rules={[{ required: true }]}>
          <Select
            options={(teams.data?.items ?? [])
              .filter((x) => x.id !== o.team?.id && x.active)
              .map((x) => ({ value: x.id, label: `${x.name} · ${x.placeLabel}` }))}
            data-testid="transfer-team"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('sd.form.reason')} rules={[{ required: true, max: 500 }]}>
          <Input data-testid="action-reason" />
        </Form.Item>
      </>
    ),
    merge: (
      <Form.Item name="intoId" label={t('sd.form.intoId')} rules={[{ required: true }]}>
        <InputNumber min={1} style={{ width: '100%' }} />
      </Form.Item>
    ),
  };
  const reason = (
    <Form.Item name="reason" label={t('sd.form.reason')} rules={[{ required: true, max: 500 }]}>
      <Input data-testid="action-reason" />
    </Form.Item>
  );
  const actions = ORDER.filter((a) => o.actions.includes(a));
  return (
    <>
      <Flex gap={8} wrap vertical={block}>
        {actions.map((a) => (
          <Button
            key={a}
            size={size}
            block={block}
            type={PRIMARY.has(a) ? 'primary' : 'default'}
            danger={DANGER.has(a)}
            loading={run.isPending && run.variables?.action === a}
            onClick={() => (DIRECT.has(a) ? run.mutate({ action: a, values: {} }) : setOpen(a))}
            data-testid={`action-${a}`}
          >
            {t(`sd.action.${a}`)}
          </Button>
        ))}
      </Flex>
      <Modal
        open={open !== null}
        title={open ? t(`sd.action.${open}`) : ''}
        okText={t('sd.form.confirm')}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        confirmLoading={run.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'action-confirm' } as Record<string, string>}
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(values) => run.mutate({ action: open!, values: { ...values, ...(open === 'callback' ? { rating: values.rating || null } : {}) } })}
        >
          {open ? (fields[open] ?? reason) : null}
        </Form>
      </Modal>
    </>
  );
}
