import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Progress, Segmented, Select, Tag } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Assignment, Campaign, Grid } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { useDebounced } from '../../platform/ui/hooks';
import { QueryError } from '../../platform/ui/QueryError';
import { PlaceSelect } from '../../platform/places/PlaceSelect';

function UserSelect({ value, onChange }: { value: number | null; onChange: (id: number | null) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const res = useQuery({
    queryKey: ['users', 'lookup', q],
    queryFn: () => api.get<{ items: { id: number; displayName: string; username: string }[] }>('/users/lookup', { q }),
    enabled: q.length > 0,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value ?? undefined}
      placeholder={t('screening.assign.userPlaceholder')}
      style={{ width: 200 }}
      options={(res.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
      onChange={(v) => onChange(v ?? null)}
      data-testid="assign-user"
    />
  );
}

/** Who visits which grid or building, with their progress this round; managers add and remove. */
export function AssignmentsPanel({ campaign }: { campaign: Campaign }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [userId, setUserId] = useState<number | null>(null);
  const [target, setTarget] = useState<'grid' | 'building'>('grid');
  const [targetId, setTargetId] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['screening', 'assignments', campaign.id],
    queryFn: () => api.get<{ items: Assignment[] }>(`/screening/campaigns/${campaign.id}/assignments`),
  });
  const grids = useQuery({ queryKey: ['grids', 'all'], queryFn: () => api.get<{ items: Grid[] }>('/grids'), enabled: campaign.actions.includes('assign') });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['screening', 'assignments', campaign.id] });
  const add = useMutation({
    mutationFn: () =>
      api.post(`/screening/campaigns/${campaign.id}/assignments`, { userId, ...(target === 'grid' ? { gridId: targetId } : { buildingId: targetId }) }),
    onSuccess: () => {
      message.success(t('screening.assign.added'));
      setTargetId(null);
      refresh();
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/screening/campaigns/${campaign.id}/assignments/${id}`),
    onSuccess: () => {
      message.success(t('screening.assign.removed'));
      refresh();
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  return (
    <Flex vertical gap={12}>
      {campaign.actions.includes('assign') ? (
        <Flex gap={8} wrap align="center">
          <UserSelect value={userId} onChange={setUserId} />
          <Segmented
            value={target}
            onChange={(v) => {
              setTarget(v as 'grid' | 'building');
              setTargetId(null);
            }}
            options={[
              { value: 'grid', label: t('screening.assign.grid') },
              { value: 'building', label: t('screening.assign.building') },
            ]}
          />
          {target === 'grid' ? (
            <Select
              style={{ width: 240 }}
              value={targetId ?? undefined}
              placeholder={t('screening.assign.gridPlaceholder')}
              onChange={(v) => setTargetId(v)}
              options={(grids.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.communityName} ${g.name}` }))}
              data-testid="assign-grid"
            />
          ) : (
            <PlaceSelect
              type="building"
              value={targetId}
              onChange={(id) => setTargetId(id)}
              placeholder={t('screening.assign.buildingPlaceholder')}
              style={{ width: 320 }}
              testId="assign-building"
            />
          )}
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!userId || !targetId}
            loading={add.isPending}
            onClick={() => add.mutate()}
            data-testid="assign-add"
          >
            {t('screening.assign.add')}
          </Button>
        </Flex>
      ) : null}
      {q.error ? <QueryError error={q.error} /> : null}
      <DataTable<Assignment>
        rowKey="id"
        size="middle"
        data-testid="assignments-table"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('screening.assign.empty') }}
        pagination={false}
        columns={[
          { title: t('screening.assign.user'), dataIndex: 'userName' },
          {
            title: t('screening.assign.target'),
            render: (_, a) => (
              <span>
                <Tag>{t(`screening.assign.${a.target}`)}</Tag>
                {a.targetLabel}
              </span>
            ),
          },
          {
            title: t('screening.assign.progress'),
            width: 240,
            render: (_, a) => (
              <Flex gap={8} align="center">
                <Progress
                  percent={a.households ? Math.round((a.done / a.households) * 100) : 0}
                  size="small"
                  style={{ width: 120, margin: 0 }}
                  aria-label={t('screening.assign.progress')}
                />
                {a.done}/{a.households}
              </Flex>
            ),
          },
          {
            title: t('common.actions'),
            width: 120,
            render: (_, a) =>
              a.actions.includes('delete') ? (
                <Popconfirm title={t('screening.assign.remove')} onConfirm={() => remove.mutate(a.id)}>
                  <Button size="small" danger type="text">
                    {t('screening.assign.remove')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Flex>
  );
}
