import { lazy, Suspense, useState } from 'react';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, Tag, Typography, theme } from 'antd';
import { ApiOutlined, DownOutlined, LockOutlined, LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSignedIn } from '../auth/me';
import { useI18n } from '../i18n/i18n';
import { useLive } from '../live/live';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PageSpin } from '../ui/PageSpin';
import { useDocumentTitle } from '../ui/hooks';
import { NotificationBell } from './NotificationBell';
import { MENU_GROUPS, menuEntryFor, menuKeyFor, visibleMenu, type MenuEntry } from './menu';
import { Brand } from './Brand';
import { useIsPhone } from './useIsPhone';

// Asked for by few and rarely: each comes in its own chunk the first time it is opened.
const MenuDrawer = lazy(() => import('./MenuDrawer'));
const PasswordDialog = lazy(() => import('./PasswordDialog'));

/**
 * The staff console: side menu by permission, header with language, bell and user menu. On a
 * phone the menu is a drawer opened from the header, so the page gets the whole width.
 */
export function AppLayout() {
  const { t } = useI18n();
  const me = useSignedIn();
  const { can, signOut } = useMe();
  const { connected } = useLive();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = useIsPhone();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from the first opening on, so it can slide out again as it closes.
  const [drawerUsed, setDrawerUsed] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);
  const { token } = theme.useToken();

  const toItem = (e: MenuEntry): NonNullable<Parameters<typeof Menu>[0]['items']>[number] =>
    e.children
      ? { key: e.key, icon: e.icon, label: t(e.labelKey), children: e.children.map(toItem) }
      : {
          key: e.key,
          icon: e.icon,
          label: (
            <Link to={e.path!} data-testid={`menu-${e.key}`}>
              {t(e.labelKey)}
            </Link>
          ),
        };
  const entries = visibleMenu(can);
  const selected = menuKeyFor(location.pathname);

  // The window's title names the page (screen readers announce it; tabs and history show it).
  const entry = menuEntryFor(location.pathname);
  const pageName = entry ? t(entry.labelKey) : null;
  useDocumentTitle(pageName, t('app.name'));

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={MENU_GROUPS}
      items={entries.map(toItem)}
      aria-label={t('layout.mainMenu')}
      onClick={() => setDrawerOpen(false)}
    />
  );
  const scopeText = me.scope.all
    ? t('scope.all')
    : me.scope.places
        .map((p) => p.label)
        .concat(me.scope.employers.map((e) => e.name))
        .join(t('common.sep'));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        drawerUsed ? (
          <Suspense fallback={null}>
            <MenuDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} menu={menu} />
          </Suspense>
        ) : null
      ) : (
        <Layout.Sider
          collapsed={collapsed}
          width={216}
          trigger={null}
          theme="dark"
          data-testid="side-menu"
          style={{ position: 'sticky', top: 0, height: '100vh' }}
        >
          {/* Brand, the menu scrolling between, and the collapse button below it: nothing is covered. */}
          <nav aria-label={t('layout.mainMenu')} style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
            <Brand collapsed={collapsed} />
            <div style={{ flex: 1, overflowY: 'auto', overflowX: 'hidden' }} data-testid="side-menu-scroll">
              {menu}
            </div>
            <Button
              type="text"
              block
              onClick={() => setCollapsed(!collapsed)}
              aria-label={collapsed ? t('layout.expandMenu') : t('layout.collapseMenu')}
              aria-expanded={!collapsed}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              style={{ height: 48, borderRadius: 0, color: '#fff', background: '#0f2a4f', flex: 'none' }}
              data-testid="side-menu-collapse"
            />
          </nav>
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            paddingInline: phone ? 8 : 24,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Flex justify="space-between" align="center" gap={8} style={{ height: '100%' }}>
            {phone ? (
              <Button
                type="text"
                icon={<MenuOutlined style={{ fontSize: 18 }} />}
                aria-label={t('layout.openMenu')}
                aria-expanded={drawerOpen}
                onClick={() => {
                  setDrawerUsed(true);
                  setDrawerOpen(true);
                }}
                data-testid="menu-open"
              />
            ) : (
              <Typography.Text type="secondary" ellipsis style={{ minWidth: 0 }}>
                {scopeText}
              </Typography.Text>
            )}
            <Flex align="center" gap={phone ? 4 : 16} style={{ flex: 'none' }}>
              <span
                title={connected ? t('live.connected') : t('live.disconnected')}
                role="img"
                aria-label={connected ? t('live.connected') : t('live.disconnected')}
                data-testid="live-status"
                data-connected={connected}
              >
                <span
                  style={{
                    display: 'inline-block',
                    width: 8,
                    height: 8,
                    borderRadius: 4,
                    background: connected ? token.colorSuccess : token.colorTextQuaternary,
                  }}
                />
              </span>
              <LanguageSwitch size="small" />
              <NotificationBell />
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    {
                      key: 'roles',
                      disabled: true,
                      label: (
                        <Flex gap={4} wrap>
                          {me.roles.map((r) => (
                            <Tag key={r}>{t(`codes.role.${r}`)}</Tag>
                          ))}
                        </Flex>
                      ),
                    },
                    ...(phone ? [{ key: 'scope', disabled: true, label: <Typography.Text type="secondary">{scopeText}</Typography.Text> }] : []),
                    { type: 'divider' },
                    { key: 'password', icon: <LockOutlined />, label: <span data-testid="menu-change-password">{t('password.title')}</span> },
                    ...(can('token.manage')
                      ? [
                          {
                            key: 'docs',
                            icon: <ApiOutlined />,
                            label: (
                              <a href="/api/docs" target="_blank" rel="noreferrer">
                                {t('menu.apiDocs')}
                              </a>
                            ),
                          },
                        ]
                      : []),
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
                <button
                  type="button"
                  aria-label={`${t('layout.userMenu')}: ${me.displayName}`}
                  data-testid="user-menu"
                  style={{ display: 'flex', alignItems: 'center', gap: 8, cursor: 'pointer', background: 'none', border: 0, padding: 4, font: 'inherit' }}
                >
                  <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                  {phone ? null : <Typography.Text>{me.displayName}</Typography.Text>}
                  <DownOutlined style={{ fontSize: 10 }} />
                </button>
              </Dropdown>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {pwOpen ? (
        <Suspense fallback={null}>
          <PasswordDialog open onClose={() => setPwOpen(false)} />
        </Suspense>
      ) : null}
    </Layout>
  );
}
