import { useState } from 'react';
import type { TFunction } from 'i18next';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LIMIT_UNITS, STAGES, type CategoryView, type TeamView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { limitText } from '../../platform/i18n/spans';
import { useDebounced } from '../../platform/ui/hooks';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { SD, useCategories, useTeams } from './servicedesk.api';

function UserPicker({ value, onChange, multiple }: { value?: number | number[] | null; onChange?: (v: unknown) => void; multiple?: boolean }) {
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const res = useQuery({
    queryKey: ['users', 'lookup', q],
    queryFn: () => api.get<{ items: { id: number; displayName: string; username: string }[] }>('/users/lookup', { q: q || undefined }),
  });
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? (multiple ? [] : null))}
      options={(res.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
    />
  );
}

type CatNode = CategoryView & { children?: CatNode[] };
/** The flat list as a tree, for the table. */
function tree(items: CategoryView[]): CatNode[] {
  const nodes = new Map<number, CatNode>(items.map((c) => [c.id, { ...c }]));
  const roots: CatNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  return roots;
}

const limitOrNone = (t: TFunction, l: { amount: number; unit: string } | null) => (l ? limitText(t, l.amount, l.unit) : t('sd.settings.none'));

const TeamTags = ({ teams }: { teams: CategoryView['teams'] }) => (
  <Flex gap={4} wrap>
    {teams.map((x) => (
      <Tag key={x.id} style={{ marginInlineEnd: 0 }}>
        {x.name} · {x.placeLabel}
      </Tag>
    ))}
  </Flex>
);

/** The category's own teams; where it has none, those of its nearest ancestor that has some (they answer for it). */
function TeamsCell({ c, all }: { c: CategoryView; all: CategoryView[] }) {
  const { t } = useI18n();
  if (c.teams.length > 0) return <TeamTags teams={c.teams} />;
  let parent = all.find((x) => x.id === c.parentId);
  for (let depth = 0; parent && parent.teams.length === 0 && depth < 20; depth++) parent = all.find((x) => x.id === parent!.parentId);
  if (!parent) return <>—</>;
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">{t('sd.settings.inherited')}</Typography.Text>
      <TeamTags teams={parent.teams} />
    </Flex>
  );
}

