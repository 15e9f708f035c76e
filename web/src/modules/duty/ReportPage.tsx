import { App, Button, Card, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { MemberReport } from '@jiayuan/contracts';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { DutyShell } from './DutyShell';
import { ROLES, dutyApi } from './duty.api';

/** Reporting in (党员报到) on the phone: to the community I live in, with my party organisation, roles, skills and when I can serve. */
export default function ReportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<MemberReport>();
  const my = useQuery({ queryKey: ['duty', 'my'], queryFn: dutyApi.my });
  const m = my.data?.member;
  const send = useMutation({
    mutationFn: (v: MemberReport) => dutyApi.report({ ...v, skills: v.skills ?? [], roles: v.roles ?? [] }),
    onSuccess: () => {
      message.success(t('duty.report.sent'));
      void qc.invalidateQueries({ queryKey: ['duty'] });
      void navigate('/resident/duty');
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang)) message.error(errorText(e, lang));
    },
  });
  return (
    <DutyShell title={t('duty.report.title')} back="/resident/duty" testId="duty-report-page">
      <Card loading={my.isPending}>
        <Typography.Paragraph type="secondary">{t('duty.report.hint')}</Typography.Paragraph>
        {my.data ? (
          <Form
            form={form}
            layout="vertical"
            size="large"
            onFinish={(v) => send.mutate(v)}
            initialValues={{
              partyOrganisation: m?.partyOrganisation ?? '',
              roles: m?.roles ?? [],
              skills: m?.skills ?? [],
              availability: m?.availability ?? '',
            }}
          >
            <Form.Item name="partyOrganisation" label={t('duty.report.partyOrganisation')} rules={[{ max: 80 }]}>
              <Input placeholder={t('duty.report.partyOrganisationPh')} data-testid="report-party-org" />
            </Form.Item>
            <Form.Item
              name="roles"
              label={t('duty.report.roles')}
              rules={[{ validator: (_, v?: string[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('duty.report.rolesRequired')))) }]}
            >
              <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }} data-testid="report-roles">
                {ROLES.map((r) => (
                  <Checkbox key={r} value={r} style={{ fontSize: 16 }} data-testid={`report-role-${r}`}>
                    {t(`duty.role.${r}`)}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
            <Form.Item name="skills" label={t('duty.report.skills')} extra={t('duty.report.skillsHint')}>
              <Select mode="tags" maxCount={10} tokenSeparators={[',', '，', '、']} data-testid="report-skills" />
            </Form.Item>
            <Form.Item name="availability" label={t('duty.report.availability')} rules={[{ max: 200 }]}>
              <Input.TextArea rows={2} placeholder={t('duty.report.availabilityPh')} data-testid="report-availability" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={send.isPending} data-testid="report-submit">
              {m ? t('duty.report.update') : t('duty.report.submit')}
            </Button>
          </Form>
        ) : null}
      </Card>
    </DutyShell>
  );
}
