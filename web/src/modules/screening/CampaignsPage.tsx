import { useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Flex, Form, Input, Segmented, Tag } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { DEFAULT_QUESTIONS, type Campaign, type CampaignSave, type CampaignStatus, type Question } from '@jiayuan/contracts';
import type { Dayjs } from 'dayjs';
import { api } from '../../platform/api/client';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { todayLocal } from '../../platform/time';
import { PlaceMultiSelect } from '../../platform/places/PlaceMultiSelect';
import { QuestionsEditor } from './QuestionsEditor';

export const STATUS_COLOR: Record<CampaignStatus, string> = { draft: 'default', active: 'processing', closed: 'success' };

/** 入户摸排: the campaigns over my places, newest first; managers create them here. */
export default function CampaignsPage() {
  const { t } = useI18n();
  const { can } = useMe();
  const [status, setStatus] = useState<CampaignStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const q = useQuery({
    queryKey: ['screening', 'campaigns', status, page],
    queryFn: () => api.get<{ items: Campaign[]; total: number }>('/screening/campaigns', { status: status === 'all' ? undefined : status, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('screening.title')}
        subtitle={t('screening.subtitle')}
        extra={
          can('screening.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new">
              {t('screening.new')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Segmented
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(v) => {
            setStatus(v as CampaignStatus | 'all');
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('screening.coverage.all') },
            ...(['active', 'draft', 'closed'] as const).map((s) => ({ value: s, label: t(`screening.status.${s}`) })),
          ]}
        />
        {q.error ? <QueryError error={q.error} /> : null}
        <DataTable<Campaign>
          rowKey="id"
          data-testid="campaigns-table"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('screening.empty') }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('screening.col.name'), dataIndex: 'name', render: (v: string, r) => <Link to={`/screening/campaigns/${r.id}`}>{v}</Link> },
            { title: t('screening.col.places'), render: (_, r) => r.places.map((p) => p.label).join('、') },
            { title: t('screening.col.period'), render: (_, r) => `${r.startsOn} ~ ${r.endsOn}` },
            { title: t('screening.col.round'), dataIndex: 'round', width: 90, render: (n: number) => t('screening.roundN', { n }) },
            {
              title: t('screening.col.status'),
              dataIndex: 'status',
              width: 100,
              render: (s: CampaignStatus) => <Tag color={STATUS_COLOR[s]}>{t(`screening.status.${s}`)}</Tag>,
            },
          ]}
        />
      </Card>
      {creating ? <CampaignDrawer onClose={() => setCreating(false)} /> : null}
    </>
  );
}

interface FormValues {
  name: string;
  placeIds: number[];
  period: [Dayjs, Dayjs];
  note?: string;
}

function CampaignDrawer({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [questions, setQuestions] = useState<Question[]>(DEFAULT_QUESTIONS);
  const create = useMutation({
    mutationFn: (body: CampaignSave) => api.post<Campaign>('/screening/campaigns', body),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['screening'] });
      void navigate(`/screening/campaigns/${c.id}`);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang, { startsOn: 'period', endsOn: 'period' })) message.error(errorText(err, lang));
    },
  });
  return (
    <Drawer
      open
      size={760}
      title={t('screening.form.title')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="campaign-save">
          {t('screening.form.create')}
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ period: [todayLocal(), todayLocal().add(7, 'day')], placeIds: [] }}
        onFinish={(v) =>
          create.mutate({
            name: v.name,
            placeIds: v.placeIds,
            startsOn: v.period[0].format('YYYY-MM-DD'),
            endsOn: v.period[1].format('YYYY-MM-DD'),
            note: v.note ?? null,
            questions,
          })
        }
      >
        <Form.Item name="name" label={t('screening.form.name')} rules={[{ required: true }]}>
          <Input placeholder={t('screening.form.namePlaceholder')} maxLength={80} data-testid="campaign-name" />
        </Form.Item>
        <Form.Item name="placeIds" label={t('screening.form.places')} rules={[{ required: true }]}>
          <PlaceMultiSelect testId="campaign-places" />
        </Form.Item>
        <Form.Item name="period" label={t('screening.form.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="note" label={t('screening.form.note')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
        </Form.Item>
        <Form.Item label={t('screening.form.questions')} extra={t('screening.form.questionsHelp')}>
          <Flex vertical gap={8}>
            <QuestionsEditor value={questions} onChange={setQuestions} />
          </Flex>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
