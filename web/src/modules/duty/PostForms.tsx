import { useEffect, useState } from 'react';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Tabs, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { POST_KINDS } from '@jiayuan/contracts';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { todayLocal } from '../../platform/time';
import { ROLES, dutyApi, type DutyRole, type Generated, type PostView } from './duty.api';

interface PostValues {
  placeId: number;
  kind: (typeof POST_KINDS)[number];
  name: string;
  role: DutyRole;
  teamId?: number | null;
}

/** Creates a post at a place, or edits one (its place stays: its shifts and claims are there). */
export function PostFormModal({ post, open, onClose, communityId }: { post: PostView | null; open: boolean; onClose: () => void; communityId?: number }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<PostValues>();
  const community = post?.communityId ?? communityId ?? null;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (post) form.setFieldsValue({ kind: post.kind, name: post.name, role: post.role, teamId: post.teamId });
  }, [open, post, communityId, form]);
  const teams = useQuery({
    queryKey: ['duty', 'teams', 'pick', community],
    queryFn: () => dutyApi.teams({ communityId: community ?? undefined, pageSize: 100 }),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: (v: PostValues) =>
      post
        ? dutyApi.updatePost(post.id, { kind: v.kind, name: v.name, role: v.role, teamId: v.teamId ?? null })
        : dutyApi.createPost({ placeId: v.placeId, kind: v.kind, name: v.name, role: v.role, teamId: v.teamId ?? null }),
    onSuccess: () => {
      message.success(t(post ? 'duty.staff.postSaved' : 'duty.staff.postCreated'));
      void qc.invalidateQueries({ queryKey: ['duty'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang, { 'code:DUTY_PLACE_KIND': 'kind', 'code:DUTY_NOT_IN_COMMUNITY': 'placeId', 'code:DUTY_TEAM_POSTS': 'teamId' }))
        message.error(errorText(e, lang));
    },
  });
  return (
    <Modal
      open={open}
      title={post ? t('duty.staff.editPost', { name: post.name }) : t('duty.staff.newPost')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'post-save' } as never}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'gate', role: 'gatekeeper' }}>
        {post ? (
          <Form.Item label={t('duty.staff.postPlace')} extra={t('duty.staff.placeStays')}>
            <Input value={post.placeLabel} disabled aria-label={t('duty.staff.postPlace')} />
          </Form.Item>
        ) : (
          <Form.Item name="placeId" label={t('duty.staff.postPlace')} rules={[{ required: true }]}>
            <PlaceSelect testId="post-place" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('duty.staff.postName')} rules={[{ required: true, max: 60 }]}>
          <Input placeholder={t('duty.staff.postNamePh')} data-testid="post-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('duty.staff.postKind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={POST_KINDS.map((k) => ({ value: k, label: t(`duty.kind.${k}`) }))} data-testid="post-kind" />
        </Form.Item>
        <Form.Item name="role" label={t('duty.staff.postRole')} rules={[{ required: true }]} extra={t('duty.staff.postRoleHint')}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`duty.role.${r}`) }))} data-testid="post-role" />
        </Form.Item>
        <Form.Item name="teamId" label={t('duty.staff.postTeam')}>
          <Select
            allowClear
            placeholder={t('duty.staff.noTeam')}
            options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.communityName}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface GenerateValues {
  range: [Dayjs, Dayjs];
  pattern: '3x8' | '2x12';
  firstStart: string;
  headcount: number;
  requiredRole?: DutyRole | null;
  requiredSkill?: string | null;
}
interface OneValues {
  when: [Dayjs, Dayjs];
  headcount: number;
  requiredRole?: DutyRole | null;
  requiredSkill?: string | null;
}

