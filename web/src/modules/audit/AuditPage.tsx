import { useState } from 'react';
import { AutoComplete, Button, Card, Col, DatePicker, Flex, Input, Row, Select, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { AuditEntry } from '@jiayuan/contracts';
import { api, apiUrl } from '../../platform/api/client';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTimeSec } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionLabel, auditEntityLabel } from './audit.labels';

interface Filters {
  from?: string;
  to?: string;
  actorId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <pre className="jy-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** 审计日志: who did what to which record, when and from where; before → after on expand; Excel export. */
export default function AuditPage() {
  const { t } = useI18n();
  const { can } = useMe();
  const [filters, setFilters] = useState<Filters>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [actors, setActors] = useState<Record<number, string>>({});
  const [action, setAction] = useState('');
  const [entityId, setEntityId] = useState('');
  const q = useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: async () => {
      const r = await api.get<{ items: AuditEntry[]; total: number }>('/audit', { ...filters, page, pageSize });
      // Remember actor names seen, so the actor filter can offer them.
      setActors((a) => ({ ...a, ...Object.fromEntries(r.items.filter((e) => e.actorId !== null).map((e) => [e.actorId!, e.actorName])) }));
      return r;
    },
    placeholderData: keepPreviousData,
  });
  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          can('audit.export') ? (
            <a href={apiUrl('/audit/export.xlsx', { ...filters })} download data-testid="audit-export">
              <Button icon={<DownloadOutlined />}>{t('audit.export')}</Button>
            </a>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap data-testid="audit-filters">
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => {
              setRange(v);
              set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') });
            }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.actor')}
            aria-label={t('audit.actor')}
            style={{ width: 180 }}
            value={filters.actorId}
            onChange={(v) => set({ actorId: v })}
            options={Object.entries(actors).map(([id, name]) => ({ value: Number(id), label: name }))}
          />
          <AutoComplete
            allowClear
            placeholder={t('audit.action')}
            aria-label={t('audit.action')}
            style={{ width: 220 }}
            value={action}
            onChange={(v: string) => setAction(v ?? '')}
            onSelect={(v: string) => set({ action: v })}
            onBlur={() => set({ action: action.trim() || undefined })}
            options={AUDIT_ACTIONS.filter((a) => !action || a.includes(action) || auditActionLabel(t, a).includes(action)).map((a) => ({
              value: a,
              label: auditActionLabel(t, a),
            }))}
            data-testid="audit-action"
          />
          <Select
            allowClear
            placeholder={t('audit.entityType')}
            aria-label={t('audit.entityType')}
            style={{ width: 160 }}
            value={filters.entityType}
            onChange={(v) => set({ entityType: v })}
            options={AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: auditEntityLabel(t, e) }))}
            data-testid="audit-entity-type"
          />
          <Input.Search
            allowClear
            placeholder={t('audit.entityId')}
            style={{ width: 160 }}
            value={entityId}
            onChange={(e) => setEntityId(e.target.value)}
            onSearch={(v) => set({ entityId: v.trim() || undefined })}
          />
        </Flex>
      </Card>
      <Card>
        {q.error ? <QueryError error={q.error} /> : null}
        <DataTable<AuditEntry>
          rowKey="id"
          size="middle"
          data-testid="audit-table"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('audit.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showTotal: (n) => t('common.totalN', { n }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          expandable={{
            expandedRowRender: (e) =>
              e.before == null && e.after == null ? (
                <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>
              ) : (
                <Row gutter={16}>
                  <Col span={12}>
                    <Typography.Title level={5}>{t('audit.before')}</Typography.Title>
                    <Json value={e.before} />
                  </Col>
                  <Col span={12}>
                    <Typography.Title level={5}>{t('audit.after')}</Typography.Title>
                    <Json value={e.after} />
                  </Col>
                </Row>
              ),
          }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => fmtDateTimeSec(v) },
            { title: t('audit.actor'), dataIndex: 'actorName', width: 130 },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (v: string) => (
                <span data-testid="audit-row-action" data-action={v}>
                  <Tag color={v.includes('reveal') ? 'volcano' : v.includes('delete') ? 'red' : 'blue'} title={v}>
                    {auditActionLabel(t, v)}
                  </Tag>
                </span>
              ),
            },
            {
              title: t('audit.entityCol'),
              render: (_, e) => (
                <span data-testid="audit-row-entity">
                  {auditEntityLabel(t, e.entityType)}
                  {e.entityName ? ` ${e.entityName}` : e.entityId ? ` #${e.entityId}` : ''}
                </span>
              ),
            },
            {
              title: t('audit.origin'),
              width: 170,
              render: (_, e) => (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[e.origin.channel, e.origin.ip].filter(Boolean).join(' · ')}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
