import { useState } from 'react';
import { App, Button, Card, Flex, Input, InputNumber, Space, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ObservationSettingsView, SlotSpec } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';

function CommunitySlots({ s }: { s: ObservationSettingsView }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [slots, setSlots] = useState<SlotSpec[]>(s.slots);
  const [arrivalDayCounted, setArrivalDayCounted] = useState(s.arrivalDayCounted);
  const editable = s.actions.includes('update');
  const save = useMutation({
    mutationFn: () => api.put<ObservationSettingsView>(`/observation/settings/${s.communityId}`, { slots, arrivalDayCounted, version: s.version }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['observation', 'settings'] });
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const set = (i: number, patch: Partial<SlotSpec>) => setSlots((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Card
      title={
        <>
          {s.communityName} {s.isDefault ? <Tag>{t('inbound.settings.default')}</Tag> : null}
        </>
      }
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`slots-${s.communityId}`}
    >
      {slots.map((x, i) => {
        const slot = t('observation.settings.slotN', { n: i + 1 });
        return (
          <Flex key={i} gap={8} align="center" wrap style={{ marginBottom: 12 }} data-testid={`slot-${s.communityId}-${i}`}>
            <Typography.Text style={{ minWidth: 56 }}>{slot}</Typography.Text>
            <Flex gap={4} align="center">
              <Input
                type="time"
                value={x.start}
                onChange={(e) => set(i, { start: e.target.value })}
                style={{ width: 132 }}
                disabled={!editable}
                aria-label={t('observation.settings.slotStart', { slot })}
              />
              –
              <Input
                type="time"
                value={x.end}
                onChange={(e) => set(i, { end: e.target.value })}
                style={{ width: 132 }}
                disabled={!editable}
                aria-label={t('observation.settings.slotEnd', { slot })}
              />
            </Flex>
            <Flex gap={4} align="center">
              <InputNumber
                min={0}
                max={600}
                value={x.graceMinutes}
                onChange={(v) => set(i, { graceMinutes: v ?? 0 })}
                disabled={!editable}
                addonBefore={t('observation.settings.grace')}
                addonAfter={t('observation.settings.min')}
                style={{ width: 190 }}
                aria-label={t('observation.settings.slotGrace', { slot })}
              />
              {editable && slots.length > 1 ? (
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('observation.settings.removeSlot', { slot })}
                  onClick={() => setSlots((xs) => xs.filter((_, j) => j !== i))}
                />
              ) : null}
            </Flex>
          </Flex>
        );
      })}
      <Flex gap={8} align="center" wrap style={{ marginBottom: 4 }}>
        <Switch
          checked={arrivalDayCounted}
          onChange={setArrivalDayCounted}
          disabled={!editable}
          aria-label={t('observation.settings.arrivalDayCounted')}
          data-testid={`arrival-day-${s.communityId}`}
        />
        <Typography.Text>{t('observation.settings.arrivalDayCounted')}</Typography.Text>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('observation.settings.arrivalDayHint')}
      </Typography.Paragraph>
      {editable ? (
        <Space>
          <Button
            icon={<PlusOutlined />}
            disabled={slots.length >= 4}
            onClick={() => setSlots((xs) => [...xs, { start: '20:00', end: '21:00', graceMinutes: 30 }])}
          >
            {t('observation.settings.add')}
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}

/** Each community's check slots: a window and a grace period each; new cases copy them. */
export default function ObservationSettingsPage() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['observation', 'settings'], queryFn: () => api.get<{ items: ObservationSettingsView[] }>('/observation/settings') });
  return (
    <>
      <PageHeader title={t('observation.settings.title')} subtitle={t('observation.settings.subtitle')} />
      {q.error ? <QueryError error={q.error} /> : null}
      {(q.data?.items ?? []).map((s) => (
        <CommunitySlots key={`${s.communityId}-${s.version}`} s={s} />
      ))}
    </>
  );
}
