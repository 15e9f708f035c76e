import { App, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { ROLES, dutyApi, type DutyRole, type MemberView } from './duty.api';
import { ResidentSelect } from './pickers';

interface Values {
  residentId: number;
  partyOrganisation?: string;
  roles: DutyRole[];
  skills: string[];
  availability?: string;
}

/** Staff report a party member in on their behalf (no phone, or not signed in): recorded as registered by staff, audited; the community then confirms. */
export function RegisterMemberModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone?: (m: MemberView) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      dutyApi.registerMember({
        residentId: v.residentId,
        partyOrganisation: v.partyOrganisation?.trim() || null,
        roles: v.roles ?? [],
        skills: (v.skills ?? []).map((s) => s.trim()).filter(Boolean),
        availability: v.availability?.trim() || null,
      }),
    onSuccess: (m) => {
      message.success(t('duty.staff.registered', { name: m.name }));
      void qc.invalidateQueries({ queryKey: ['duty'] });
      form.resetFields();
      onDone?.(m);
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang, { 'code:DUTY_ALREADY_REPORTED': 'residentId', 'code:DUTY_RESIDENT_UNPLACED': 'residentId' }))
        message.error(errorText(e, lang));
    },
  });
  return (
    <Modal
      open={open}
      title={t('duty.staff.registerTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('duty.staff.register')}
      okButtonProps={{ 'data-testid': 'register-save' } as never}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ roles: [], skills: [] }}>
        <Form.Item name="residentId" label={t('duty.staff.resident')} rules={[{ required: true }]} extra={t('duty.staff.registerHint')}>
          <ResidentSelect testId="register-resident" />
        </Form.Item>
        <Form.Item name="partyOrganisation" label={t('duty.staff.partyOrganisation')} rules={[{ max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="roles" label={t('duty.staff.roles')}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`duty.role.${r}`) }))} data-testid="register-roles" />
        </Form.Item>
        <Form.Item name="skills" label={t('duty.staff.skills')}>
          <Select mode="tags" maxCount={10} open={false} placeholder={t('duty.staff.skillsPh')} />
        </Form.Item>
        <Form.Item name="availability" label={t('duty.staff.availability')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
