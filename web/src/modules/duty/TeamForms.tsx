import { useEffect, useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../platform/api/client';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { ROLES, dutyApi, type DutyRole, type DutyTeamView } from './duty.api';
import { MemberSelect } from './pickers';

interface TeamValues {
  communityId: number;
  name: string;
  employerId?: number | null;
  partyBranch?: string | null;
  leaderMemberId?: number | null;
}

/** The units that can send a team (the registry's employers). */
function EmployerSelect({ value, onChange, id }: { value?: number | null; onChange?: (v: number | null) => void; id?: string }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['employers', 'pick'],
    queryFn: () => api.get<{ items: { id: number; name: string }[] }>('/employers'),
  });
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={t('duty.staff.unitPh')}
      loading={q.isFetching}
      options={(q.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
    />
  );
}

/** Creates a work team for a community, or edits one (at the version read). */
export function TeamFormModal({ team, open, onClose, communityId }: { team: DutyTeamView | null; open: boolean; onClose: () => void; communityId?: number }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TeamValues>();
  const watched = Form.useWatch('communityId', form);
  const community = team?.communityId ?? watched ?? null;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (team)
      form.setFieldsValue({
        name: team.name,
        employerId: team.employerId,
        partyBranch: team.partyBranch,
        leaderMemberId: team.leaderMemberId,
      });
    else if (communityId) form.setFieldsValue({ communityId });
  }, [open, team, communityId, form]);
  const save = useMutation({
    mutationFn: (v: TeamValues) => {
      const body = { name: v.name, employerId: v.employerId ?? null, partyBranch: v.partyBranch?.trim() || null, leaderMemberId: v.leaderMemberId ?? null };
      return team ? dutyApi.updateTeam(team.id, { ...body, version: team.version }) : dutyApi.createTeam({ ...body, communityId: v.communityId });
    },
    onSuccess: () => {
      message.success(t(team ? 'duty.staff.teamSaved' : 'duty.staff.teamCreated'));
      void qc.invalidateQueries({ queryKey: ['duty'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang)) message.error(errorText(e, lang));
    },
  });
  return (
    <Modal
      open={open}
      title={team ? t('duty.staff.editTeam', { name: team.name }) : t('duty.staff.newTeam')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'team-save' } as never}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {team ? (
          <Form.Item label={t('duty.staff.teamCommunity')}>
            <Input value={team.communityName} disabled aria-label={t('duty.staff.teamCommunity')} />
          </Form.Item>
        ) : (
          <Form.Item name="communityId" label={t('duty.staff.teamCommunity')} rules={[{ required: true }]}>
            <PlaceSelect type="community" testId="team-community" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('duty.staff.teamName')} rules={[{ required: true, max: 60 }]}>
          <Input placeholder={t('duty.staff.teamNamePh')} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="employerId" label={t('duty.staff.unit')}>
          <EmployerSelect />
        </Form.Item>
        <Form.Item name="partyBranch" label={t('duty.staff.partyBranch')} rules={[{ max: 80 }]}>
          <Input placeholder={t('duty.staff.partyBranchPh')} />
        </Form.Item>
        <Form.Item name="leaderMemberId" label={t('duty.staff.leader')} extra={t('duty.staff.leaderHint')}>
          <MemberSelect communityId={community} testId="team-leader" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A team's members (each with a role among the ten) and the block of posts it takes. */
export function TeamManageModal({ team, onClose }: { team: DutyTeamView | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [memberId, setMemberId] = useState<number | null>(null);
  const [role, setRole] = useState<DutyRole>('patrol');
  const [postIds, setPostIds] = useState<number[]>([]);
  const posts = useQuery({
    queryKey: ['duty', 'posts', 'team-pick', team?.communityId],
    queryFn: () => dutyApi.posts({ communityId: team!.communityId, pageSize: 200 }),
    enabled: !!team,
  });
  const ok = (key: string) => () => {
    message.success(t(key));
    void qc.invalidateQueries({ queryKey: ['duty'] });
  };
  const onError = (e: unknown) => message.error(errorText(e, lang));
  const add = useMutation({
    mutationFn: () => dutyApi.addTeamMember(team!.id, memberId!, role),
    onSuccess: () => {
      setMemberId(null);
      ok('duty.staff.memberAdded')();
    },
    onError,
  });
  const remove = useMutation({ mutationFn: (m: number) => dutyApi.removeTeamMember(team!.id, m), onSuccess: ok('duty.staff.memberRemoved'), onError });
  const take = useMutation({
    mutationFn: () => dutyApi.teamPosts(team!.id, postIds),
    onSuccess: () => {
      setPostIds([]);
      ok('duty.staff.postsTaken')();
    },
    onError,
  });
  const current = team;
  const mine = (posts.data?.items ?? []).filter((p) => p.teamId === team?.id);
  return (
    <Modal open={!!team} title={t('duty.staff.manageTeam', { name: team?.name ?? '' })} onCancel={onClose} footer={null} destroyOnHidden>
      {current ? (
        <Flex vertical gap={16}>
          <div>
            <Typography.Title level={5}>{t('duty.teams.members')}</Typography.Title>
            <Flex vertical gap={6}>
              {current.members.map((m) => (
                <Flex key={m.memberId} justify="space-between" align="center" gap={8}>
                  <span>
                    {m.name} · {t(`duty.role.${m.role}`)}
                  </span>
                  <Button size="small" danger loading={remove.isPending && remove.variables === m.memberId} onClick={() => remove.mutate(m.memberId)}>
                    {t('duty.staff.remove')}
                  </Button>
                </Flex>
              ))}
            </Flex>
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              <div style={{ flex: '1 1 200px', minWidth: 0 }}>
                <MemberSelect communityId={current.communityId} value={memberId} onChange={setMemberId} testId="team-member" />
              </div>
              <Select
                value={role}
                onChange={setRole}
                style={{ width: 130 }}
                aria-label={t('duty.staff.memberRole')}
                options={ROLES.map((r) => ({ value: r, label: t(`duty.role.${r}`) }))}
              />
              <Button type="primary" disabled={!memberId} loading={add.isPending} onClick={() => add.mutate()} data-testid="team-member-add">
                {t('duty.staff.addMember')}
              </Button>
            </Flex>
          </div>
          <div>
            <Typography.Title level={5}>{t('duty.staff.teamPosts', { n: mine.length })}</Typography.Title>
            {mine.length ? <Typography.Paragraph type="secondary">{mine.map((p) => p.name).join(t('common.sep'))}</Typography.Paragraph> : null}
            <Flex gap={8} wrap>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                style={{ flex: '1 1 240px', minWidth: 0 }}
                value={postIds}
                onChange={setPostIds}
                placeholder={t('duty.staff.pickPosts')}
                aria-label={t('duty.staff.pickPosts')}
                loading={posts.isFetching}
                options={(posts.data?.items ?? [])
                  .filter((p) => p.teamId !== current.id)
                  .map((p) => ({ value: p.id, label: `${p.name}${p.teamName ? ` (${p.teamName})` : ''}` }))}
                data-testid="team-posts"
              />
              <Button type="primary" disabled={!postIds.length} loading={take.isPending} onClick={() => take.mutate()} data-testid="team-posts-save">
                {t('duty.staff.takePosts')}
              </Button>
            </Flex>
          </div>
        </Flex>
      ) : null}
    </Modal>
  );
}
