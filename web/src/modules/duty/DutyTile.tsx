import { Button, Card, Flex, Tag, Typography } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { shiftTime } from './ClaimItem';
import { MEMBER_COLORS, dutyApi } from './duty.api';

/** On a resident's home page: reporting in as a party member, or my next shift and the way to my duty page. */
export default function DutyTile() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['duty', 'my'], queryFn: dutyApi.my, retry: false });
  const m = q.data?.member;
  const next = q.data?.upcoming.find((c) => c.status !== 'waiting');
  return (
    <Card
      loading={q.isPending}
      title={
        <span style={{ fontSize: 18 }}>
          <FlagOutlined /> {t('duty.tile.title')}
        </span>
      }
      extra={m ? <Tag color={MEMBER_COLORS[m.status]}>{t(`duty.memberStatus.${m.status}`)}</Tag> : null}
      data-testid="resident-duty"
    >
      <Flex vertical gap={8}>
        {!m ? <Typography.Text type="secondary">{t('duty.tile.hint')}</Typography.Text> : null}
        {next ? (
          <Typography.Text data-testid="resident-duty-next">
            {t('duty.tile.next', { post: next.postName, time: shiftTime(next.startsAt, next.endsAt) })}
          </Typography.Text>
        ) : null}
        <Link to="/resident/duty">
          <Button type={m ? 'default' : 'primary'} size="large" block data-testid="resident-duty-open">
            {m ? t('duty.my.title') : t('duty.report.title')}
          </Button>
        </Link>
      </Flex>
    </Card>
  );
}
