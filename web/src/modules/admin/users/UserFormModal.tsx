import { useState } from 'react';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { ROLES, type ScopeInput, type UserView } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { ApiError, errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { ScopePicker, scopeInputOf } from '../shared/ScopePicker';

interface Values {
  username: string;
  displayName: string;
  roles: string[];
  scope: ScopeInput;
  passwordMode: 'generate' | 'set';
  password?: string;
}

/** Create a user (initial password generated and shown once, or set here) or change one. */
export function UserFormModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserView | null;
  onClose: () => void;
  onSaved: (initialPassword: string | null, name: string) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const mode = Form.useWatch('passwordMode', form);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (user) {
        await api.patch(`/users/${user.id}`, { displayName: v.displayName, roles: v.roles, scope: v.scope, version: user.version });
        message.success(t('common.saved'));
        onSaved(null, v.displayName);
      } else {
        const r = await api.post<{ initialPassword: string | null }>('/users', {
          username: v.username,
          displayName: v.displayName,
          roles: v.roles,
          scope: v.scope,
          ...(v.passwordMode === 'set' ? { password: v.password } : {}),
        });
        message.success(t('users.created'));
        onSaved(r.initialPassword, v.displayName);
      }
    } catch (err) {
      const stale = err instanceof ApiError && err.code === 'STALE_VERSION';
      const landed = applyFieldErrors(form, err, lang, {
        'code:USER_USERNAME_TAKEN': 'username',
        'code:USER_SCOPE_REQUIRED': 'scope',
        'code:USER_SCOPE_UNKNOWN': 'scope',
        'scope.placeIds': 'scope',
        'scope.employerIds': 'scope',
      });
      if (!landed) message.error(stale ? t('common.stale') : errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={user ? t('users.edit', { name: user.displayName }) : t('users.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'user-form-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName, roles: user.roles, scope: scopeInputOf(user.scope) }
            : { roles: [], scope: { all: false, placeIds: [], employerIds: [] }, passwordMode: 'generate' }
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,40}$/, message: t('users.usernameRule') }]}
        >
          <Input disabled={!!user} autoComplete="off" data-testid="user-form-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input data-testid="user-form-display" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, max: 5, message: t('users.rolesRule') }]}>
          <Select
            mode="multiple"
            options={ROLES.filter((r) => r !== 'resident').map((r) => ({ value: r, label: t(`codes.role.${r}`) }))}
            data-testid="user-form-roles"
          />
        </Form.Item>
        <Form.Item name="scope" label={t('users.scope')} extra={t('users.scopeHint')}>
          <ScopePicker current={user?.scope} />
        </Form.Item>
        {!user ? (
          <>
            <Form.Item name="passwordMode" label={t('users.initialPassword')}>
              <Radio.Group
                options={[
                  { value: 'generate', label: t('users.generate') },
                  { value: 'set', label: t('users.setNow') },
                ]}
              />
            </Form.Item>
            {mode === 'set' ? (
              <Form.Item name="password" rules={[{ required: true, min: 10, message: t('password.rule') }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            ) : null}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
