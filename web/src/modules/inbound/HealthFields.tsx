import { Checkbox, Form, Input, InputNumber, Switch } from 'antd';
import { SYMPTOMS } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';

/** The health declaration: symptoms, temperature, contact with a case, a note. */
export function HealthFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name={['health', 'symptoms']} label={t('inbound.health.symptoms')} initialValue={[]}>
        <Checkbox.Group options={SYMPTOMS.map((s) => ({ value: s, label: t(`observation.symptom.${s}`) }))} />
      </Form.Item>
      <Form.Item name={['health', 'temperature']} label={t('inbound.health.temperature')}>
        <InputNumber min={34} max={43} step={0.1} addonAfter="°C" />
      </Form.Item>
      <Form.Item name={['health', 'contactWithCase']} label={t('inbound.health.contact')} valuePropName="checked" initialValue={false}>
        <Switch />
      </Form.Item>
      <Form.Item name={['health', 'note']} label={t('inbound.field.note')}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}