/** Categories (kind, team, emergency, staged limits) and teams (place, leader, members). */
export default function SettingsPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const cats = useCategories();
  const teams = useTeams();
  const [cat, setCat] = useState<CategoryView | 'new' | null>(null);
  const [team, setTeam] = useState<TeamView | 'new' | null>(null);
  const [cf] = Form.useForm();
  const [tf] = Form.useForm();
  const saveCat = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      cat === 'new'
        ? api.post(`${SD}/categories`, v)
        : api.put(`${SD}/categories/${(cat as CategoryView).id}`, { ...v, version: (cat as CategoryView).version }),
    onSuccess: () => {
      message.success(t('sd.settings.saved'));
      setCat(null);
      void qc.invalidateQueries({ queryKey: ['sd'] });
    },
    onError: (err) => {
      if (!applyFieldErrors(cf, err, lang)) message.error(errorText(err, lang));
    },
  });
  const saveTeam = useMutation({
    mutationFn: (v: Record<string, unknown>) => (team === 'new' ? api.post(`${SD}/teams`, v) : api.put(`${SD}/teams/${(team as TeamView).id}`, v)),
    onSuccess: () => {
      message.success(t('sd.settings.saved'));
      setTeam(null);
      void qc.invalidateQueries({ queryKey: ['sd'] });
    },
    onError: (err) => {
      if (!applyFieldErrors(tf, err, lang)) message.error(errorText(err, lang));
    },
  });
  const openCat = (c: CategoryView | 'new') => {
    setCat(c);
    const v =
      c === 'new'
        ? {
            kind: 'repair',
            emergency: false,
            escalateAfterMinutes: 60,
            publicVisible: false,
            active: true,
            limits: { accept: null, arrive: null, resolve: null },
          }
        : c;
    const limits = Object.fromEntries(STAGES.map((s) => [s, { amount: v.limits[s]?.amount ?? null, unit: v.limits[s]?.unit ?? 'working_hours' }]));
    cf.setFieldsValue({
      ...v,
      teamIds: c === 'new' ? [] : c.teams.map((x) => x.id),
      nameZh: c === 'new' ? '' : c.name['zh-CN'],
      nameEn: c === 'new' ? '' : c.name['en-US'],
      limits,
    });
  };
  const openTeam = (x: TeamView | 'new') => {
    setTeam(x);
    tf.setFieldsValue(
      x === 'new'
        ? { active: true, memberUserIds: [] }
        : { name: x.name, placeId: x.placeId, leaderUserId: x.leader?.userId ?? null, memberUserIds: x.members.map((m) => m.userId), active: x.active },
    );
  };
  const teamOptions = (teams.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.placeLabel}` }));
  return (
    <>
      <PageHeader title={t('sd.settings.title')} />
      <Tabs
        items={[
          {
            key: 'categories',
            label: t('sd.settings.categories'),
            children: (
              <Card
                extra={
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => openCat('new')}>
                    {t('sd.settings.addCategory')}
                  </Button>
                }
              >
                <DataTable<CategoryView>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={tree(cats.data?.items ?? [])}
                  expandable={{ defaultExpandAllRows: true }}
                  columns={[
                    { title: t('sd.settings.code'), dataIndex: 'code' },
                    {
                      title: t('sd.settings.name'),
                      render: (_, c) => (
                        <>
                          {pick(c.name)} {c.emergency ? <Tag color="red">{t('sd.settings.emergency')}</Tag> : null} {!c.active ? <Tag>×</Tag> : null}
                        </>
                      ),
                    },
                    { title: t('sd.settings.kind'), render: (_, c) => t(`sd.kind.${c.kind}`) },
                    { title: t('sd.settings.team'), render: (_, c) => <TeamsCell c={c} all={cats.data?.items ?? []} /> },
                    ...STAGES.map((s) => ({ title: t(`sd.stage.${s}`), render: (_: unknown, c: CategoryView) => limitOrNone(t, c.limits[s]) })),
                    {
                      title: t('sd.settings.actions'),
                      width: 60,
                      render: (_, c) =>
                        c.actions.includes('update') ? (
                          <Button size="small" icon={<EditOutlined />} aria-label={t('sd.settings.edit')} onClick={() => openCat(c)} />
                        ) : null,
                    },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'teams',
            label: t('sd.settings.teams'),
            children: (
              <Card
                extra={
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => openTeam('new')}>
                    {t('sd.settings.addTeam')}
                  </Button>
                }
              >
                <DataTable<TeamView>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={teams.data?.items ?? []}
                  columns={[
                    { title: t('sd.settings.name'), dataIndex: 'name' },
                    { title: t('sd.settings.place'), dataIndex: 'placeLabel' },
                    { title: t('sd.settings.leader'), render: (_, x) => x.leader?.name ?? '—' },
                    { title: t('sd.settings.members'), render: (_, x) => x.members.map((m) => m.name).join('、') || '—' },
                    { title: t('sd.settings.openOrders'), dataIndex: 'openOrders', align: 'right' },
                    {
                      title: t('sd.settings.actions'),
                      width: 60,
                      render: (_, x) =>
                        x.actions.includes('update') ? (
                          <Button size="small" icon={<EditOutlined />} aria-label={t('sd.settings.edit')} onClick={() => openTeam(x)} />
                        ) : null,
                    },
                  ]}
                />
              </Card>
            ),
          },
        ]}
      />
      <Modal
        open={cat !== null}
        title={t(cat === 'new' ? 'sd.settings.addCategory' : 'sd.settings.edit')}
        onCancel={() => setCat(null)}
        onOk={() => cf.submit()}
        confirmLoading={saveCat.isPending}
        width={720}
        forceRender
      >
        <Form
          form={cf}
          layout="vertical"
          onFinish={(v) =>
            saveCat.mutate({
              parentId: v.parentId ?? null,
              code: v.code,
              name: { 'zh-CN': v.nameZh, 'en-US': v.nameEn },
              kind: v.kind,
              teamIds: v.teamIds ?? [],
              emergency: !!v.emergency,
              limits: Object.fromEntries(STAGES.map((s) => [s, v.limits?.[s]?.amount ? { amount: v.limits[s].amount, unit: v.limits[s].unit } : null])),
              escalateAfterMinutes: v.escalateAfterMinutes ?? 60,
              publicVisible: !!v.publicVisible,
              keywords: v.keywords || null,
              attributes: cat !== 'new' && cat ? cat.attributes : [],
              active: v.active !== false,
            })
          }
        >
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="code" label={t('sd.settings.code')} rules={[{ required: true, pattern: /^[a-z0-9_.-]+$/, message: t('sd.settings.codeRule') }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="nameZh" label={t('sd.settings.nameZh')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="nameEn" label={t('sd.settings.nameEn')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="kind" label={t('sd.settings.kind')}>
                <Select options={(['repair', 'complaint', 'enquiry'] as const).map((k) => ({ value: k, label: t(`sd.kind.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="parentId" label={t('sd.settings.parent')}>
                <Select allowClear options={(cats.data?.items ?? []).map((c) => ({ value: c.id, label: pick(c.name) }))} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="teamIds" label={t('sd.settings.team')} extra={t('sd.settings.teamsHint')}>
                <Select mode="multiple" allowClear options={teamOptions} optionFilterProp="label" data-testid="category-teams" />
              </Form.Item>
            </Col>
          </Row>
          {STAGES.map((s) => (
            <Form.Item key={s} label={`${t('sd.settings.limits')} · ${t(`sd.stage.${s}`)}`}>
              <Space.Compact>
                <Form.Item name={['limits', s, 'amount']} noStyle>
                  <InputNumber min={1} max={100000} placeholder={t('sd.settings.none')} />
                </Form.Item>
                <Form.Item name={['limits', s, 'unit']} noStyle>
                  <Select style={{ width: 200 }} options={LIMIT_UNITS.map((u) => ({ value: u, label: t(`sd.unit.${u}`) }))} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          ))}
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="escalateAfterMinutes" label={t('sd.settings.escalate')}>
                <InputNumber min={0} max={100000} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="emergency" label={t('sd.settings.emergency')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="publicVisible" label={t('sd.settings.public')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="active" label={t('sd.settings.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
      <Modal
        open={team !== null}
        title={t(team === 'new' ? 'sd.settings.addTeam' : 'sd.settings.edit')}
        onCancel={() => setTeam(null)}
        onOk={() => tf.submit()}
        confirmLoading={saveTeam.isPending}
        forceRender
      >
        <Form
          form={tf}
          layout="vertical"
          onFinish={(v) =>
            saveTeam.mutate({
              name: v.name,
              placeId: v.placeId,
              leaderUserId: v.leaderUserId ?? null,
              memberUserIds: v.memberUserIds ?? [],
              active: v.active !== false,
            })
          }
        >
          <Form.Item name="name" label={t('sd.settings.nameZh')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="placeId" label={t('sd.settings.place')} rules={[{ required: true }]}>
            <PlaceSelect initialLabel={team !== 'new' && team ? team.placeLabel : null} />
          </Form.Item>
          <Form.Item name="leaderUserId" label={t('sd.settings.leader')}>
            <UserPicker />
          </Form.Item>
          <Form.Item name="memberUserIds" label={t('sd.settings.members')}>
            <UserPicker multiple />
          </Form.Item>
          <Form.Item name="active" label={t('sd.settings.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
