import { Card, Col, Empty, Flex, Input, Row, Select, Statistic, Tabs, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { BarChart } from '../../platform/ui/charts/Chart';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { SERVICE_TYPES, hm, useVolunteersLive, volApi, type Pairing, type ServiceType, type VolunteerView } from './volunteers.api';

const hours = (m: number) => Math.round((m / 60) * 10) / 10;

/** Volunteers and teams (志愿者、服务队) by service type and area, and the one-to-one pairings with vulnerable households. */
export default function PeoplePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (['volunteers', 'teams', 'pairings'] as const).find((x) => x === params.get('tab')) ?? 'volunteers';
  const communityId = Number(params.get('communityId')) || undefined;
  const serviceType = (params.get('serviceType') as ServiceType | null) ?? undefined;
  const text = params.get('q') ?? '';
  const teamId = Number(params.get('teamId')) || undefined;
  const employerId = Number(params.get('employerId')) || undefined;
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const people = useQuery({
    queryKey: ['vol', 'volunteers', communityId, serviceType, text, teamId, employerId],
    queryFn: () => volApi.volunteers({ communityId, serviceType, q: text || undefined, teamId, employerId }),
    placeholderData: keepPreviousData,
    enabled: tab === 'volunteers',
  });
  const teams = useQuery({
    queryKey: ['vol', 'teams', communityId, serviceType],
    queryFn: () => volApi.teams({ communityId, serviceType }),
    placeholderData: keepPreviousData,
    enabled: tab === 'teams',
  });
  const pairings = useQuery({
    queryKey: ['vol', 'pairings', communityId],
    queryFn: () => volApi.pairings({ communityId }),
    placeholderData: keepPreviousData,
    enabled: tab === 'pairings',
  });
  useVolunteersLive();
  const teamList = teams.data?.items ?? [];
  const error = tab === 'volunteers' ? people.error : tab === 'teams' ? teams.error : pairings.error;
  return (
    <>
      <PageHeader
        title={t('vol.people.title')}
        subtitle={t('vol.people.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <PlaceSelect
              type="community"
              value={communityId ?? null}
              onChange={(id) => set('communityId', id ? String(id) : null)}
              placeholder={t('vol.filter.community')}
            />
            {tab !== 'pairings' ? (
              <Select
                allowClear
                value={serviceType ?? null}
                onChange={(v: string | null) => set('serviceType', v)}
                placeholder={t('vol.people.serviceType')}
                aria-label={t('vol.people.serviceType')}
                style={{ minWidth: 140 }}
                options={SERVICE_TYPES.map((c) => ({ value: c, label: t(`vol.category.${c}`) }))}
              />
            ) : null}
          </Flex>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k === 'volunteers' ? null : k)}
        items={[
          { key: 'volunteers', label: t('vol.people.volunteers') },
          { key: 'teams', label: t('vol.people.teams') },
          { key: 'pairings', label: t('vol.people.pairings') },
        ]}
      />
      {error ? <QueryError error={error} /> : null}
      {tab === 'volunteers' ? (
        <>
          <Input.Search
            allowClear
            defaultValue={text}
            onSearch={(v) => set('q', v.trim() || null)}
            placeholder={t('vol.people.searchPh')}
            aria-label={t('vol.people.searchPh')}
            style={{ maxWidth: 320, marginBottom: 12 }}
          />
          {teamId ? (
            <Tag closable onClose={() => set('teamId', null)} style={{ marginInlineStart: 8 }} data-testid="volunteers-team-filter">
              {t('vol.people.ofTeam', { id: teamId })}
            </Tag>
          ) : null}
          {employerId ? (
            <Tag closable onClose={() => set('employerId', null)} style={{ marginInlineStart: 8 }}>
              {t('vol.people.ofUnit', { name: people.data?.items[0]?.employerName ?? `#${employerId}` })}
            </Tag>
          ) : null}
          <DataTable<VolunteerView>
            rowKey="id"
            loading={people.isPending}
            dataSource={people.data?.items ?? []}
            data-testid="volunteers-table"
            columns={[
              { title: t('vol.people.name'), dataIndex: 'name' },
              { title: t('vol.people.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
              { title: t('vol.filter.community'), dataIndex: 'communityName' },
              { title: t('vol.people.unit'), dataIndex: 'employerName', render: (v: string | null) => v ?? '—' },
              {
                title: t('vol.people.serviceType'),
                dataIndex: 'serviceTypes',
                render: (v: ServiceType[]) => v.map((c) => <Tag key={c}>{t(`vol.category.${c}`)}</Tag>),
              },
              {
                title: t('vol.people.teams'),
                key: 'teams',
                render: (_, v) => v.teams.map((x) => x.name + (x.leader ? t('vol.people.leaderMark') : '')).join(t('common.sep')) || '—',
              },
              { title: t('vol.hours.confirmed'), dataIndex: 'confirmedMinutes', render: (m: number) => hm(m, t) },
              { title: t('vol.people.from'), key: 'from', render: (_, v) => (v.fromDuty ? <Tag color="red">{t('vol.people.partyMember')}</Tag> : null) },
            ]}
          />
        </>
      ) : null}
      {tab === 'teams' ? (
        <>
          {teamList.length ? (
            <Card size="small" style={{ marginBottom: 16 }}>
              <BarChart
                label={t('vol.people.teamHours')}
                categories={teamList.map((x) => x.name)}
                series={[{ name: t('vol.people.hoursUnit'), data: teamList.map((x) => hours(x.confirmedMinutes)) }]}
                height={260}
                onPick={(i) => {
                  // A team's bar opens its volunteers.
                  const p = new URLSearchParams(params);
                  p.delete('tab');
                  p.set('teamId', String(teamList[i]!.id));
                  setParams(p, { replace: true });
                }}
              />
            </Card>
          ) : null}
          <Row gutter={[16, 16]}>
            {teamList.map((team) => (
              <Col key={team.id} xs={24} md={12} xl={8}>
                <Card
                  data-testid={`team-${team.id}`}
                  title={
                    <span>
                      <TeamOutlined /> {team.name}
                    </span>
                  }
                  extra={<Tag color="green">{t(`vol.category.${team.serviceType}`)}</Tag>}
                  style={{ height: '100%' }}
                >
                  <Typography.Text type="secondary">{team.placeLabel}</Typography.Text>
                  <Row gutter={8} style={{ marginTop: 8 }}>
                    <Col span={12}>
                      <Statistic title={t('vol.people.members')} value={team.memberCount} />
                    </Col>
                    <Col span={12}>
                      <Statistic title={t('vol.people.hoursUnit')} value={hours(team.confirmedMinutes)} />
                    </Col>
                  </Row>
                  <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                    {t('vol.people.leaders', {
                      names:
                        team.members
                          .filter((m) => m.leader)
                          .map((m) => m.name)
                          .join(t('common.sep')) || '—',
                    })}
                  </Typography.Paragraph>
                </Card>
              </Col>
            ))}
          </Row>
          {teams.data && !teamList.length ? <Empty description={t('vol.people.noTeams')} /> : null}
        </>
      ) : null}
      {tab === 'pairings' ? (
        <DataTable<Pairing>
          rowKey="id"
          loading={pairings.isPending}
          dataSource={pairings.data?.items ?? []}
          data-testid="pairings-table"
          columns={[
            { title: t('vol.pairing.volunteer'), dataIndex: 'volunteerName' },
            { title: t('vol.pairing.resident'), dataIndex: 'residentName' },
            { title: t('vol.pairing.every'), dataIndex: 'visitEveryDays', render: (d: number) => t('vol.pairing.everyN', { count: d }) },
            { title: t('vol.pairing.since'), dataIndex: 'startedAt', render: (v: string) => fmtDateTime(v) },
            { title: t('vol.pairing.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          ]}
        />
      ) : null}
    </>
  );
}
