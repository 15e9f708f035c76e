import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, InputNumber, List, Modal, Rate, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { NeedCard, NeedSteps, windowMinutes } from './NeedBits';
import { VolShell } from './VolShell';
import { hm, useVolunteersLive, volApi, type NeedAction, type NeedView } from './volunteers.api';

/** The actions a person does on the phone, in the order they come; the server's `actions` says which apply. */
const PHONE_ACTIONS: readonly NeedAction[] = ['take', 'done', 'confirm', 'rate', 'handOver', 'cancel'];
/** Those asked for at once; the others open a dialog (minutes, a rating, a reason). */
const DIRECT: readonly NeedAction[] = ['take', 'confirm'];

/** One need on the phone, for who published it (follow, confirm, rate, cancel) and who took it (mark done with minutes and a note, hand back, rate). */
export default function NeedPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<NeedAction | null>(null);
  const [note, setNote] = useState('');
  const [stars, setStars] = useState(5);
  const [minutes, setMinutes] = useState<number | null>(null);
  const key = ['vol', 'need', id];
  const q = useQuery({ queryKey: key, queryFn: () => volApi.need(id), refetchInterval: 30000 });
  useVolunteersLive();
  const act = useMutation({
    mutationFn: ({ n, action }: { n: NeedView; action: NeedAction }) => {
      const text = note.trim() || null;
      if (action === 'take') return volApi.take(n);
      if (action === 'confirm') return volApi.confirm(n);
      if (action === 'done') return volApi.done(n, { minutes: minutes ?? windowMinutes(n), note: text });
      if (action === 'rate') return volApi.rate(n, { rating: stars, comment: text });
      if (action === 'handOver') return volApi.handOver(n, text);
      return volApi.cancel(n, text ?? '');
    },
    onSuccess: (n, { action }) => {
      qc.setQueryData(key, n);
      void qc.invalidateQueries({ queryKey: ['vol'] });
      setAsking(null);
      setNote('');
      message.success(t(`vol.needAct.${action}Done`));
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  if (q.error) return <QueryError error={q.error} backTo={{ to: '/resident/volunteers', label: t('vol.home.title') }} />;
  if (!q.data) return <PageSpin />;
  const n = q.data;
  const buttons = PHONE_ACTIONS.filter((a) => n.actions.includes(a));
  const confirmedMinutes = n.takerList.reduce((s, x) => s + (n.status === 'confirmed' ? (x.minutes ?? 0) : 0), 0);
  return (
    <VolShell title={t('vol.need.page')} back="/resident/volunteers" testId="vol-need">
      <NeedCard n={n}>
        {n.notes ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{n.notes}</Typography.Paragraph> : null}
        <Typography.Text type="secondary">{t('vol.need.by', { name: n.residentName, at: fmtDateTime(n.createdAt) })}</Typography.Text>
        {n.status === 'confirmed' ? (
          <Typography.Text strong data-testid="need-minutes" data-minutes={confirmedMinutes}>
            {t('vol.need.credited', { hours: hm(confirmedMinutes, t) })}
          </Typography.Text>
        ) : null}
        {n.cancelReason ? <Typography.Text type="secondary">{t('vol.need.cancelReason', { reason: n.cancelReason })}</Typography.Text> : null}
      </NeedCard>
      <Card>
        <NeedSteps n={n} />
        {n.takerList.length ? (
          <List
            size="small"
            header={<Typography.Text strong>{t('vol.need.takers')}</Typography.Text>}
            dataSource={n.takerList}
            data-testid="need-takers"
            renderItem={(x) => (
              <List.Item extra={<Typography.Text type="secondary">{t(`vol.takerStatus.${x.status}`)}</Typography.Text>}>
                <Flex vertical>
                  <span>
                    {x.name}
                    {x.minutes != null ? ` · ${hm(x.minutes, t)}` : ''}
                  </span>
                  {x.doneNote ? <Typography.Text type="secondary">{x.doneNote}</Typography.Text> : null}
                  {x.ratingByResident != null ? <Rate disabled value={x.ratingByResident} style={{ fontSize: 14 }} /> : null}
                </Flex>
              </List.Item>
            )}
          />
        ) : null}
      </Card>
      {n.status === 'open' && !n.actions.includes('take') ? <Alert type="info" showIcon message={t('vol.need.waiting')} /> : null}
      {n.status === 'done' && n.actions.includes('confirm') ? <Alert type="success" showIcon message={t('vol.need.confirmHint')} /> : null}
      <Flex vertical gap={8}>
        {buttons.map((a) => (
          <Button
            key={a}
            size="large"
            block
            style={{ height: 52 }}
            type={a === 'cancel' || a === 'handOver' ? 'default' : 'primary'}
            danger={a === 'cancel'}
            loading={act.isPending && act.variables?.action === a}
            onClick={() => {
              if (DIRECT.includes(a)) return act.mutate({ n, action: a });
              if (a === 'done') setMinutes(windowMinutes(n));
              setAsking(a);
            }}
            data-testid={`need-${a}`}
          >
            {t(`vol.needAct.${a}`)}
          </Button>
        ))}
      </Flex>
      <Modal
        open={!!asking}
        title={asking ? t(`vol.needAct.${asking}`) : ''}
        onCancel={() => setAsking(null)}
        onOk={() => asking && act.mutate({ n, action: asking })}
        okText={asking ? t(`vol.needAct.${asking}`) : ''}
        okButtonProps={{ danger: asking === 'cancel', disabled: asking === 'cancel' && note.trim().length < 2, ...({ 'data-testid': 'need-ok' } as object) }}
        confirmLoading={act.isPending}
      >
        <Flex vertical gap={8}>
          {asking === 'rate' ? (
            <>
              <Typography.Text>{t('vol.need.rateHint')}</Typography.Text>
              <Rate value={stars} onChange={setStars} style={{ fontSize: 32 }} aria-label={t('vol.need.rating')} data-testid="need-stars" />
            </>
          ) : null}
          {asking === 'done' ? (
            <label>
              <Typography.Text>{t('vol.need.minutesServed')}</Typography.Text>
              <InputNumber
                min={1}
                max={windowMinutes(n)}
                step={15}
                value={minutes}
                onChange={(v) => setMinutes(v)}
                addonAfter={t('vol.minUnit')}
                style={{ width: '100%' }}
                data-testid="need-done-minutes"
              />
            </label>
          ) : null}
          {asking ? (
            <Input.TextArea
              rows={3}
              maxLength={200}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t(`vol.needAct.${asking}Ph`)}
              aria-label={t(`vol.needAct.${asking}Ph`)}
              data-testid="need-note"
            />
          ) : null}
        </Flex>
      </Modal>
    </VolShell>
  );
}
