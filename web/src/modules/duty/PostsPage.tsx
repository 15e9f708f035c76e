import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Flex, Select, Space, Switch, Tag, Typography } from 'antd';
import { CalendarOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { dayjs, local, todayLocal, TZ } from '../../platform/time';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { ROLES, dutyApi, useDutyLive, type PostView, type ShiftView } from './duty.api';
import { PostFormModal, ShiftsModal } from './PostForms';

/** A shift as a small tag: its hours and how many of its places are taken (red while open). */
export function ShiftChip({ s }: { s: ShiftView }) {
  const full = s.filled >= s.headcount;
  return (
    <Link to={`/duty/shifts/${s.id}`}>
      <Tag color={full ? 'green' : 'red'} data-testid={`shift-${s.id}`} style={{ marginBlock: 2, cursor: 'pointer' }}>
        {local(s.startsAt).format('HH:mm')}–{local(s.endsAt).format('HH:mm')} {s.filled}/{s.headcount}
        {s.waiting ? ` +${s.waiting}` : ''}
      </Tag>
    </Link>
  );
}

/** The post board: posts by community, role and day, with their shifts filled or open; "unfilled only" for the next 24 hours. */
export default function PostsPage() {
  const { t } = useI18n();
  const { can } = useMe();
  const manage = can('duty.post.manage');
  const [editing, setEditing] = useState<PostView | 'new' | null>(null);
  const [shiftsOf, setShiftsOf] = useState<PostView | null>(null);
  const [params, setParams] = useSearchParams();
  const communityId = Number(params.get('communityId')) || undefined;
  const role = params.get('role') ?? undefined;
  const date = params.get('date') ?? todayLocal().format('YYYY-MM-DD');
  const unfilled = params.get('unfilled') === 'true';
  const set = (k: string, v: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const posts = useQuery({
    queryKey: ['duty', 'posts', communityId, role, unfilled],
    queryFn: () => dutyApi.posts({ communityId, role, unfilled: unfilled || undefined, pageSize: 200 }),
    placeholderData: keepPreviousData,
  });
  const day = dayjs.tz(date, TZ);
  const shifts = useQuery({
    queryKey: ['duty', 'shifts', 'day', communityId, date],
    queryFn: () => dutyApi.shifts({ communityId, from: day.toISOString(), to: day.add(1, 'day').toISOString(), pageSize: 500 }),
    placeholderData: keepPreviousData,
  });
  useDutyLive();
  const byPost = useMemo(() => {
    const m = new Map<number, ShiftView[]>();
    for (const s of shifts.data?.items ?? []) m.set(s.postId, [...(m.get(s.postId) ?? []), s]);
    return m;
  }, [shifts.data]);
  return (
    <>
      <PageHeader
        title={t('duty.posts.title')}
        subtitle={t('duty.posts.subtitle')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="post-new">
              {t('duty.staff.newPost')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <PlaceSelect
            type="community"
            initialLabel={posts.data?.items.find((p) => p.communityId === communityId)?.communityName}
            value={communityId ?? null}
            onChange={(id) => set('communityId', id ? String(id) : null)}
            placeholder={t('duty.filter.community')}
            testId="posts-community"
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
          <DatePicker value={day} allowClear={false} onChange={(d) => set('date', d ? d.format('YYYY-MM-DD') : null)} aria-label={t('duty.filter.date')} />
          <Space>
            <Switch
              checked={unfilled}
              onChange={(v) => set('unfilled', v ? 'true' : null)}
              data-testid="posts-unfilled"
              aria-label={t('duty.filter.unfilled')}
            />
            <Typography.Text>{t('duty.filter.unfilled')}</Typography.Text>
          </Space>
        </Flex>
      </Card>
      {posts.error ? <QueryError error={posts.error} onRetry={() => void posts.refetch()} /> : null}
      <DataTable<PostView>
        rowKey="id"
        loading={posts.isPending}
        dataSource={posts.data?.items ?? []}
        data-testid="posts-table"
        pagination={{ pageSize: 50, showTotal: (n) => t('common.totalN', { n }) }}
        columns={[
          { title: t('duty.post.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('duty.post.place'), dataIndex: 'placeLabel' },
          { title: t('duty.post.role'), dataIndex: 'role', render: (r: string) => t(`duty.role.${r}`) },
          {
            title: t('duty.posts.next24h'),
            key: 'next24h',
            render: (_, p) => {
              const open = p.next24h.headcount - p.next24h.filled;
              return (
                <Typography.Text type={open > 0 ? 'danger' : 'success'}>
                  {p.next24h.filled} / {p.next24h.headcount}
                </Typography.Text>
              );
            },
          },
          {
            title: t('duty.posts.shiftsOn', { date: day.format('MM-DD') }),
            key: 'shifts',
            render: (_, p) => {
              const list = byPost.get(p.id) ?? [];
              return list.length ? list.map((s) => <ShiftChip key={s.id} s={s} />) : <Typography.Text type="secondary">—</Typography.Text>;
            },
          },
          { title: t('duty.post.team'), dataIndex: 'teamName', render: (v: string | null) => v ?? '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, p) => (
              <Space wrap size={4}>
                {p.actions.includes('edit') ? (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid={`post-edit-${p.id}`}>
                    {t('common.edit')}
                  </Button>
                ) : null}
                {p.actions.includes('addShifts') ? (
                  <Button size="small" icon={<CalendarOutlined />} onClick={() => setShiftsOf(p)} data-testid={`post-shifts-${p.id}`}>
                    {t('duty.staff.shifts')}
                  </Button>
                ) : null}
                <Link to={`/duty/posts/${p.id}/table?from=${day.startOf('week').format('YYYY-MM-DD')}`}>
                  <Button size="small" icon={<PrinterOutlined />}>
                    {t('duty.posts.table')}
                  </Button>
                </Link>
              </Space>
            ),
          },
        ]}
      />
      <PostFormModal post={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} communityId={communityId} />
      <ShiftsModal key={shiftsOf?.id ?? 0} post={shiftsOf} onClose={() => setShiftsOf(null)} />
    </>
  );
}
