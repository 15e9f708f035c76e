import { useState } from 'react';
import { App, Button, Card, Flex, Input, Modal, Select, Space, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { fmtDateTime } from '../../platform/time';
import { useDebounced } from '../../platform/ui/hooks';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { RegisterMemberModal } from './RegisterMemberModal';
import { MEMBER_COLORS, ROLES, dutyApi, hoursText, useDutyLive, type MemberView } from './duty.api';

const STATUSES = ['reported', 'confirmed', 'rejected', 'all'] as const;

/** The roster of members who reported: by community, unit and role; the community confirms or rejects each report. Phones masked. */
export default function MembersPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'reported';
  const communityId = Number(params.get('communityId')) || undefined;
  const role = params.get('role') ?? undefined;
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<MemberView | null>(null);
  const [registering, setRegistering] = useState(false);
  const { can } = useMe();
  const [reason, setReason] = useState('');
  const set = (k: string, v: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setPage(1);
  };
  const list = useQuery({
    queryKey: ['duty', 'members', status, communityId, role, q, page],
    queryFn: () => dutyApi.members({ status, communityId, role, q: q || undefined, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  useDutyLive();
  const decided = (m: MemberView) => {
    message.success(t(`duty.members.${m.status}Done`));
    void qc.invalidateQueries({ queryKey: ['duty'] });
  };
  const confirm = useMutation({ mutationFn: dutyApi.confirmMember, onSuccess: decided, onError: (e) => message.error(errorText(e, lang)) });
  const reject = useMutation({
    mutationFn: () => dutyApi.rejectMember(rejecting!, reason),
    onSuccess: (m) => {
      setRejecting(null);
      setReason('');
      decided(m);
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const counts = list.data?.counts;
  return (
    <>
      <PageHeader
        title={t('duty.members.title')}
        subtitle={t('duty.members.subtitle')}
        extra={
          can('duty.member.manage') ? (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setRegistering(true)} data-testid="register-open">
              {t('duty.staff.registerTitle')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap>
          <PlaceSelect
            type="community"
            value={communityId ?? null}
            onChange={(id) => set('communityId', id ? String(id) : null)}
            placeholder={t('duty.filter.community')}
          />
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('duty.filter.role')}
            aria-label={t('duty.filter.role')}
            value={role}
            onChange={(v) => set('role', v)}
            options={ROLES.map((r) => ({ value: r, label: t(`duty.role.${r}`) }))}
          />
          <Input.Search
            allowClear
            style={{ maxWidth: 240 }}
            placeholder={t('duty.members.search')}
            aria-label={t('duty.members.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Flex>
      </Card>
      <Tabs
        activeKey={status}
        onChange={(k) => set('status', k)}
        items={STATUSES.map((s) => ({
          key: s,
          label: `${t(`duty.memberStatus.${s}`)}${counts && s !== 'all' ? ` ${counts[s] ?? 0}` : ''}`,
        }))}
      />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataTable<MemberView>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        data-testid="members-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => t('common.totalN', { n }),
        }}
        columns={[
          {
            title: t('duty.member.name'),
            dataIndex: 'name',
            render: (v: string) => (
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                {v}
              </Typography.Text>
            ),
          },
          { title: t('duty.member.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
          { title: t('duty.member.community'), dataIndex: 'communityName' },
          {
            title: t('duty.member.unit'),
            key: 'unit',
            render: (_, m) => [m.employerName, m.partyOrganisation].filter(Boolean).join(' · ') || '—',
          },
          {
            title: t('duty.member.roles'),
            dataIndex: 'roles',
            render: (rs: string[]) => (rs.length ? rs.map((r) => <Tag key={r}>{t(`duty.role.${r}`)}</Tag>) : '—'),
          },
          { title: t('duty.member.skills'), dataIndex: 'skills', render: (v: string[]) => (v.length ? v.join(t('common.sep')) : '—') },
          {
            title: t('duty.member.status'),
            dataIndex: 'status',
            render: (s: MemberView['status'], m) => (
              <Space size={4} wrap>
                <Tag color={MEMBER_COLORS[s]} title={m.rejectReason ?? undefined}>
                  {t(`duty.memberStatus.${s}`)}
                </Tag>
                {m.registeredByStaff ? <Tag>{t('duty.staff.byStaff')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('duty.member.reportedAt'),
            dataIndex: 'reportedAt',
            render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtDateTime(v)}</span>,
          },
          { title: t('duty.member.served'), dataIndex: 'servedMinutes', render: (v: number) => hoursText(v, t) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, m) => (
              <Space wrap>
                {m.actions.includes('confirm') ? (
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined />}
                    loading={confirm.isPending && confirm.variables?.id === m.id}
                    onClick={() => confirm.mutate(m)}
                    data-testid={`member-confirm-${m.id}`}
                  >
                    {t('duty.members.confirm')}
                  </Button>
                ) : null}
                {m.actions.includes('reject') ? (
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(m)}>
                    {t('duty.members.reject')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <RegisterMemberModal open={registering} onClose={() => setRegistering(false)} onDone={() => set('status', 'reported')} />
      <Modal
        open={!!rejecting}
        title={t('duty.members.rejectTitle', { name: rejecting?.name ?? '' })}
        onCancel={() => setRejecting(null)}
        onOk={() => reject.mutate()}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        confirmLoading={reject.isPending}
      >
        <Input.TextArea
          rows={2}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('duty.members.rejectReason')}
          aria-label={t('duty.members.rejectReason')}
        />
      </Modal>
    </>
  );
}
