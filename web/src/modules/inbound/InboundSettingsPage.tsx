import { App, Button, Card, InputNumber, Tag } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboundSettings } from '@jiayuan/contracts';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { inboundApi } from './inbound.api';

const FIELDS = ['routeMinutes', 'reviewMinutes', 'notifyMinutes', 'arrivalGraceDays', 'defaultObservationDays'] as const;

/** Each community's deadlines for the loop (defaults: route 15 min, review 45 min, notify 2 h, arrival + 1 day). */
export default function InboundSettingsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['inbound', 'settings'], queryFn: inboundApi.settings });
  const [edits, setEdits] = useState<Record<number, Partial<InboundSettings>>>({});
  const save = useMutation({
    mutationFn: (s: InboundSettings) =>
      inboundApi.saveSettings(s.communityId, { ...Object.fromEntries(FIELDS.map((f) => [f, edits[s.communityId]?.[f] ?? s[f]])), version: s.version }),
    onSuccess: (_r, s) => {
      message.success(t('common.saved'));
      setEdits((e) => ({ ...e, [s.communityId]: {} }));
      void qc.invalidateQueries({ queryKey: ['inbound', 'settings'] });
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  return (
    <>
      <PageHeader title={t('inbound.settings.title')} subtitle={t('inbound.settings.subtitle')} />
      <Card>
        {q.error ? <QueryError error={q.error} /> : null}
        <DataTable<InboundSettings>
          rowKey="communityId"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t('inbound.field.community'),
              render: (_, s) => (
                <>
                  {s.communityName} {s.isDefault ? <Tag>{t('inbound.settings.default')}</Tag> : null}
                </>
              ),
            },
            ...FIELDS.map((f) => ({
              title: t(`inbound.settings.${f}`),
              render: (_: unknown, s: InboundSettings) => (
                <InputNumber
                  min={f === 'arrivalGraceDays' || f === 'defaultObservationDays' ? 0 : 1}
                  value={edits[s.communityId]?.[f] ?? s[f]}
                  disabled={!s.actions.includes('update')}
                  onChange={(v) => setEdits((e) => ({ ...e, [s.communityId]: { ...e[s.communityId], [f]: v ?? s[f] } }))}
                  aria-label={`${s.communityName} · ${t(`inbound.settings.${f}`)}`}
                  data-testid={`settings-${f}-${s.communityId}`}
                />
              ),
            })),
            {
              title: t('common.actions'),
              render: (_, s) =>
                s.actions.includes('update') ? (
                  <Button
                    size="small"
                    type="primary"
                    disabled={!edits[s.communityId] || Object.keys(edits[s.communityId]!).length === 0}
                    loading={save.isPending && save.variables?.communityId === s.communityId}
                    onClick={() => save.mutate(s)}
                  >
                    {t('common.save')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
