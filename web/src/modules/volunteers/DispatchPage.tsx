import { useState } from 'react';
import { App, Badge, Button, Card, Col, Flex, List, Modal, Progress, Row, Select, Tag, Typography } from 'antd';
import { SendOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { useLive } from '../../platform/live/live';
import { fmtDateTime } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { DISPATCH_COLORS } from './DispatchesPage';
import { windowText } from './NeedBits';
import { useVolunteersLive, volApi, type DispatchView } from './volunteers.api';

/**
 * A unit's liaison names people of their unit (volunteers on file) against the unit's quota. The
 * unit's volunteers are listed when the liaison may read them; otherwise they are named by the
 * number on their volunteer card.
 */
function Answer({ d }: { d: DispatchView }) {
  const { t, lang } = useI18n();
  const { me } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [ids, setIds] = useState<(number | string)[]>([]);
  // The units of this dispatch the caller answers for.
  const units = d.quotas.filter((q) => me?.scope.all || me?.scope.employers.some((e) => e.id === q.employerId)).map((q) => q.employerId);
  const candidates = useQuery({
    queryKey: ['vol', 'dispatch', d.id, 'candidates', units],
    queryFn: () => volApi.dispatchCandidates(units),
    enabled: units.length > 0,
    retry: false,
  });
  const byCard = !!candidates.error;
  const answer = useMutation({
    mutationFn: () =>
      volApi.answerDispatch(
        d.id,
        ids.map((x) => Number(x)).filter((x) => Number.isSafeInteger(x) && x > 0),
      ),
    onSuccess: (x) => {
      qc.setQueryData(['vol', 'dispatch', d.id], x);
      void qc.invalidateQueries({ queryKey: ['vol'] });
      setIds([]);
      message.success(t('vol.dispatch.answered'));
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const named = new Set(d.people.map((p) => p.volunteerId));
  return (
    <Card title={t('vol.dispatch.answerTitle')} data-testid="dispatch-answer">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{byCard ? t('vol.dispatch.answerByCard') : t('vol.dispatch.answerHint')}</Typography.Text>
        <Select
          mode={byCard ? 'tags' : 'multiple'}
          value={ids}
          onChange={setIds}
          optionFilterProp="label"
          tokenSeparators={[',', '，', ' ']}
          placeholder={byCard ? t('vol.dispatch.cardNumbers') : t('vol.dispatch.pickPeople')}
          aria-label={byCard ? t('vol.dispatch.cardNumbers') : t('vol.dispatch.pickPeople')}
          loading={candidates.isPending && units.length > 0}
          data-testid="dispatch-people"
          options={
            byCard
              ? []
              : (candidates.data ?? []).filter((v) => !named.has(v.id)).map((v) => ({ value: v.id, label: `${v.name} · ${String(v.id).padStart(6, '0')}` }))
          }
          style={{ width: '100%' }}
        />
        <Button
          type="primary"
          icon={<SendOutlined />}
          disabled={!ids.length}
          loading={answer.isPending}
          onClick={() => answer.mutate()}
          data-testid="dispatch-answer-send"
        >
          {t('vol.dispatch.answer', { count: ids.length })}
        </Button>
      </Flex>
    </Card>
  );
}

/** A dispatch on the coordinator's screen: the roster filling live per unit as liaisons answer, and closing it with who came. */
export default function DispatchPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const { connected } = useLive();
  const { can } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [closing, setClosing] = useState(false);
  const [attended, setAttended] = useState<number[] | null>(null);
  const key = ['vol', 'dispatch', id];
  const q = useQuery({ queryKey: key, queryFn: () => volApi.dispatch(id), refetchInterval: 30000 });
  useVolunteersLive((e) => {
    if (Number(e.dispatchId) === id && typeof e.filled === 'number') {
      qc.setQueryData<DispatchView>(key, (old) => (old ? { ...old, filled: Math.max(old.filled, e.filled as number) } : old));
    }
  });
  const close = useMutation({
    mutationFn: (ids: number[]) => volApi.closeDispatch(id, ids),
    onSuccess: (d) => {
      qc.setQueryData(key, d);
      void qc.invalidateQueries({ queryKey: ['vol'] });
      setClosing(false);
      message.success(t('vol.dispatch.closed'));
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  if (q.error) return <QueryError error={q.error} backTo={{ to: '/volunteers/dispatches', label: t('vol.dispatch.title') }} />;
  if (!q.data) return <PageSpin />;
  const d = q.data;
  const pct = d.needed ? Math.round((Math.min(d.filled, d.needed) / d.needed) * 100) : 0;
  return (
    <>
      <PageHeader
        title={
          <>
            {d.title} <Tag color={DISPATCH_COLORS[d.status]}>{t(`vol.dispatchStatus.${d.status}`)}</Tag>
          </>
        }
        subtitle={`${windowText(d.startsAt, d.endsAt)} · ${d.placeLabel}`}
        extra={
          d.actions.includes('close') ? (
            <Button danger icon={<StopOutlined />} onClick={() => setClosing(true)} data-testid="dispatch-close">
              {t('vol.dispatch.close')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card style={{ height: '100%' }}>
            <Flex vertical align="center" gap={8}>
              <Badge status={connected ? 'processing' : 'default'} text={connected ? t('vol.board.live') : t('vol.board.notLive')} />
              <div
                data-testid="dispatch-count"
                data-filled={d.filled}
                data-needed={d.needed}
                aria-live="polite"
                style={{
                  fontSize: 64,
                  fontWeight: 700,
                  lineHeight: 1.1,
                  fontVariantNumeric: 'tabular-nums',
                  color: d.filled >= d.needed ? '#1a7f37' : '#0b1f3a',
                }}
              >
                {d.filled} / {d.needed}
              </div>
              <Progress aria-label={t('vol.dispatch.filled')} percent={pct} status={d.status === 'open' ? 'active' : 'success'} style={{ width: '100%' }} />
              {d.filledAt ? <Typography.Text type="secondary">{t('vol.dispatch.filledAt', { at: fmtDateTime(d.filledAt) })}</Typography.Text> : null}
              {d.note ? <Typography.Paragraph style={{ margin: 0 }}>{d.note}</Typography.Paragraph> : null}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={t('vol.dispatch.quotas')} style={{ height: '100%' }}>
            <List
              dataSource={d.quotas}
              data-testid="dispatch-quotas"
              renderItem={(u) => (
                <List.Item data-testid={`dispatch-quota-${u.employerId}`} data-filled={u.filled}>
                  <Flex vertical style={{ width: '100%' }} gap={4}>
                    <Flex justify="space-between">
                      <Typography.Text strong>{u.employerName}</Typography.Text>
                      <Typography.Text>{`${u.filled} / ${u.quota}`}</Typography.Text>
                    </Flex>
                    <Progress percent={Math.round((Math.min(u.filled, u.quota) / u.quota) * 100)} showInfo={false} size="small" aria-label={u.employerName} />
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {d.people
                        .filter((p) => p.employerId === u.employerId)
                        .map((p) => p.name)
                        .join(t('common.sep')) || '—'}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {d.actions.includes('answer') || (can('volunteers.dispatch.answer') && d.status === 'open') ? (
        <div style={{ marginTop: 16 }}>
          <Answer d={d} />
        </div>
      ) : null}
      <Modal
        open={closing}
        title={t('vol.dispatch.closeTitle')}
        onCancel={() => setClosing(false)}
        onOk={() => close.mutate(attended ?? d.people.map((p) => p.id))}
        confirmLoading={close.isPending}
      >
        <Typography.Paragraph>{t('vol.dispatch.closeHint')}</Typography.Paragraph>
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          value={attended ?? d.people.map((p) => p.id)}
          onChange={setAttended}
          aria-label={t('vol.dispatch.attended')}
          options={d.people.map((p) => ({ value: p.id, label: p.name }))}
        />
      </Modal>
    </>
  );
}
