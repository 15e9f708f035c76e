import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { NotificationView } from '@jiayuan/contracts';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { fmtDateTime } from '../time';

interface NotificationPage {
  items: NotificationView[];
  total: number;
  unread: number;
}

/** The bell: live unread count (refreshed by the `notification` event) and the latest items. */
export function NotificationBell() {
  const { t, pick } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['notifications', 'bell'],
    queryFn: () => api.get<NotificationPage>('/notifications', { pageSize: 8 }),
    refetchInterval: 120000,
  });
  const read = useMutation({
    mutationFn: (body: { ids?: number[]; all?: boolean }) => api.post('/notifications/read', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = q.data?.unread ?? 0;
  const open = (n: NotificationView) => {
    if (!n.readAt) read.mutate({ ids: [n.id] });
    if (n.link) void navigate(n.link);
  };

  const content = (
    <div style={{ width: 360 }} data-testid="notification-list">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button size="small" type="link" disabled={!unread} onClick={() => read.mutate({ all: true })}>
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {q.data?.items.length ? (
        <List
          size="small"
          dataSource={q.data.items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: n.link ? 'pointer' : 'default', background: n.readAt ? undefined : '#f0f7ff', paddingInline: 8 }}
              onClick={() => open(n)}
              data-testid="notification-item"
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{pick(n.title)}</Typography.Text>}
                description={
                  <>
                    {n.body ? <div>{pick(n.body)}</div> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      )}
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button type="text" data-testid="notification-bell">
        {/* The name is the word and the count the badge shows (an aria-label without the count would not match what is seen). */}
        <span className="jy-sr-only">{t('notifications.title')}</span>
        <Badge count={unread} size="small" offset={[2, -2]} data-testid="notification-badge" data-count={unread}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
