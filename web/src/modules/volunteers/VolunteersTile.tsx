import { Button, Card, Flex, Typography } from 'antd';
import { HeartOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { hm, volApi } from './volunteers.api';

/** On a resident's home page: publishing a need, my open needs, my love-bank minutes, and the way to volunteering. */
export default function VolunteersTile() {
  const { t } = useI18n();
  const my = useQuery({ queryKey: ['vol', 'my'], queryFn: volApi.my, retry: false });
  const needs = useQuery({ queryKey: ['vol', 'my', 'needs'], queryFn: volApi.myNeeds, retry: false });
  const open = (needs.data?.items ?? []).filter((n) => n.status === 'open' || n.status === 'taken' || n.status === 'done').length;
  const bank = my.data?.bankAvailable;
  return (
    <Card
      loading={my.isPending && needs.isPending}
      title={
        <span style={{ fontSize: 18 }}>
          <HeartOutlined /> {t('vol.tile.title')}
        </span>
      }
      data-testid="resident-volunteers"
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('vol.tile.hint')}</Typography.Text>
        {open ? <Typography.Text data-testid="resident-volunteers-open">{t('vol.tile.open', { count: open })}</Typography.Text> : null}
        {bank != null ? <Typography.Text>{t('vol.tile.bank', { hm: hm(bank, t) })}</Typography.Text> : null}
        <Flex gap={8}>
          <Link to="/resident/volunteers/needs/new" style={{ flex: 1 }}>
            <Button type="primary" size="large" block data-testid="resident-volunteers-publish">
              {t('vol.tile.publish')}
            </Button>
          </Link>
          <Link to="/resident/volunteers" style={{ flex: 1 }}>
            <Button size="large" block data-testid="resident-volunteers-open-home">
              {t('vol.tile.more')}
            </Button>
          </Link>
        </Flex>
      </Flex>
    </Card>
  );
}
