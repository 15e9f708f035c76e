import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { DataTable } from '../../../platform/ui/DataTable';
import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, UnlockOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES, type UserView } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { fmtDateTime } from '../../../platform/time';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { QueryError } from '../../../platform/ui/QueryError';
import { SecretOnce } from '../../../platform/ui/SecretOnce';
import { ScopeSummary } from '../shared/ScopePicker';
import { UserFormModal } from './UserFormModal';

interface Page {
  items: UserView[];
  total: number;
}

/** Users: roles, scope, status; create, edit, disable/enable, reset password, unlock. */
export default function UsersPage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [residents, setResidents] = useState(false);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const q = useQuery({
    queryKey: ['users', 'list', search, role, residents, page],
    queryFn: () => api.get<Page>('/users', { q: search, role, includeResidents: residents || undefined, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });
  const act = useMutation({
    mutationFn: async ({ u, what }: { u: UserView; what: 'disable' | 'enable' | 'unlock' | 'resetPassword' }) => {
      if (what === 'unlock') return api.post(`/users/${u.id}/unlock`);
      if (what === 'resetPassword') {
        const r = await api.post<{ temporaryPassword: string }>(`/users/${u.id}/reset-password`);
        setSecret({ title: t('users.tempPasswordFor', { name: u.displayName }), value: r.temporaryPassword });
        return r;
      }
      return api.patch(`/users/${u.id}`, { disabled: what === 'disable', version: u.version });
    },
    onSuccess: (_r, { what }) => {
      if (what !== 'resetPassword') message.success(t(`users.done.${what}`));
      void refresh();
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  const confirm = (u: UserView, what: 'disable' | 'resetPassword') =>
    modal.confirm({
      title: t(`users.confirm.${what}`, { name: u.displayName }),
      okButtonProps: { danger: what === 'disable' },
      onOk: () => act.mutateAsync({ u, what }),
    });

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-new">
            {t('users.new')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Input.Search
            allowClear
            placeholder={t('users.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => {
              setSearch(v.trim());
              setPage(1);
            }}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            placeholder={t('users.role')}
            aria-label={t('users.role')}
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            style={{ width: 200 }}
            options={ROLES.map((r) => ({ value: r, label: t(`codes.role.${r}`) }))}
          />
          <Checkbox checked={residents} onChange={(e) => setResidents(e.target.checked)}>
            {t('users.includeResidents')}
          </Checkbox>
        </Flex>
      </Card>
      <Card>
        {q.error ? <QueryError error={q.error} /> : null}
        <DataTable<UserView>
          rowKey="id"
          data-testid="users-table"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 1100 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t('common.totalN', { n }),
          }}
          columns={[
            {
              title: t('users.username'),
              dataIndex: 'username',
              render: (v: string) => (
                <Typography.Text strong className="jy-mono">
                  {v}
                </Typography.Text>
              ),
            },
            { title: t('users.displayName'), dataIndex: 'displayName' },
            {
              title: t('users.roles'),
              dataIndex: 'roles',
              render: (rs: string[]) =>
                rs.map((r) => (
                  <Tag key={r} color="blue">
                    {t(`codes.role.${r}`)}
                  </Tag>
                )),
            },
            { title: t('users.scope'), dataIndex: 'scope', render: (s: UserView['scope']) => <ScopeSummary scope={s} /> },
            {
              title: t('users.status'),
              render: (_, u) =>
                u.disabled ? (
                  <Tag color="default">{t('users.disabled')}</Tag>
                ) : u.locked ? (
                  <Tag color="orange">{t('users.locked')}</Tag>
                ) : (
                  <Tag color="green">{t('users.active')}</Tag>
                ),
            },
            {
              title: t('users.lastLogin'),
              dataIndex: 'lastLoginAt',
              render: (v: string | null) => (v ? fmtDateTime(v) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>),
            },
            {
              title: t('common.actions'),
              fixed: 'right',
              width: 300,
              render: (_, u) => (
                <Space size={0} wrap>
                  {u.actions.includes('update') ? (
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  {u.actions.includes('disable') ? (
                    <Button type="link" size="small" danger icon={<StopOutlined />} onClick={() => confirm(u, 'disable')} data-testid="user-disable">
                      {t('users.disable')}
                    </Button>
                  ) : null}
                  {u.actions.includes('enable') ? (
                    <Button type="link" size="small" icon={<CheckCircleOutlined />} onClick={() => act.mutate({ u, what: 'enable' })} data-testid="user-enable">
                      {t('users.enable')}
                    </Button>
                  ) : null}
                  {u.actions.includes('resetPassword') ? (
                    <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => confirm(u, 'resetPassword')} data-testid="user-reset">
                      {t('users.resetPassword')}
                    </Button>
                  ) : null}
                  {u.actions.includes('unlock') ? (
                    <Button type="link" size="small" icon={<UnlockOutlined />} onClick={() => act.mutate({ u, what: 'unlock' })} data-testid="user-unlock">
                      {t('users.unlock')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing ? (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(initialPassword, name) => {
            setEditing(null);
            void refresh();
            if (initialPassword) setSecret({ title: t('users.initialPasswordFor', { name }), value: initialPassword });
          }}
        />
      ) : null}
      <Modal
        open={!!secret}
        title={secret?.title}
        onCancel={() => setSecret(null)}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('common.done')}
          </Button>
        }
      >
        {secret ? <SecretOnce value={secret.value} testId="secret-value" /> : null}
        <Typography.Text type="secondary">{t('users.mustChangeHint')}</Typography.Text>
      </Modal>
    </>
  );
}