/** A post's shifts: 24-hour shifts from a template for a date range (previewed first), or one shift by hand. */
export function ShiftsModal({ post, onClose }: { post: PostView | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [tab, setTab] = useState<'template' | 'one'>('template');
  const [gen] = Form.useForm<GenerateValues>();
  const [one] = Form.useForm<OneValues>();
  const [preview, setPreview] = useState<Generated | null>(null);
  const body = (v: GenerateValues, previewOnly: boolean) => ({
    from: v.range[0].format('YYYY-MM-DD'),
    to: v.range[1].format('YYYY-MM-DD'),
    pattern: v.pattern,
    firstStart: v.firstStart,
    headcount: v.headcount,
    requiredRole: v.requiredRole ?? null,
    requiredSkill: v.requiredSkill?.trim() || null,
    preview: previewOnly,
  });
  const fail = (form: typeof gen | typeof one, aliases: Record<string, string>) => (e: unknown) => {
    if (!applyFieldErrors(form, e, lang, aliases)) message.error(errorText(e, lang));
  };
  const previewing = useMutation({
    mutationFn: (v: GenerateValues) => dutyApi.generateShifts(post!.id, body(v, true)),
    onSuccess: setPreview,
    onError: fail(gen, { from: 'range', to: 'range', 'code:DUTY_DATE_RANGE': 'range' }),
  });
  const generating = useMutation({
    mutationFn: () => dutyApi.generateShifts(post!.id, body(gen.getFieldsValue(), false)),
    onSuccess: (g) => {
      message.success(t('duty.staff.generated', { created: g.created, kept: g.kept }));
      void qc.invalidateQueries({ queryKey: ['duty'] });
      onClose();
    },
    onError: fail(gen, { from: 'range', to: 'range', 'code:DUTY_DATE_RANGE': 'range' }),
  });
  const adding = useMutation({
    mutationFn: (v: OneValues) =>
      dutyApi.addShift(post!.id, {
        startsAt: v.when[0].toISOString(),
        endsAt: v.when[1].toISOString(),
        headcount: v.headcount,
        requiredRole: v.requiredRole ?? null,
        requiredSkill: v.requiredSkill?.trim() || null,
      }),
    onSuccess: () => {
      message.success(t('duty.staff.shiftAdded'));
      void qc.invalidateQueries({ queryKey: ['duty'] });
      onClose();
    },
    onError: fail(one, { startsAt: 'when', endsAt: 'when', 'code:DUTY_SHIFT_TIMES': 'when' }),
  });
  const needs = (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <Form.Item name="requiredRole" label={t('duty.staff.requiredRole')}>
          <Select allowClear placeholder={t('duty.staff.anyRole')} options={ROLES.map((r) => ({ value: r, label: t(`duty.role.${r}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="requiredSkill" label={t('duty.staff.requiredSkill')} rules={[{ max: 20 }]}>
          <Input placeholder={t('duty.staff.requiredSkillPh')} />
        </Form.Item>
      </Col>
    </Row>
  );
  const onOk = () => {
    if (tab === 'one') one.submit();
    else if (preview && preview.created > 0) generating.mutate();
    else gen.submit();
  };
  return (
    <Modal
      open={!!post}
      title={t('duty.staff.shiftsOf', { name: post?.name ?? '' })}
      onCancel={onClose}
      onOk={onOk}
      okText={
        tab === 'one'
          ? t('duty.staff.addShift')
          : preview && preview.created > 0
            ? t('duty.staff.createN', { count: preview.created })
            : t('duty.staff.preview')
      }
      okButtonProps={{ 'data-testid': 'shifts-ok', disabled: tab === 'template' && !!preview && preview.created === 0 } as never}
      confirmLoading={previewing.isPending || generating.isPending || adding.isPending}
      forceRender
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'template' | 'one')}
        items={[
          {
            key: 'template',
            label: t('duty.staff.fromTemplate'),
            children: (
              <Form
                form={gen}
                layout="vertical"
                onFinish={(v) => previewing.mutate(v)}
                onValuesChange={() => setPreview(null)}
                initialValues={{ pattern: '3x8', firstStart: '08:00', headcount: 2, range: [todayLocal(), todayLocal().add(6, 'day')] }}
              >
                <Form.Item name="pattern" label={t('duty.staff.pattern')} rules={[{ required: true }]}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: '3x8', label: t('duty.staff.pattern3x8') },
                      { value: '2x12', label: t('duty.staff.pattern2x12') },
                    ]}
                    data-testid="gen-pattern"
                  />
                </Form.Item>
                <Form.Item name="range" label={t('duty.staff.range')} rules={[{ required: true }]} extra={t('duty.staff.rangeHint')}>
                  <DatePicker.RangePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(todayLocal(), 'day')} data-testid="gen-range" />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={12}>
                    <Form.Item
                      name="firstStart"
                      label={t('duty.staff.firstStart')}
                      rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'HH:MM' }]}
                    >
                      <Input type="time" data-testid="gen-first" />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item name="headcount" label={t('duty.staff.headcount')} rules={[{ required: true }]}>
                      <InputNumber min={1} max={500} style={{ width: '100%' }} data-testid="gen-headcount" />
                    </Form.Item>
                  </Col>
                </Row>
                {needs}
                {preview ? (
                  <Alert
                    type={preview.created ? 'info' : 'warning'}
                    showIcon
                    data-testid="gen-preview"
                    message={
                      preview.created
                        ? t('duty.staff.previewN', { created: preview.created, kept: preview.kept })
                        : t('duty.staff.previewNone', { kept: preview.kept })
                    }
                  />
                ) : (
                  <Typography.Text type="secondary">{t('duty.staff.previewHint')}</Typography.Text>
                )}
              </Form>
            ),
          },
          {
            key: 'one',
            label: t('duty.staff.oneShift'),
            children: (
              <Form form={one} layout="vertical" onFinish={(v) => adding.mutate(v)} initialValues={{ headcount: 2 }}>
                <Form.Item name="when" label={t('duty.staff.when')} rules={[{ required: true }]}>
                  <DatePicker.RangePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isBefore(todayLocal(), 'day')}
                  />
                </Form.Item>
                <Form.Item name="headcount" label={t('duty.staff.headcount')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={500} style={{ width: '100%' }} />
                </Form.Item>
                {needs}
              </Form>
            ),
          },
        ]}
      />
    </Modal>
  );
}
