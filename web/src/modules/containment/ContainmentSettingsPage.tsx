import { App, Button, Card, Checkbox, Flex, Form, InputNumber, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContainmentSettingsView } from '@jiayuan/contracts';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { cmApi, cmKeys } from './containment.api';

const NUMBERS = [
  ['stairwell', 'cases', 100],
  ['building', 'cases', 100],
  ['compound', 'cases', 1000],
  ['windowDays', 'days', 60],
  ['releaseDays', 'days', 60],
] as const;

function CommunityRule({ s }: { s: ContainmentSettingsView }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const editable = s.actions.includes('update');
  const save = useMutation({
    mutationFn: (v: object) => cmApi.saveSettings(s.communityId, { ...v, version: s.version }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: cmKeys.settings });
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`cm-settings-${s.communityId}`}
      title={
        <>
          {s.communityName} {s.isDefault ? <Tag>{t('containment.settings.default')}</Tag> : null}
        </>
      }
    >
      <Form form={form} layout="vertical" initialValues={s} disabled={!editable} onFinish={(v) => save.mutate(v)}>
        <Flex wrap gap={16}>
          {NUMBERS.map(([key, unit, max]) => (
            <Form.Item key={key} name={key} label={t(`containment.settings.${key}`)} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
              <InputNumber min={1} max={max} precision={0} suffix={t(`containment.settings.${unit}`)} style={{ width: 130 }} />
            </Form.Item>
          ))}
        </Flex>
        <Flex wrap gap={24} align="center">
          <Form.Item name="autoConfirm" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('containment.settings.autoConfirm')}</Checkbox>
          </Form.Item>
          <Form.Item name="countSuspected" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('containment.settings.countSuspected')}</Checkbox>
          </Form.Item>
          {editable ? (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          ) : null}
        </Flex>
      </Form>
    </Card>
  );
}

/** Each community's lockdown rule: thresholds, window, release days, auto-confirm, suspected cases. */
export default function ContainmentSettingsPage() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: cmKeys.settings, queryFn: cmApi.settings });
  return (
    <>
      <PageHeader title={t('containment.settings.title')} subtitle={t('containment.settings.subtitle')} />
      {q.error ? <QueryError error={q.error} /> : null}
      {(q.data?.items ?? []).map((s) => (
        <CommunityRule key={`${s.communityId}-${s.version}`} s={s} />
      ))}
    </>
  );
}
