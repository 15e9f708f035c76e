import { useState } from 'react';
import { App, Card, Col, DatePicker, Empty, Flex, Form, Modal, Row, Select, Statistic, Switch, Tag, Typography, Button } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import type { RosterBuilding } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { dayjs, todayLocal } from '../../platform/time';
import { useDebounced } from '../../platform/ui/hooks';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { dutyApi, useDutyLive } from './duty.api';

type Slot = 'cadre' | 'buildingHead' | 'member';

/** A staff user of the community (the cadre), found by name. */
function CadrePicker({ value, onChange, id }: { value?: number | null; onChange?: (v: number | null) => void; id?: string }) {
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const res = useQuery({
    queryKey: ['users', 'lookup', q],
    queryFn: () => api.get<{ items: { id: number; displayName: string; username: string }[] }>('/users/lookup', { q: q || undefined }),
  });
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={(res.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
      data-testid="roster-cadre"
    />
  );
}

/** A member confirmed in the community, found by name. */
function MemberPicker({
  communityId,
  value,
  onChange,
  id,
}: {
  communityId: number | null;
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const res = useQuery({
    queryKey: ['duty', 'members', 'pick', communityId, q],
    queryFn: () => dutyApi.members({ communityId: communityId ?? undefined, status: 'confirmed', q: q || undefined, pageSize: 50 }),
  });
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={(res.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}${m.employerName ? ` · ${m.employerName}` : ''}` }))}
      data-testid="roster-member"
    />
  );
}

interface AssignForm {
  cadreUserId: number | null;
  memberId: number | null;
  validFrom: Dayjs;
  validTo: Dayjs | null;
}

function AssignModal({ b, communityId, onClose }: { b: RosterBuilding | null; communityId: number | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<AssignForm>();
  const save = useMutation({
    mutationFn: (v: AssignForm) =>
      dutyApi.saveRoster(b!.buildingId, {
        cadreUserId: v.cadreUserId ?? null,
        memberId: v.memberId ?? null,
        validFrom: v.validFrom.format('YYYY-MM-DD'),
        validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['duty'] });
      onClose();
    },
    onError: (e) => {
      if (
        !applyFieldErrors(form, e, lang, {
          'code:DUTY_NOT_STAFF': 'cadreUserId',
          'code:DUTY_MEMBER_COMMUNITY': 'memberId',
          'code:DUTY_ROSTER_DATES': 'validTo',
        })
      )
        message.error(errorText(e, lang));
    },
  });
  return (
    <Modal
      open={!!b}
      title={t('duty.coverage.assignTitle', { building: b?.buildingLabel ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'roster-save' } as never}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {b ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          initialValues={{
            cadreUserId: b.cadre?.userId ?? null,
            memberId: b.member?.memberId ?? null,
            validFrom: b.validFrom ? dayjs(b.validFrom) : todayLocal(),
            validTo: b.validTo ? dayjs(b.validTo) : null,
          }}
        >
          <Form.Item name="cadreUserId" label={t('duty.coverage.cadre')}>
            <CadrePicker />
          </Form.Item>
          <Form.Item label={t('duty.coverage.buildingHead')} extra={t('duty.coverage.headHint')}>
            <Typography.Text>{b.buildingHead?.name ?? t('duty.coverage.missing')}</Typography.Text>
          </Form.Item>
          <Form.Item name="memberId" label={t('duty.coverage.member')}>
            <MemberPicker communityId={communityId} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="validFrom" label={t('duty.coverage.validFrom')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="validTo" label={t('duty.coverage.validTo')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      ) : null}
    </Modal>
  );
}

/** The "2+1" coverage of a community or grid: every building with its cadre, building head and party member, gaps in red, live. */
export default function CoveragePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const communityId = Number(params.get('communityId')) || null;
  const gaps = params.get('gaps') === 'true';
  const [assigning, setAssigning] = useState<RosterBuilding | null>(null);
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const q = useQuery({
    queryKey: ['duty', 'roster', communityId, gaps],
    queryFn: () => dutyApi.roster({ communityId: communityId ?? undefined, gaps: gaps || undefined }),
    placeholderData: keepPreviousData,
  });
  useDutyLive();
  const c = q.data;
  const who = (b: RosterBuilding, slot: Slot) => {
    const name = slot === 'cadre' ? b.cadre?.name : slot === 'buildingHead' ? b.buildingHead?.name : b.member?.name;
    return name ? (
      <span data-testid={`roster-${b.buildingId}-${slot}`} data-missing="false">
        {name}
      </span>
    ) : (
      <Tag color="red" data-testid={`roster-${b.buildingId}-${slot}`} data-missing="true">
        {t('duty.coverage.missing')}
      </Tag>
    );
  };
  return (
    <>
      <PageHeader
        title={t('duty.coverage.title')}
        subtitle={t('duty.coverage.subtitle')}
        extra={
          <Flex gap={12} align="center" wrap>
            <PlaceSelect
              type="community"
              value={communityId}
              onChange={(id) => set('communityId', id ? String(id) : null)}
              placeholder={t('duty.filter.community')}
              testId="coverage-community"
            />
            <Flex gap={6} align="center">
              <Switch checked={gaps} onChange={(v) => set('gaps', v ? 'true' : null)} aria-label={t('duty.coverage.gapsOnly')} />
              <Typography.Text>{t('duty.coverage.gapsOnly')}</Typography.Text>
            </Flex>
          </Flex>
        }
      />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(
          [
            ['total', c?.total, undefined],
            ['complete', c?.complete, '#1a7f37'],
            ['missingCadre', c?.missingCadre, '#cf1322'],
            ['missingBuildingHead', c?.missingBuildingHead, '#cf1322'],
            ['missingMember', c?.missingMember, '#cf1322'],
          ] as const
        ).map(([k, v, color]) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Card size="small" loading={q.isPending} data-testid={`coverage-${k}`} data-value={v ?? ''}>
              <Statistic title={t(`duty.coverage.${k}`)} value={v ?? 0} styles={{ content: { color: v ? color : undefined } }} />
            </Card>
          </Col>
        ))}
      </Row>
      <DataTable<RosterBuilding>
        rowKey="buildingId"
        loading={q.isPending}
        dataSource={c?.buildings ?? []}
        data-testid="coverage-table"
        locale={{ emptyText: <Empty description={t('duty.coverage.empty')} /> }}
        pagination={{ pageSize: 50, showTotal: (n) => t('common.totalN', { n }) }}
        rowClassName={(b) => (b.missing.length ? 'jy-row-gap' : '')}
        columns={[
          { title: t('duty.coverage.building'), dataIndex: 'buildingLabel', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('duty.coverage.grid'), dataIndex: 'gridName', render: (v: string | null) => v ?? '—' },
          { title: t('duty.coverage.cadre'), key: 'cadre', render: (_, b) => who(b, 'cadre') },
          { title: t('duty.coverage.buildingHead'), key: 'head', render: (_, b) => who(b, 'buildingHead') },
          { title: t('duty.coverage.member'), key: 'member', render: (_, b) => who(b, 'member') },
          {
            title: t('duty.coverage.state'),
            key: 'state',
            render: (_, b) => (b.missing.length ? <Tag color="red">{t('duty.coverage.gap')}</Tag> : <Tag color="green">{t('duty.coverage.ok')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, b) =>
              b.actions.includes('save') ? (
                <Button size="small" icon={<UserAddOutlined />} onClick={() => setAssigning(b)} data-testid={`roster-assign-${b.buildingId}`}>
                  {t('duty.coverage.assign')}
                </Button>
              ) : null,
          },
        ]}
      />
      <AssignModal b={assigning} communityId={communityId} onClose={() => setAssigning(null)} />
    </>
  );
}
