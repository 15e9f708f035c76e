import { useState } from 'react';
import { Card, Col, Drawer, Empty, Flex, List, Row, Select, Statistic, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { hm, useVolunteersLive, volApi, type BankAccountView } from './volunteers.api';

/** One account's yearly statement: opening, earned, spent, closing, every line with the balance after it, and its holds. */
function StatementDrawer({ account, onClose }: { account: BankAccountView | null; onClose: () => void }) {
  const { t } = useI18n();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const q = useQuery({
    queryKey: ['vol', 'bank', 'statement', account?.id, year],
    queryFn: () => volApi.accountStatement(account!.id, year),
    enabled: !!account,
  });
  const s = q.data;
  return (
    <Drawer open={!!account} onClose={onClose} title={t('vol.bank.statementOf', { name: account?.holderName ?? '' })} width={520} destroyOnHidden>
      <Select
        value={year}
        onChange={setYear}
        aria-label={t('vol.bank.year')}
        options={[0, 1, 2].map((d) => ({ value: new Date().getFullYear() - d, label: String(new Date().getFullYear() - d) }))}
        style={{ marginBottom: 12 }}
      />
      {q.error ? <QueryError error={q.error} /> : null}
      {s ? (
        <>
          <Row gutter={8}>
            {(['opening', 'earned', 'spent', 'closing'] as const).map((k) => (
              <Col span={6} key={k}>
                <Statistic title={t(`vol.bank.${k}`)} value={hm(s[k], t)} valueStyle={{ fontSize: 16 }} />
              </Col>
            ))}
          </Row>
          <List
            size="small"
            style={{ marginTop: 12 }}
            dataSource={s.lines}
            locale={{ emptyText: <Empty description={t('vol.bank.noLines')} /> }}
            renderItem={(l) => (
              <List.Item
                extra={
                  <Typography.Text
                    type={l.amount < 0 ? 'danger' : 'success'}
                  >{`${l.amount > 0 ? '+' : ''}${hm(l.amount, t)} → ${hm(l.balanceAfter, t)}`}</Typography.Text>
                }
              >
                <List.Item.Meta
                  title={
                    <span>
                      {t(`vol.posting.${l.kind}`)} <Typography.Text type="secondary">#{l.postingId}</Typography.Text>
                      {l.reversesId ? <Tag style={{ marginInlineStart: 6 }}>{t('vol.hours.reverses', { id: l.reversesId })}</Tag> : null}
                    </span>
                  }
                  description={[fmtDateTime(l.postedAt), l.memo].filter(Boolean).join(' · ')}
                />
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Drawer>
  );
}

/** The love bank (爱心银行) for staff: every account's balance, what is held and available, the community pools; statements. */
export default function BankAdminPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const communityId = Number(params.get('communityId')) || undefined;
  const kind = (params.get('kind') as BankAccountView['kind'] | null) ?? undefined;
  const [open, setOpen] = useState<BankAccountView | null>(null);
  const q = useQuery({
    queryKey: ['vol', 'bank', 'accounts', communityId, kind],
    queryFn: () => volApi.accounts({ communityId, kind }),
    placeholderData: keepPreviousData,
  });
  useVolunteersLive();
  const items = q.data?.items ?? [];
  const members = items.filter((a) => a.kind === 'member');
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  return (
    <>
      <PageHeader
        title={t('vol.bank.adminTitle')}
        subtitle={t('vol.bank.adminSubtitle')}
        extra={
          <Flex gap={8} wrap>
            <PlaceSelect
              type="community"
              value={communityId ?? null}
              onChange={(id) => set('communityId', id ? String(id) : null)}
              placeholder={t('vol.filter.community')}
            />
            <Select
              allowClear
              value={kind ?? null}
              onChange={(v: string | null) => set('kind', v)}
              placeholder={t('vol.bank.kind')}
              aria-label={t('vol.bank.kind')}
              style={{ minWidth: 120 }}
              options={(['member', 'pool', 'issuance', 'redeemed'] as const).map((k) => ({ value: k, label: t(`vol.accountKind.${k}`) }))}
            />
          </Flex>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('vol.bank.members')} value={members.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('vol.bank.balance')}
              value={hm(
                members.reduce((s, a) => s + a.balance, 0),
                t,
              )}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('vol.bank.held')}
              value={hm(
                members.reduce((s, a) => s + a.held, 0),
                t,
              )}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('vol.bank.pools')}
              value={hm(
                items.filter((a) => a.kind === 'pool').reduce((s, a) => s + a.balance, 0),
                t,
              )}
            />
          </Card>
        </Col>
      </Row>
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <DataTable<BankAccountView>
        rowKey="id"
        loading={q.isPending}
        dataSource={items}
        data-testid="bank-accounts"
        onRow={(a) => ({ onClick: () => setOpen(a), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('vol.bank.holder'), dataIndex: 'holderName' },
          { title: t('vol.bank.kind'), dataIndex: 'kind', render: (k: string) => t(`vol.accountKind.${k}`) },
          { title: t('vol.bank.balance'), dataIndex: 'balance', render: (m: number) => hm(m, t) },
          { title: t('vol.bank.held'), dataIndex: 'held', render: (m: number) => hm(m, t) },
          { title: t('vol.bank.available'), dataIndex: 'available', render: (m: number) => hm(m, t) },
          { title: t('vol.bank.floor'), dataIndex: 'floor', render: (m: number | null) => (m == null ? t('vol.bank.noFloor') : hm(m, t)) },
          { title: t('vol.bank.delegates'), key: 'd', render: (_, a) => a.delegates.map((d) => d.name).join(t('common.sep')) || '—' },
        ]}
      />
      <StatementDrawer account={open} onClose={() => setOpen(null)} />
    </>
  );
}
