import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, InputNumber, List, Row, Select, Statistic, Tag, Typography } from 'antd';
import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { MyHousehold } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { VolShell } from './VolShell';
import { hm, useVolunteersLive, volApi, type HoldView } from './volunteers.api';

const HOLD_COLORS: Record<HoldView['status'], string> = { held: 'gold', settled: 'green', released: 'default', expired: 'default' };

function Holds({ holds }: { holds: HoldView[] }) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      dataSource={holds}
      data-testid="bank-holds"
      renderItem={(h) => (
        <List.Item extra={<Typography.Text strong>{hm(h.minutes, t)}</Typography.Text>} data-testid={`hold-${h.id}`} data-status={h.status}>
          <Flex vertical>
            <span>
              <Tag color={HOLD_COLORS[h.status]}>{t(`vol.hold.${h.status}`)}</Tag>
              {h.needId ? <Link to={`/resident/volunteers/needs/${h.needId}`}>{t('vol.bank.forNeed', { id: h.needId })}</Link> : null}
            </span>
            <Typography.Text type="secondary">
              {h.status === 'held' ? t('vol.bank.expires', { at: fmtDateTime(h.expiresAt) }) : fmtDateTime(h.closedAt ?? h.createdAt)}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/**
 * The love bank (爱心银行) on the phone: my balance, what is held for services asked for and what may
 * be spent; my yearly statement; the accounts of family members who named me (to ask for a service
 * for them); a transfer to a family member of my household.
 */
export default function BankPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year] = useState(() => new Date().getFullYear());
  const q = useQuery({ queryKey: ['vol', 'bank', 'my'], queryFn: volApi.myBank });
  const statement = useQuery({ queryKey: ['vol', 'bank', 'my', 'statement', year], queryFn: () => volApi.myStatement(year), enabled: !!q.data?.account });
  const household = useQuery({ queryKey: ['resident-home', 'household'], queryFn: () => api.get<MyHousehold>('/me/household'), retry: false });
  const [to, setTo] = useState<number | null>(null);
  const [delegate, setDelegate] = useState<number | null>(null);
  const [minutes, setMinutes] = useState<number | null>(60);
  useVolunteersLive();
  const transfer = useMutation({
    mutationFn: () => volApi.transfer({ toResidentId: to!, minutes: minutes!, memo: null }),
    onSuccess: () => {
      message.success(t('vol.bank.transferred'));
      void qc.invalidateQueries({ queryKey: ['vol'] });
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const name = useMutation({
    mutationFn: () => volApi.addDelegate(delegate!),
    onSuccess: (b) => {
      qc.setQueryData(['vol', 'bank', 'my'], b);
      setDelegate(null);
      message.success(t('vol.bank.delegated'));
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  if (q.error) return <QueryError error={q.error} backTo={{ to: '/resident/volunteers', label: t('vol.home.title') }} />;
  if (!q.data) return <PageSpin />;
  const { account, holds, maySpendFor } = q.data;
  const family = (household.data?.members ?? []).filter((m) => !m.isMe);
  return (
    <VolShell title={t('vol.bank.title')} back="/resident/volunteers" testId="vol-bank">
      {!account ? <Alert type="info" showIcon message={t('vol.bank.noAccount')} /> : null}
      {account ? (
        <Card data-testid="bank-account" data-balance={account.balance} data-held={account.held} data-available={account.available}>
          <Row gutter={8}>
            <Col span={8}>
              <Statistic title={t('vol.bank.balance')} value={hm(account.balance, t)} valueStyle={{ fontSize: 18 }} />
            </Col>
            <Col span={8}>
              <Statistic title={t('vol.bank.held')} value={hm(account.held, t)} valueStyle={{ fontSize: 18 }} />
            </Col>
            <Col span={8}>
              <Statistic title={t('vol.bank.available')} value={hm(account.available, t)} valueStyle={{ fontSize: 18, color: '#135200' }} />
            </Col>
          </Row>
        </Card>
      ) : null}
      <Link to="/resident/volunteers/needs/new">
        <Button type="primary" size="large" block icon={<EditOutlined />} style={{ height: 52 }} data-testid="bank-ask">
          {t('vol.bank.ask')}
        </Button>
      </Link>
      {maySpendFor.length ? (
        <Card title={t('vol.bank.family')} data-testid="bank-family">
          <List
            dataSource={maySpendFor}
            renderItem={(a) => (
              <List.Item
                extra={<Typography.Text strong>{t('vol.bank.availableN', { hm: hm(a.available, t) })}</Typography.Text>}
                data-testid={`bank-family-${a.id}`}
                data-available={a.available}
              >
                {a.holderName}
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {holds.length ? (
        <Card title={t('vol.bank.holds')} styles={{ body: { padding: '0 12px' } }}>
          <Holds holds={holds} />
        </Card>
      ) : null}
      {account ? (
        <Card
          title={t('vol.bank.statement', { year })}
          loading={statement.isPending}
          extra={<Button type="text" icon={<PrinterOutlined />} onClick={() => window.print()} aria-label={t('vol.bank.print')} />}
          styles={{ body: { padding: '0 12px' } }}
        >
          {statement.data ? (
            <>
              <Row gutter={8} style={{ padding: '12px 0' }}>
                <Col span={8}>
                  <Statistic title={t('vol.bank.opening')} value={hm(statement.data.opening, t)} valueStyle={{ fontSize: 16 }} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('vol.bank.earned')} value={hm(statement.data.earned, t)} valueStyle={{ fontSize: 16 }} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('vol.bank.spent')} value={hm(statement.data.spent, t)} valueStyle={{ fontSize: 16 }} />
                </Col>
              </Row>
              <List
                size="small"
                dataSource={[...statement.data.lines].reverse()}
                locale={{ emptyText: <Empty description={t('vol.bank.noLines')} /> }}
                data-testid="bank-lines"
                renderItem={(l) => (
                  <List.Item
                    extra={
                      <Flex vertical align="end">
                        <Typography.Text strong type={l.amount < 0 ? 'danger' : 'success'}>
                          {l.amount > 0 ? '+' : ''}
                          {hm(l.amount, t)}
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('vol.bank.after', { hm: hm(l.balanceAfter, t) })}
                        </Typography.Text>
                      </Flex>
                    }
                  >
                    <List.Item.Meta title={t(`vol.posting.${l.kind}`)} description={[fmtDateTime(l.postedAt), l.memo].filter(Boolean).join(' · ')} />
                  </List.Item>
                )}
              />
            </>
          ) : null}
        </Card>
      ) : null}
      {account && family.length ? (
        <Card title={t('vol.bank.delegatesMine')} data-testid="bank-delegates">
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">{t('vol.bank.delegateHint')}</Typography.Text>
            {account.delegates.length ? (
              <Flex gap={4} wrap>
                {account.delegates.map((x) => (
                  <Tag key={x.residentId} color="green">
                    {x.name}
                  </Tag>
                ))}
              </Flex>
            ) : null}
            <Flex gap={8}>
              <Select
                size="large"
                style={{ flex: 1 }}
                value={delegate}
                onChange={setDelegate}
                placeholder={t('vol.bank.delegatePick')}
                aria-label={t('vol.bank.delegatePick')}
                data-testid="bank-delegate-pick"
                options={family.filter((m) => !account.delegates.some((x) => x.residentId === m.id)).map((m) => ({ value: m.id, label: m.name }))}
              />
              <Button size="large" disabled={!delegate} loading={name.isPending} onClick={() => name.mutate()} data-testid="bank-delegate-add">
                {t('vol.bank.delegateAdd')}
              </Button>
            </Flex>
          </Flex>
        </Card>
      ) : null}
      {account && family.length ? (
        <Card title={t('vol.bank.transfer')}>
          <Flex vertical gap={8}>
            <Select
              size="large"
              value={to}
              onChange={setTo}
              placeholder={t('vol.bank.transferTo')}
              aria-label={t('vol.bank.transferTo')}
              options={family.map((m) => ({ value: m.id, label: m.name }))}
            />
            <InputNumber
              size="large"
              min={1}
              max={account.available || 1}
              value={minutes}
              onChange={setMinutes}
              addonAfter={t('vol.minUnit')}
              style={{ width: '100%' }}
              aria-label={t('vol.bank.transferMinutes')}
            />
            <Button size="large" block disabled={!to || !minutes} loading={transfer.isPending} onClick={() => transfer.mutate()}>
              {t('vol.bank.transferDo')}
            </Button>
          </Flex>
        </Card>
      ) : null}
    </VolShell>
  );
}
