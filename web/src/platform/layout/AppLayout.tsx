import { useState } from 'react';
import { Avatar, Dropdown, Flex, Layout, Menu, Modal, Tag, Typography, theme } from 'antd';
import { ApiOutlined, DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSignedIn } from '../auth/me';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { useI18n } from '../i18n/i18n';
import { useLive } from '../live/live';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { menuKeyFor, visibleMenu, type MenuEntry } from './menu';
import { Brand } from './Brand';

/** The staff console: side menu by permission, header with language, bell and user menu. */
export function AppLayout() {
  const { t } = useI18n();
  const me = useSignedIn();
  const { can, signOut } = useMe();
  const { connected } = useLive();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);
  const { token } = theme.useToken();

  const toItem = (e: MenuEntry): NonNullable<Parameters<typeof Menu>[0]['items']>[number] =>
    e.children
      ? { key: e.key, icon: e.icon, label: t(e.labelKey), children: e.children.map(toItem) }
      : { key: e.key, icon: e.icon, label: <Link to={e.path!} data-testid={`menu-${e.key}`}>{t(e.labelKey)}</Link> };
  const entries = visibleMenu(can);
  const selected = menuKeyFor(location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={216} theme="dark" data-testid="side-menu" style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
        <Brand collapsed={collapsed} />
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={['epidemic', 'servicedesk', 'admin']}
          items={entries.map(toItem)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            paddingInline: 24,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Typography.Text type="secondary">
              {me.scope.all ? t('scope.all') : me.scope.places.map((p) => p.label).concat(me.scope.employers.map((e) => e.name)).join(t('common.sep'))}
            </Typography.Text>
            <Flex align="center" gap={16}>
              <span title={connected ? t('live.connected') : t('live.disconnected')} data-testid="live-status" data-connected={connected}>
                <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: connected ? token.colorSuccess : token.colorTextQuaternary }} />
              </span>
              <LanguageSwitch size="small" />
              <NotificationBell />
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'roles', disabled: true, label: <Flex gap={4} wrap>{me.roles.map((r) => <Tag key={r}>{t(`codes.role.${r}`)}</Tag>)}</Flex> },
                    { type: 'divider' },
                    { key: 'password', icon: <LockOutlined />, label: <span data-testid="menu-change-password">{t('password.title')}</span> },
                    ...(can('token.manage') ? [{ key: 'docs', icon: <ApiOutlined />, label: <a href="/api/docs" target="_blank" rel="noreferrer">{t('menu.apiDocs')}</a> }] : []),
                    { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="sign-out">{t('auth.signOut')}</span> },
                  ],
                  onClick: async ({ key }) => {
                    if (key === 'password') setPwOpen(true);
                    if (key === 'logout') {
                      await signOut();
                      void navigate('/login');
                    }
                  },
                }}
              >
                <Flex align="center" gap={8} style={{ cursor: 'pointer' }} data-testid="user-menu">
                  <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                  <Typography.Text>{me.displayName}</Typography.Text>
                  <DownOutlined style={{ fontSize: 10 }} />
                </Flex>
              </Dropdown>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <Modal open={pwOpen} title={t('password.title')} footer={null} onCancel={() => setPwOpen(false)} destroyOnHidden>
        <ChangePasswordForm onDone={() => setPwOpen(false)} />
      </Modal>
    </Layout>
  );
}
