import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Space, Tabs, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { CaseView } from '@jiayuan/contracts';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { useLiveTopic } from '../../platform/live/live';
import { fmtDateTime, todayLocal } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { DwellingCascader } from '../../platform/places/DwellingCascader';
import { CASE_KIND_COLORS, cmApi, cmKeys } from './containment.api';

type Action = 'confirm' | 'exclude' | 'close';

function RecordCaseModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const dwellingId = Form.useWatch('dwellingId', form) as number | null | undefined;
  const residents = useQuery({ queryKey: ['containment', 'residents', dwellingId], queryFn: () => cmApi.residentsOf(dwellingId!), enabled: !!dwellingId });
  const save = useMutation({
    mutationFn: (v: {
      dwellingId: number;
      residentId?: number;
      kind: string;
      reportedOn: { format(f: string): string };
      onsetOn?: { format(f: string): string } | null;
      sourceNote?: string;
    }) =>
      cmApi.record({
        dwellingId: v.dwellingId,
        residentId: v.residentId ?? null,
        kind: v.kind,
        reportedOn: v.reportedOn.format('YYYY-MM-DD'),
        onsetOn: v.onsetOn ? v.onsetOn.format('YYYY-MM-DD') : null,
        sourceNote: v.sourceNote?.trim() || null,
      }),
    onSuccess: (r) => {
      message.success(
        r.activated.length
          ? t('containment.cases.activatedN', { count: r.activated.length })
          : r.proposed.length
            ? t('containment.cases.proposedN', { count: r.proposed.length })
            : t('containment.cases.recorded'),
      );
      void qc.invalidateQueries({ queryKey: cmKeys.all });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang)) message.error(errorText(e, lang));
    },
  });
  return (
    <Modal
      open={open}
      title={t('containment.cases.recordTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'case-save' } as never}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'confirmed', reportedOn: todayLocal() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="dwellingId" label={t('containment.cases.dwelling')} rules={[{ required: true, message: t('containment.cases.pickDwelling') }]}>
          <DwellingCascader load={cmApi.places} testId="case-dwelling" placeholder={t('containment.cases.pickDwelling')} />
        </Form.Item>
        <Form.Item name="residentId" label={t('containment.cases.resident')} extra={t('containment.cases.residentHint')}>
          <Select
            allowClear
            disabled={!dwellingId}
            placeholder={t('containment.cases.noResident')}
            options={(residents.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
            data-testid="case-resident"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('containment.cases.kindLabel')}>
          <Radio.Group
            optionType="button"
            options={(['confirmed', 'suspected'] as const).map((k) => ({
              value: k,
              label: <span data-testid={`case-kind-${k}`}>{t(`containment.kind.${k}`)}</span>,
            }))}
          />
        </Form.Item>
        <Space size="large">
          <Form.Item name="reportedOn" label={t('containment.cases.reportedOn')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(todayLocal(), 'day')} />
          </Form.Item>
          <Form.Item name="onsetOn" label={t('containment.cases.onsetOn')}>
            <DatePicker disabledDate={(d) => d.isAfter(todayLocal(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item name="sourceNote" label={t('containment.cases.sourceNote')}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('containment.cases.sourceNotePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Confirmed and suspected cases in my scope: the person masked, details only on an audited reveal. */
export default function CasesPage() {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  const [changing, setChanging] = useState<{ c: CaseView; action: Action } | null>(null);
  const [revealing, setRevealing] = useState<CaseView | null>(null);
  const [reason, setReason] = useState('');
  const list = useQuery({ queryKey: cmKeys.cases(status, page), queryFn: () => cmApi.cases(status, page), placeholderData: keepPreviousData });
  useLiveTopic('containment', 'containment.changed', () => void qc.invalidateQueries({ queryKey: cmKeys.all }));
  const change = useMutation({
    mutationFn: () => cmApi.change(changing!.c.id, { action: changing!.action, reason, version: changing!.c.version }),
    onSuccess: (r) => {
      message.success(r.proposed.length ? t('containment.cases.proposedN', { count: r.proposed.length }) : t('common.saved'));
      setChanging(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: cmKeys.all });
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const reveal = useMutation({
    mutationFn: () => cmApi.reveal(revealing!.id, reason),
    onSuccess: (r) => {
      setRevealing(null);
      setReason('');
      modal.info({
        title: t('containment.cases.revealed', { id: r.id }),
        content: (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('containment.cases.person')}>{r.residentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('containment.cases.sourceNote')}>{r.sourceNote ?? t('containment.cases.noNote')}</Descriptions.Item>
          </Descriptions>
        ),
      });
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const reasonOk = reason.trim().length >= 2;
  return (
    <>
      <PageHeader
        title={t('containment.cases.title')}
        subtitle={t('containment.cases.subtitle')}
        extra={
          can('containment.case.record') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="case-record">
              {t('containment.cases.record')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Tabs
          activeKey={status}
          onChange={(k) => {
            setParams({ status: k });
            setPage(1);
          }}
          items={(['open', 'closed', 'excluded', 'all'] as const).map((k) => ({ key: k, label: t(`containment.cases.tab.${k}`) }))}
        />
        {list.error ? <QueryError error={list.error} /> : null}
        <DataTable<CaseView>
          rowKey="id"
          data-testid="case-table"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: t('containment.cases.empty') }}
          columns={[
            { title: '#', dataIndex: 'id', width: 64 },
            { title: t('containment.cases.kindLabel'), render: (_, c) => <Tag color={CASE_KIND_COLORS[c.kind]}>{t(`containment.kind.${c.kind}`)}</Tag> },
            { title: t('containment.cases.place'), dataIndex: 'placeLabel' },
            { title: t('containment.cases.person'), render: (_, c) => c.residentMasked ?? '—' },
            { title: t('containment.cases.reportedOn'), dataIndex: 'reportedOn' },
            { title: t('containment.cases.onsetOn'), render: (_, c) => c.onsetOn ?? '—' },
            { title: t('containment.cases.statusLabel'), render: (_, c) => <Tag>{t(`containment.caseStatus.${c.status}`)}</Tag> },
            { title: t('common.createdAt'), render: (_, c) => <Typography.Text type="secondary">{fmtDateTime(c.recordedAt)}</Typography.Text> },
            {
              title: t('common.actions'),
              render: (_, c) => (
                <Space size={4} wrap>
                  {(['confirm', 'exclude', 'close'] as const)
                    .filter((a) => c.actions.includes(a))
                    .map((a) => (
                      <Button
                        key={a}
                        size="small"
                        danger={a === 'confirm'}
                        onClick={() => {
                          setReason('');
                          setChanging({ c, action: a });
                        }}
                        data-testid={`case-${a}-${c.id}`}
                      >
                        {t(`containment.cases.${a}`)}
                      </Button>
                    ))}
                  {c.actions.includes('reveal') ? (
                    <Button
                      size="small"
                      icon={<EyeOutlined />}
                      onClick={() => {
                        setReason('');
                        setRevealing(c);
                      }}
                      data-testid={`case-reveal-${c.id}`}
                    >
                      {t('containment.cases.reveal')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RecordCaseModal open={recording} onClose={() => setRecording(false)} />
      <Modal
        open={!!changing}
        title={changing ? t('containment.cases.changeTitle', { action: t(`containment.cases.${changing.action}`), id: changing.c.id }) : ''}
        onCancel={() => setChanging(null)}
        onOk={() => change.mutate()}
        okButtonProps={{ disabled: !reasonOk }}
        confirmLoading={change.isPending}
      >
        <Input.TextArea
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('containment.cases.reasonRequired')}
          maxLength={200}
        />
      </Modal>
      <Modal
        open={!!revealing}
        title={t('containment.cases.revealTitle')}
        onCancel={() => setRevealing(null)}
        onOk={() => reveal.mutate()}
        okButtonProps={{ disabled: !reasonOk }}
        confirmLoading={reveal.isPending}
      >
        <Typography.Paragraph type="secondary">{t('containment.cases.revealHint')}</Typography.Paragraph>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('containment.cases.reason')} maxLength={200} />
      </Modal>
    </>
  );
}
