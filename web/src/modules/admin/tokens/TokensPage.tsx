import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { DataTable } from '../../../platform/ui/DataTable';
import { ApiOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PERMISSIONS, type ApiTokenView, type ScopeInput } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { fmtDateTime } from '../../../platform/time';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { QueryError } from '../../../platform/ui/QueryError';
import { SecretOnce } from '../../../platform/ui/SecretOnce';
import { ScopePicker, ScopeSummary } from '../shared/ScopePicker';

interface Values {
  name: string;
  permissions: string[];
  scope: ScopeInput;
  expiresInDays?: number | null;
}

/** API tokens for other systems: permissions and scope, secret shown once, revoke. */
export default function TokensPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<{ items: ApiTokenView[] }>('/api-tokens').then((r) => r.items) });
  const revoke = useMutation({
    mutationFn: (id: number) => api.post(`/api-tokens/${id}/revoke`),
    onSuccess: () => {
      message.success(t('tokens.revoked'));
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (err) => message.error(errorText(err, lang)),
  });

  const create = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await api.post<{ secret: string }>('/api-tokens', { ...v, expiresInDays: v.expiresInDays ?? null });
      setOpen(false);
      form.resetFields();
      setSecret(r.secret);
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    } catch (err) {
      if (!applyFieldErrors(form, err, lang, { 'scope.placeIds': 'scope', 'scope.employerIds': 'scope' })) message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.subtitle')}
        extra={
          <>
            <a href="/api/docs" target="_blank" rel="noreferrer">
              <Button icon={<ApiOutlined />}>{t('menu.apiDocs')}</Button>
            </a>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="token-new">
              {t('tokens.new')}
            </Button>
          </>
        }
      />
      <Card>
        {q.error ? <QueryError error={q.error} /> : null}
        <DataTable<ApiTokenView>
          rowKey="id"
          data-testid="tokens-table"
          loading={q.isPending}
          dataSource={q.data ?? []}
          locale={{ emptyText: t('tokens.empty') }}
          scroll={{ x: 1000 }}
          columns={[
            { title: t('tokens.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: t('tokens.prefix'), dataIndex: 'prefix', render: (v: string) => <span className="jy-mono">{v}…</span> },
            {
              title: t('tokens.permissions'),
              dataIndex: 'permissions',
              render: (ps: string[]) => (
                <Tooltip title={ps.map((p) => t(`codes.permission.${p}`)).join(t('common.sep'))}>
                  <Tag>{t('tokens.permissionsN', { count: ps.length })}</Tag>
                </Tooltip>
              ),
            },
            { title: t('users.scope'), dataIndex: 'scope', render: (s: ApiTokenView['scope']) => <ScopeSummary scope={s} /> },
            { title: t('tokens.createdBy'), render: (_, r) => `${r.createdByName} · ${fmtDateTime(r.createdAt)}` },
            { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? fmtDateTime(v) : t('tokens.never')) },
            { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? fmtDateTime(v) : '—') },
            {
              title: t('users.status'),
              render: (_, r) =>
                r.revokedAt ? <Tag>{t('tokens.revokedAt', { at: fmtDateTime(r.revokedAt) })}</Tag> : <Tag color="green">{t('users.active')}</Tag>,
            },
            {
              title: t('common.actions'),
              width: 100,
              render: (_, r) =>
                r.actions.includes('revoke') ? (
                  <Popconfirm title={t('tokens.revokeConfirm', { name: r.name })} onConfirm={() => revoke.mutate(r.id)} okButtonProps={{ danger: true }}>
                    <Button danger size="small" data-testid="token-revoke">
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={open}
        width={720}
        title={t('tokens.new')}
        onCancel={() => setOpen(false)}
        onOk={create}
        confirmLoading={busy}
        okText={t('tokens.create')}
        forceRender
      >
        <Form form={form} layout="vertical" initialValues={{ permissions: [], scope: { all: false, placeIds: [], employerIds: [] }, expiresInDays: 365 }}>
          <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input placeholder={t('tokens.namePlaceholder')} data-testid="token-name" />
          </Form.Item>
          <Form.Item
            name="permissions"
            label={t('tokens.permissions')}
            rules={[{ required: true, type: 'array', min: 1, message: t('tokens.permissionsRule') }]}
          >
            <Checkbox.Group
              style={{ display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', gap: 6 }}
              options={PERMISSIONS.map((p) => ({ value: p, label: t(`codes.permission.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="scope" label={t('users.scope')}>
            <ScopePicker />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHint')}>
            <InputNumber min={1} max={3650} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!secret}
        title={t('tokens.secretTitle')}
        onCancel={() => setSecret(null)}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('common.done')}
          </Button>
        }
      >
        {secret ? <SecretOnce value={secret} testId="token-secret" /> : null}
        <Typography.Text type="secondary">{t('tokens.usage')}</Typography.Text>
      </Modal>
    </>
  );
}
