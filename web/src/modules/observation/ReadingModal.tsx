import { App, Checkbox, Form, InputNumber, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SYMPTOMS, type ObservationCaseDetail } from '@jiayuan/contracts';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { obsApi, obsKeys } from './observation.api';

/** Records a reading for the person under observation or a household member on the case. */
export function ReadingModal({ c, open, onClose }: { c: ObservationCaseDetail; open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { residentId: number; temperature: number | null; symptoms: string[] }) => obsApi.reading(c.id, v),
    onSuccess: (r) => {
      if (r.alert) message.warning(t('observation.alertRaised'));
      else message.success(t('observation.readingSaved'));
      void qc.invalidateQueries({ queryKey: obsKeys.all });
      onClose();
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const people = c.members.filter((m) => m.checked);
  return (
    <Modal
      open={open}
      title={t('observation.recordReading')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'reading-save' } as never}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ residentId: c.residentId, symptoms: [] }}
        onFinish={(v) => save.mutate({ ...v, temperature: v.temperature ?? null })}
      >
        <Form.Item name="residentId" label={t('observation.person')}>
          <Select options={people.map((m) => ({ value: m.residentId, label: m.name }))} />
        </Form.Item>
        <Form.Item name="temperature" label={t('observation.temperature')}>
          <InputNumber min={34} max={43} step={0.1} addonAfter="°C" autoFocus data-testid="reading-temperature" />
        </Form.Item>
        <Form.Item name="symptoms" label={t('observation.symptoms')}>
          <Checkbox.Group options={SYMPTOMS.map((s) => ({ value: s, label: t(`observation.symptom.${s}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
