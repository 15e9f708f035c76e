import { useState } from 'react';
import { App, Button, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Finding, FindingStatus } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { QueryError } from '../../platform/ui/QueryError';

const STATUS_COLOR: Record<FindingStatus, string> = { open: 'red', case_opened: 'blue', resolved: 'green' };

/** The two decisions on a finding: turn it into an observation case, or close it with a note. */
export function FindingActions({ f, onDone }: { f: Finding; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'case' | 'resolve' | null>(null);
  const [form] = Form.useForm();
  const act = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      mode === 'case'
        ? api.post<Finding>(`/screening/findings/${f.id}/open-case`, { ...v, version: f.version })
        : api.post<Finding>(`/screening/findings/${f.id}/resolve`, { ...v, version: f.version }),
    onSuccess: () => {
      message.success(mode === 'case' ? t('screening.findings.caseOpened') : t('screening.findings.resolved'));
      setMode(null);
      onDone();
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  return (
    <Flex gap={4} wrap>
      {f.actions.includes('openCase') ? (
        <Button size="small" type="primary" onClick={() => setMode('case')} data-testid={`finding-${f.id}-open-case`}>
          {t('screening.findings.openCase')}
        </Button>
      ) : null}
      {f.actions.includes('resolve') ? (
        <Button size="small" onClick={() => setMode('resolve')} data-testid={`finding-${f.id}-resolve`}>
          {t('screening.findings.resolve')}
        </Button>
      ) : null}
      <Modal
        open={mode !== null}
        title={mode === 'case' ? t('screening.findings.openCaseTitle', { name: f.personName }) : t('screening.findings.resolve')}
        onCancel={() => setMode(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'home_observation', plannedDays: 14 }}
          onFinish={(v) => act.mutate(v as Record<string, unknown>)}
          preserve={false}
        >
          {mode === 'case' ? (
            <>
              <Form.Item name="kind" label={t('screening.findings.kind')}>
                <Select
                  options={(['home_observation', 'facility_quarantine', 'fever_follow_up'] as const).map((k) => ({
                    value: k,
                    label: t(`screening.findings.kinds.${k}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="plannedDays" label={t('screening.findings.plannedDays')}>
                <InputNumber min={1} max={60} />
              </Form.Item>
              <Form.Item name="reason" label={t('screening.findings.caseReason')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="note" label={t('screening.findings.resolveNote')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}

export function reasonTags(f: Finding, t: (k: string) => string) {
  return f.reasons.map((r) => (
    <Tag key={r} color={r === 'unregistered' ? 'orange' : 'red'}>
      {t(`screening.reason.${r}`)}
    </Tag>
  ));
}

/** People found on visits who need following up, open ones first, with the decisions at hand. */
export function FindingsPanel({ campaignId }: { campaignId: number }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [status, setStatus] = useState<FindingStatus | 'all'>('open');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['screening', 'findings', campaignId, status, page],
    queryFn: () =>
      api.get<{ items: Finding[]; total: number }>(`/screening/campaigns/${campaignId}/findings`, {
        status: status === 'all' ? undefined : status,
        page,
        pageSize: 20,
      }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['screening'] });
  return (
    <Flex vertical gap={12}>
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(v as FindingStatus | 'all');
          setPage(1);
        }}
        options={[
          ...(['open', 'case_opened', 'resolved'] as const).map((s) => ({ value: s, label: t(`screening.findings.status.${s}`) })),
          { value: 'all', label: t('screening.findings.filterAll') },
        ]}
      />
      {q.error ? <QueryError error={q.error} /> : null}
      <DataTable<Finding>
        rowKey="id"
        size="middle"
        data-testid="findings-table"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('screening.findings.empty') }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: t('screening.findings.person'),
            render: (_, f) => (
              <span>
                {f.personName} {f.registered ? null : <Tag color="orange">{t('screening.findings.unregistered')}</Tag>}
              </span>
            ),
          },
          { title: t('screening.findings.dwelling'), dataIndex: 'dwellingLabel' },
          { title: t('screening.findings.reasons'), render: (_, f) => reasonTags(f, t) },
          {
            title: t('screening.findings.temperature'),
            dataIndex: 'temperature',
            width: 80,
            render: (v: number | null) => (v === null ? '—' : <Typography.Text type={v >= 37.3 ? 'danger' : undefined}>{v.toFixed(1)}°C</Typography.Text>),
          },
          { title: t('screening.findings.visitedAt'), dataIndex: 'visitedAt', width: 150, render: (v: string) => fmtDateTime(v) },
          { title: t('screening.findings.visitor'), dataIndex: 'visitorName', width: 100 },
          {
            title: t('common.actions'),
            width: 220,
            render: (_, f) =>
              f.status === 'open' ? (
                <FindingActions f={f} onDone={refresh} />
              ) : (
                <Tag color={STATUS_COLOR[f.status]}>{t(`screening.findings.status.${f.status}`)}</Tag>
              ),
          },
        ]}
      />
    </Flex>
  );
}
