import { useState } from 'react';
import { Button, Card, Col, Empty, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { BarChart } from '../../platform/ui/charts/Chart';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { dutyApi, hoursText, useDutyLive, type DutyTeamView } from './duty.api';
import { TeamFormModal, TeamManageModal } from './TeamForms';

/** Work teams sent to the communities: unit, temporary party branch, leader, members with their roles and hours. */
export default function TeamsPage() {
  const { t } = useI18n();
  const { can } = useMe();
  const [editing, setEditing] = useState<DutyTeamView | 'new' | null>(null);
  const [managing, setManaging] = useState<number | null>(null);
  const [params, setParams] = useSearchParams();
  const communityId = Number(params.get('communityId')) || undefined;
  const q = useQuery({
    queryKey: ['duty', 'teams', communityId],
    queryFn: () => dutyApi.teams({ communityId, pageSize: 100 }),
    placeholderData: keepPreviousData,
  });
  useDutyLive();
  const teams = q.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('duty.teams.title')}
        subtitle={t('duty.teams.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <PlaceSelect
              type="community"
              initialLabel={q.data?.items.find((x) => x.communityId === communityId)?.communityName}
              value={communityId ?? null}
              onChange={(id) => setParams(id ? { communityId: String(id) } : {}, { replace: true })}
              placeholder={t('duty.filter.community')}
            />
            {can('duty.team.manage') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="team-new">
                {t('duty.staff.newTeam')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {teams.length ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <BarChart
            label={t('duty.teams.hoursChart')}
            categories={teams.map((x) => x.name)}
            series={[{ name: t('duty.teams.hours'), data: teams.map((x) => Math.round((x.servedMinutes / 60) * 10) / 10) }]}
            height={Math.min(320, 120 + teams.length * 12)}
          />
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        {teams.map((team) => (
          <Col key={team.id} xs={24} md={12} xl={8}>
            <Card
              data-testid={`team-${team.id}`}
              title={
                <span>
                  <TeamOutlined /> {team.name}
                </span>
              }
              extra={<Tag>{team.communityName}</Tag>}
              actions={
                team.actions.includes('edit')
                  ? [
                      <Button key="edit" type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(team)} data-testid={`team-edit-${team.id}`}>
                        {t('common.edit')}
                      </Button>,
                      <Button
                        key="manage"
                        type="text"
                        size="small"
                        icon={<SettingOutlined />}
                        onClick={() => setManaging(team.id)}
                        data-testid={`team-manage-${team.id}`}
                      >
                        {t('duty.staff.membersAndPosts')}
                      </Button>,
                    ]
                  : undefined
              }
              style={{ height: '100%' }}
            >
              <Flex vertical gap={4} style={{ marginBottom: 8 }}>
                {team.employerName ? <Typography.Text type="secondary">{t('duty.teams.unit', { name: team.employerName })}</Typography.Text> : null}
                {team.partyBranch ? <Typography.Text type="secondary">{t('duty.teams.branch', { name: team.partyBranch })}</Typography.Text> : null}
                <Typography.Text>{t('duty.teams.leader', { name: team.leaderName ?? '—' })}</Typography.Text>
              </Flex>
              <Row gutter={8}>
                <Col span={8}>
                  <Statistic title={t('duty.teams.members')} value={team.memberCount} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('duty.teams.posts')} value={team.posts} valueRender={(v) => <span data-testid="team-posts-count">{v}</span>} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('duty.teams.hours')} value={Math.round((team.servedMinutes / 60) * 10) / 10} />
                </Col>
              </Row>
              <List
                size="small"
                style={{ marginTop: 8 }}
                dataSource={team.members}
                renderItem={(m) => (
                  <List.Item extra={<Typography.Text type="secondary">{hoursText(m.servedMinutes, t)}</Typography.Text>}>
                    {m.name} <Tag style={{ marginInlineStart: 6 }}>{t(`duty.role.${m.role}`)}</Tag>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {q.data && !teams.length ? <Empty description={t('duty.teams.empty')} /> : null}
      <TeamFormModal team={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} communityId={communityId} />
      <TeamManageModal key={managing ?? 0} team={teams.find((x) => x.id === managing) ?? null} onClose={() => setManaging(null)} />
    </>
  );
}
