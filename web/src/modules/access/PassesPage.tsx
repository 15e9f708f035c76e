import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Tag } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { PassKind, PassView } from '@jiayuan/contracts';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { useDebounced } from '../../platform/ui/hooks';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { accessApi } from './access.api';
import { PassIssueModal } from './PassIssueModal';

const STATUS_COLOUR: Record<PassView['status'], string> = { active: 'green', revoked: 'red', expired: 'default', used_up: 'orange' };

/** Staff list of passes: issue, print, renew, revoke (with a reason). */
export default function PassesPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { can } = useMe();
  const [status, setStatus] = useState<'active' | 'expired' | 'revoked' | 'all'>('active');
  const [kind, setKind] = useState<PassKind | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(1);
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<PassView | null>(null);
  const [renewing, setRenewing] = useState<PassView | null>(null);
  const list = useQuery({
    queryKey: ['access', 'passes', status, kind, q, page],
    queryFn: () => accessApi.passes({ status, kind, q: q || undefined, page, pageSize: 20 }),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['access', 'passes'] });

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      setRevoking(null);
      setRenewing(null);
      refresh();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };

  return (
    <>
      <PageHeader
        title={t('access.passes.title')}
        subtitle={t('access.passes.subtitle')}
        extra={
          can('access.pass.issue') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="pass-issue">
              {t('access.passes.issue')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented
            value={status}
            onChange={(v) => {
              setStatus(v as typeof status);
              setPage(1);
            }}
            options={(['active', 'expired', 'revoked', 'all'] as const).map((s) => ({ value: s, label: t(`access.passes.filterStatus.${s}`) }))}
          />
          <Select
            allowClear
            style={{ minWidth: 180 }}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            placeholder={t('access.passes.col.kind')}
            aria-label={t('access.passes.col.kind')}
            options={(['health_pass', 'entry_ticket', 'vehicle_pass'] as const).map((k) => ({ value: k, label: t(`access.kind.${k}`) }))}
          />
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('access.passes.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
        </Flex>
        {list.error ? (
          <QueryError error={list.error} />
        ) : (
          <DataTable<PassView>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('access.passes.empty') }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            data-testid="passes-table"
            columns={[
              {
                title: t('access.passes.col.kind'),
                dataIndex: 'kind',
                render: (k: PassKind) => <span style={{ whiteSpace: 'nowrap' }}>{t(`access.kind.${k}`)}</span>,
              },
              { title: t('access.passes.col.holder'), dataIndex: 'holderName', render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span> },
              {
                title: t('access.passes.col.plate'),
                dataIndex: 'plate',
                render: (p: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{p ?? '—'}</span>,
              },
              { title: t('access.passes.col.dwelling'), dataIndex: 'dwellingLabel' },
              {
                title: t('access.passes.col.validUntil'),
                dataIndex: 'validUntil',
                render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtDateTime(v)}</span>,
              },
              {
                title: t('access.passes.col.uses'),
                render: (_, p) => <span style={{ whiteSpace: 'nowrap' }}>{p.maxUses === null ? '—' : `${p.usesCount} / ${p.maxUses}`}</span>,
              },
              {
                title: t('access.passes.col.status'),
                dataIndex: 'status',
                render: (s: PassView['status'], p) => (
                  <Tag color={STATUS_COLOUR[s]} title={p.revokeReason ?? undefined}>
                    {t(`access.status.${s}`)}
                  </Tag>
                ),
              },
              {
                key: 'actions',
                render: (_, p) => (
                  <Flex gap={4} wrap>
                    <Button size="small" icon={<PrinterOutlined />} onClick={() => navigate(`/access/passes/${p.id}/card`)} data-testid={`pass-print-${p.id}`}>
                      {t('access.passes.print')}
                    </Button>
                    {p.actions.includes('renew') ? (
                      <Button size="small" onClick={() => setRenewing(p)}>
                        {t('access.passes.renew')}
                      </Button>
                    ) : null}
                    {p.actions.includes('revoke') ? (
                      <Button size="small" danger onClick={() => setRevoking(p)} data-testid={`pass-revoke-${p.id}`}>
                        {t('access.passes.revoke')}
                      </Button>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
      <PassIssueModal
        open={issuing}
        onClose={() => setIssuing(false)}
        onIssued={(id) => {
          setIssuing(false);
          refresh();
          navigate(`/access/passes/${id}/card`);
        }}
      />
      <Modal open={!!revoking} title={t('access.passes.revokeTitle')} onCancel={() => setRevoking(null)} footer={null} destroyOnHidden>
        <Form
          layout="vertical"
          onFinish={(v: { reason: string }) => void act(() => accessApi.revoke(revoking!.id, v.reason, revoking!.version), t('access.passes.revoked'))}
        >
          <Form.Item name="reason" label={t('access.passes.revokeReason')} rules={[{ required: true, min: 2, max: 200 }]}>
            <Input.TextArea rows={2} placeholder={t('access.passes.revokeReasonPlaceholder')} data-testid="revoke-reason" />
          </Form.Item>
          <Button danger type="primary" htmlType="submit" data-testid="revoke-confirm">
            {t('access.passes.revoke')}
          </Button>
        </Form>
      </Modal>
      <Modal open={!!renewing} title={t('access.passes.renewTitle')} onCancel={() => setRenewing(null)} footer={null} destroyOnHidden>
        <Form
          layout="vertical"
          initialValues={{ validDays: renewing?.kind === 'entry_ticket' ? 2 : 30 }}
          onFinish={(v: { validDays: number }) => void act(() => accessApi.renew(renewing!.id, v.validDays, renewing!.version), t('access.passes.renewed'))}
        >
          <Form.Item name="validDays" label={t('access.passes.renewDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={60} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('access.passes.renew')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}
