import { App, Button, Card, Col, Form, InputNumber, Row, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { dutyApi, type DutySettings } from './duty.api';

type Values = Pick<DutySettings, 'maxHoursIn24' | 'cancelNoticeHours' | 'checkInEarlyMinutes' | 'noShowAfterMinutes'>;

const FIELDS: { name: keyof Values; min: number; max: number; unit: 'h' | 'min' }[] = [
  { name: 'maxHoursIn24', min: 1, max: 24, unit: 'h' },
  { name: 'cancelNoticeHours', min: 0, max: 72, unit: 'h' },
  { name: 'checkInEarlyMinutes', min: 0, max: 240, unit: 'min' },
  { name: 'noShowAfterMinutes', min: 5, max: 480, unit: 'min' },
];

function CommunityRules({ s }: { s: DutySettings }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editable = s.actions.includes('update');
  const save = useMutation({
    mutationFn: (v: Values) => dutyApi.saveSettings(s.communityId, { ...v, version: s.version }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['duty', 'settings'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang)) message.error(errorText(e, lang));
    },
  });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`duty-settings-${s.communityId}`}
      title={
        <>
          {s.communityName} {s.isDefault ? <Tag>{t('duty.settings.default')}</Tag> : null}
        </>
      }
    >
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          maxHoursIn24: s.maxHoursIn24,
          cancelNoticeHours: s.cancelNoticeHours,
          checkInEarlyMinutes: s.checkInEarlyMinutes,
          noShowAfterMinutes: s.noShowAfterMinutes,
        }}
      >
        <Row gutter={12}>
          {FIELDS.map((f) => (
            <Col key={f.name} xs={24} sm={12} lg={6}>
              <Form.Item name={f.name} label={t(`duty.settings.${f.name}`)} extra={t(`duty.settings.${f.name}Hint`)} rules={[{ required: true }]}>
                <InputNumber min={f.min} max={f.max} style={{ width: '100%' }} suffix={t(`duty.settings.unit.${f.unit}`)} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {editable ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid={`duty-settings-save-${s.communityId}`}>
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}

/** Each community's duty rules: the rest rule, the cancellation notice, the check-in window, when a held place is a no-show. */
export default function SettingsPage() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['duty', 'settings'], queryFn: dutyApi.settings });
  return (
    <>
      <PageHeader title={t('duty.settings.title')} subtitle={t('duty.settings.subtitle')} />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {(q.data?.items ?? []).map((s) => (
        <CommunityRules key={`${s.communityId}-${s.version}`} s={s} />
      ))}
    </>
  );
}
