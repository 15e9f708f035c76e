import { lazy, Suspense } from 'react';
import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { BellOutlined, HomeOutlined, LogoutOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { MyHousehold, NotificationView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { ApiError } from '../../platform/api/problem';
import { useMe, useSignedIn } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { Logo } from '../../platform/layout/Logo';
import { fmtDateTime } from '../../platform/time';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';
import { webModules } from '../../platform/modules';

/** Every module's tiles, in their order: between the household and the notifications. */
const TILES = webModules()
  .flatMap((m) => m.residentTiles ?? [])
  .sort((a, b) => a.order - b.order)
  .map((t) => ({ key: t.key, Tile: lazy(t.tile) }));

const forbidden = (err: unknown) => err instanceof ApiError && (err.status === 403 || err.status === 404);

/** A resident's own page on the phone: their household and their notifications, in large type. */
export default function ResidentHomePage() {
  const { t, pick } = useI18n();
  const me = useSignedIn();
  const { signOut } = useMe();
  const navigate = useNavigate();
  const household = useQuery({
    queryKey: ['resident-home', 'household'],
    queryFn: () => api.get<MyHousehold>('/me/household'),
    retry: false,
  });
  const notes = useQuery({
    queryKey: ['notifications', 'resident'],
    queryFn: () => api.get<{ items: NotificationView[]; unread: number }>('/notifications', { pageSize: 20 }),
    retry: false,
  });
  const members = household.data?.members ?? [];

  return (
    <div style={{ maxWidth: 480, margin: '0 auto', minHeight: '100vh', background: '#f3f5f8', fontSize: 17 }} data-testid="resident-home">
      <Flex justify="space-between" align="center" style={{ padding: '16px 16px 8px', background: '#0b1f3a', color: '#fff' }}>
        <Flex align="center" gap={10}>
          <Logo size={32} />
          <div>
            <PhoneTitle style={{ fontSize: 20, fontWeight: 600 }} text={t('residentHome.hello', { name: me.displayName })} />
            <div style={{ opacity: 0.7, fontSize: 13 }}>{t('app.name')}</div>
          </div>
        </Flex>
        <LanguageSwitch size="small" />
      </Flex>
      <Flex vertical gap={12} style={{ padding: 12 }}>
        <Card
          title={
            <span style={{ fontSize: 18 }}>
              <HomeOutlined /> {t('residentHome.household')}
            </span>
          }
          loading={household.isPending}
        >
          {members.length ? (
            <>
              <Typography.Paragraph style={{ fontSize: 16 }}>{household.data!.dwellingLabel}</Typography.Paragraph>
              <List
                dataSource={members}
                renderItem={(m) => (
                  <List.Item extra={<Tag style={{ fontSize: 14 }}>{t(`codes.relation.${m.relation}`)}</Tag>}>
                    <span style={{ fontSize: 18, fontWeight: m.isMe ? 600 : 400 }}>{m.name}</span>
                  </List.Item>
                )}
              />
            </>
          ) : (
            <Empty description={forbidden(household.error) ? t('residentHome.householdUnavailable') : t('residentHome.noHousehold')} />
          )}
        </Card>
        {TILES.map(({ key, Tile }) => (
          <Suspense key={key} fallback={<Card loading />}>
            <Tile />
          </Suspense>
        ))}
        <Card
          title={
            <span style={{ fontSize: 18 }}>
              <BellOutlined /> {t('notifications.title')}
            </span>
          }
          loading={notes.isPending}
        >
          {notes.data?.items.length ? (
            <List
              dataSource={notes.data.items}
              renderItem={(n) => (
                <List.Item>
                  <List.Item.Meta
                    title={<span style={{ fontSize: 17, fontWeight: n.readAt ? 400 : 600 }}>{pick(n.title)}</span>}
                    description={
                      <>
                        {n.body ? <div>{pick(n.body)}</div> : null}
                        {fmtDateTime(n.createdAt)}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          ) : (
            <Empty description={t('notifications.empty')} />
          )}
        </Card>
        <Button
          size="large"
          block
          icon={<LogoutOutlined />}
          onClick={async () => {
            await signOut();
            void navigate('/login');
          }}
          data-testid="sign-out"
        >
          {t('auth.signOut')}
        </Button>
      </Flex>
    </div>
  );
}
