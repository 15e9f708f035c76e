import { Button, Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { BankOutlined, CalendarOutlined, EditOutlined, IdcardOutlined, ScanOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { NeedCard } from './NeedBits';
import { VolShell } from './VolShell';
import { hm, useVolunteersLive, volApi } from './volunteers.api';

const big = { height: 56, whiteSpace: 'normal' as const };

/** The resident's and volunteer's volunteering on the phone: publish a need and follow mine; as a volunteer, needs near me, activities, check-in, my hours; my love-bank balance. */
export default function HomePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const my = useQuery({ queryKey: ['vol', 'my'], queryFn: volApi.my, retry: false });
  const needs = useQuery({ queryKey: ['vol', 'my', 'needs'], queryFn: volApi.myNeeds });
  const bank = useQuery({ queryKey: ['vol', 'bank', 'my'], queryFn: volApi.myBank, retry: false });
  useVolunteersLive();
  const v = my.data?.volunteer;
  const account = bank.data?.account;
  return (
    <VolShell title={t('vol.home.title')} back="/resident" testId="vol-home">
      <Link to="/resident/volunteers/needs/new">
        <Button type="primary" size="large" block icon={<EditOutlined />} style={big} data-testid="vol-publish-open">
          {t('vol.publish.title')}
        </Button>
      </Link>
      <Card title={t('vol.home.myNeeds')} loading={needs.isPending} styles={{ body: { padding: 12 } }}>
        <Flex vertical gap={8} data-testid="vol-my-needs">
          {(needs.data?.items ?? []).slice(0, 5).map((n) => (
            <NeedCard key={n.id} n={n} onOpen={() => void navigate(`/resident/volunteers/needs/${n.id}`)} />
          ))}
          {needs.data && !needs.data.items.length ? <Empty description={t('vol.home.noNeeds')} /> : null}
        </Flex>
      </Card>
      <Card data-testid="vol-bank-summary" data-balance={account?.balance ?? ''}>
        <Row gutter={8} align="middle">
          <Col span={12}>
            <Statistic title={t('vol.bank.balance')} value={account ? hm(account.balance, t) : '—'} />
          </Col>
          <Col span={12}>
            <Link to="/resident/volunteers/bank">
              <Button block size="large" icon={<BankOutlined />} data-testid="vol-bank-open">
                {t('vol.bank.title')}
              </Button>
            </Link>
          </Col>
        </Row>
      </Card>
      <Card
        title={t('vol.home.asVolunteer')}
        loading={my.isPending}
        data-testid="vol-me-summary"
        data-volunteer={v ? 'yes' : 'no'}
        data-minutes={my.data?.minutes.confirmed ?? ''}
      >
        {v ? (
          <Flex vertical gap={12}>
            <Row gutter={8}>
              <Col span={12}>
                <Statistic title={t('vol.hours.confirmed')} value={hm(my.data!.minutes.confirmed, t)} />
              </Col>
              <Col span={12}>
                <Statistic title={t('vol.hours.pending')} value={hm(my.data!.minutes.pending, t)} />
              </Col>
            </Row>
            <Row gutter={[8, 8]}>
              <Col span={12}>
                <Link to="/resident/volunteers/near">
                  <Button type="primary" block size="large" icon={<UnorderedListOutlined />} style={big} data-testid="vol-near-open">
                    {t('vol.near.title')}
                  </Button>
                </Link>
              </Col>
              <Col span={12}>
                <Link to="/resident/volunteers/activities">
                  <Button block size="large" icon={<CalendarOutlined />} style={big} data-testid="vol-activities-open">
                    {t('vol.act.title')}
                  </Button>
                </Link>
              </Col>
              <Col span={12}>
                <Link to="/resident/volunteers/scan">
                  <Button block size="large" icon={<ScanOutlined />} style={big} data-testid="vol-scan-open">
                    {t('vol.scan.title')}
                  </Button>
                </Link>
              </Col>
              <Col span={12}>
                <Link to="/resident/volunteers/me">
                  <Button block size="large" icon={<IdcardOutlined />} style={big} data-testid="vol-me-open">
                    {t('vol.me.title')}
                  </Button>
                </Link>
              </Col>
            </Row>
          </Flex>
        ) : (
          <Flex vertical gap={12}>
            <Typography.Paragraph style={{ margin: 0 }}>{t('vol.home.join')}</Typography.Paragraph>
            <Link to="/resident/volunteers/me">
              <Button block size="large" icon={<IdcardOutlined />} data-testid="vol-sign-up-open">
                {t('vol.signUp.title')}
              </Button>
            </Link>
          </Flex>
        )}
      </Card>
    </VolShell>
  );
}
