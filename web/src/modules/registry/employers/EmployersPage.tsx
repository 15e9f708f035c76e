import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { DataTable } from '../../../platform/ui/DataTable';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Employer } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useMe } from '../../../platform/auth/me';
import { useI18n } from '../../../platform/i18n/i18n';
import { useDebounced } from '../../../platform/ui/hooks';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { QueryError } from '../../../platform/ui/QueryError';

/** 二级单位: employer units, their employee counts and liaisons. */
export default function EmployersPage() {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const [editing, setEditing] = useState<Employer | 'new' | null>(null);
  const [form] = Form.useForm<{ name: string; code?: string }>();
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: ['employers', 'list', search],
    queryFn: () => api.get<{ items: Employer[] }>('/employers', { q: search }).then((r) => r.items),
  });
  const del = useMutation({
    mutationFn: (id: number) => api.delete(`/employers/${id}`),
    onSuccess: () => {
      message.success(t('employers.deleted'));
      void qc.invalidateQueries({ queryKey: ['employers'] });
    },
    onError: (err) => message.error(errorText(err, lang)),
  });

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = { name: v.name, code: v.code?.trim() || null };
      if (editing && editing !== 'new') await api.patch(`/employers/${editing.id}`, body);
      else await api.post('/employers', body);
      message.success(t('common.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['employers'] });
    } catch (err) {
      if (!applyFieldErrors(form, err, lang, { 'code:REGISTRY_EMPLOYER_NAME_TAKEN': 'name' })) message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('employers.title')}
        subtitle={t('employers.subtitle')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('employers.search')} value={text} onChange={(e) => setText(e.target.value)} style={{ width: 220 }} />
            {can('employer.manage') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="employer-new">
                {t('employers.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        {q.error ? <QueryError error={q.error} /> : null}
        <DataTable<Employer>
          rowKey="id"
          data-testid="employers-table"
          loading={q.isPending}
          dataSource={q.data ?? []}
          locale={{ emptyText: t('employers.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('employers.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: t('employers.code'), dataIndex: 'code', render: (v: string | null) => v ?? '—' },
            {
              title: t('employers.employees'),
              dataIndex: 'employees',
              align: 'right',
              render: (v: number, r) => (can('resident.read') ? <Link to={`/residents?employerId=${r.id}`}>{v}</Link> : v),
            },
            {
              title: t('employers.liaisons'),
              dataIndex: 'liaisons',
              render: (ls: Employer['liaisons']) =>
                ls.length ? (
                  ls.map((l) => (
                    <Tag key={l.userId}>
                      {l.displayName} ({l.username})
                    </Tag>
                  ))
                ) : (
                  <Typography.Text type="secondary">{t('employers.noLiaison')}</Typography.Text>
                ),
            },
            // Only for those who may change units: no blank column (or line, on a phone) for the others.
            ...(can('employer.manage')
              ? [
                  {
                    title: t('common.actions'),
                    width: 110,
                    render: (_: unknown, r: Employer) => (
                      <Space>
                        {r.actions.includes('update') ? (
                          <Button
                            size="small"
                            type="text"
                            icon={<EditOutlined />}
                            aria-label={t('common.edit')}
                            onClick={() => {
                              form.setFieldsValue({ name: r.name, code: r.code ?? '' });
                              setEditing(r);
                            }}
                          />
                        ) : null}
                        {r.actions.includes('delete') ? (
                          <Popconfirm
                            title={t('employers.deleteConfirm', { name: r.name })}
                            onConfirm={() => del.mutate(r.id)}
                            okButtonProps={{ danger: true }}
                          >
                            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                          </Popconfirm>
                        ) : null}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('employers.new') : t('employers.edit')}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={busy}
        okText={t('common.save')}
        forceRender
        afterClose={() => form.resetFields()}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('employers.name')} rules={[{ required: true, whitespace: true, max: 80 }]}>
            <Input data-testid="employer-name" />
          </Form.Item>
          <Form.Item name="code" label={t('employers.code')} rules={[{ max: 40 }]}>
            <Input />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">{t('employers.liaisonHint')}</Typography.Text>
      </Modal>
    </>
  );
}
