import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Result, Select, Space, Steps, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import type { PlaceBranch, PlaceBranchCreated } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useMe } from '../../../platform/auth/me';
import { useI18n } from '../../../platform/i18n/i18n';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { fetchChildren, placeKeys } from '../../../platform/places/places.api';
import { PlaceImportPanel } from './PlaceImportPanel';

interface Values {
  center: string;
  departments: { name: string; communities?: string[] }[];
}

/** May this user start a place tree (an admin over everything, with place management)? */
export function useMaySetUpPlaces(): boolean {
  const { me, can } = useMe();
  return !!me?.scope.all && can('place.manage');
}

/** The branch the form describes: the centre, then each department followed by its communities. */
export function branchOf(v: Values): PlaceBranch {
  const places: PlaceBranch['places'] = [{ parent: -1, type: 'center', name: v.center.trim() }];
  for (const d of v.departments) {
    const at = places.push({ parent: 0, type: 'department', name: d.name.trim() }) - 1;
    for (const c of d.communities ?? []) if (c.trim()) places.push({ parent: at, type: 'community', name: c.trim() });
  }
  return { parentId: null, places };
}

/**
 * 首次使用：建立区域. A fresh install has no places, and nothing else (users' scopes, imports,
 * duties) can start without them: the admin names the centre, its departments and their
 * communities on one page, and all are made at once; or imports the whole tree, down to the
 * flats, from an Excel workbook (从 Excel 导入区域). Compounds, buildings and flats otherwise
 * follow in 区域.
 */
export default function PlaceSetupPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const may = useMaySetUpPlaces();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PlaceBranchCreated | null>(null);
  const roots = useQuery({ queryKey: placeKeys.children(null), queryFn: () => fetchChildren(null), enabled: may });

  if (!may) return <Navigate to="/registry" replace />;

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const r = await api.post<PlaceBranchCreated>('/places/branch', branchOf(v));
      setDone(r);
      void qc.invalidateQueries({ queryKey: ['places'] });
    } catch (err) {
      if (!applyFieldErrors(form, err, lang)) message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Card>
        <Result
          status="success"
          title={<span data-testid="setup-done">{t('setup.done', { count: done.created })}</span>}
          subTitle={t('setup.doneNext')}
          extra={
            <Flex gap={8} wrap justify="center">
              <Link to={`/registry/${done.ids[0]}`}>
                <Button type="primary" data-testid="setup-open-tree">
                  {t('setup.openTree')}
                </Button>
              </Link>
              <Link to="/admin/users">
                <Button>{t('setup.addUsers')}</Button>
              </Link>
              <Link to="/imports">
                <Button>{t('setup.importResidents')}</Button>
              </Link>
            </Flex>
          }
        />
      </Card>
    );
  }

  const hasTree = (roots.data?.length ?? 0) > 0;
  return (
    <>
      <PageHeader title={t('setup.title')} subtitle={t('setup.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={0}
          responsive
          items={[{ title: t('setup.step.places') }, { title: t('setup.step.users') }, { title: t('setup.step.residents') }]}
        />
      </Card>
      <Tabs
        items={[
          {
            key: 'form',
            label: <span data-testid="setup-tab-form">{t('setup.tab.form')}</span>,
            children: (
              <>
                {hasTree ? (
                  <Typography.Paragraph type="warning" data-testid="setup-has-tree">
                    {t('setup.hasTree')}
                  </Typography.Paragraph>
                ) : null}
                <Card>
                  <Form<Values>
                    form={form}
                    layout="vertical"
                    onFinish={submit}
                    initialValues={{ departments: [{ name: '', communities: [] }] }}
                    data-testid="setup-form"
                    style={{ maxWidth: 720 }}
                  >
                    <Form.Item name="center" label={t('setup.center')} extra={t('setup.centerHint')} rules={[{ required: true, whitespace: true, max: 60 }]}>
                      <Input data-testid="setup-center" />
                    </Form.Item>
                    <Form.List name="departments">
                      {(fields, { add, remove }) => (
                        <Flex vertical gap={12}>
                          {fields.map((f, i) => (
                            <Card
                              key={f.key}
                              size="small"
                              title={t('setup.departmentN', { n: i + 1 })}
                              extra={
                                fields.length > 1 ? (
                                  <Button
                                    type="text"
                                    danger
                                    icon={<DeleteOutlined />}
                                    onClick={() => remove(f.name)}
                                    aria-label={t('setup.removeDepartment')}
                                  />
                                ) : null
                              }
                              data-testid={`setup-department-${i}`}
                            >
                              <Form.Item name={[f.name, 'name']} label={t('setup.department')} rules={[{ required: true, whitespace: true, max: 60 }]}>
                                <Input data-testid={`setup-department-name-${i}`} />
                              </Form.Item>
                              <Form.Item
                                name={[f.name, 'communities']}
                                label={t('setup.communities')}
                                extra={t('setup.communitiesHint')}
                                style={{ marginBottom: 0 }}
                              >
                                <Select
                                  mode="tags"
                                  open={false}
                                  tokenSeparators={[',', '，', '、', ';', '；']}
                                  suffixIcon={null}
                                  data-testid={`setup-communities-${i}`}
                                />
                              </Form.Item>
                            </Card>
                          ))}
                          <Button icon={<PlusOutlined />} onClick={() => add({ name: '', communities: [] })} data-testid="setup-add-department">
                            {t('setup.addDepartment')}
                          </Button>
                        </Flex>
                      )}
                    </Form.List>
                    <Space style={{ marginTop: 24 }}>
                      <Button type="primary" htmlType="submit" loading={busy} data-testid="setup-submit">
                        {t('setup.submit')}
                      </Button>
                    </Space>
                  </Form>
                </Card>
              </>
            ),
          },
          {
            key: 'import',
            label: <span data-testid="setup-tab-import">{t('setup.tab.import')}</span>,
            children: <PlaceImportPanel hasTree={hasTree} />,
          },
        ]}
      />
    </>
  );
}
