import { Form, Input, Typography, type FormInstance } from 'antd';
import { parseIdNumber } from '@jiayuan/contracts';
import { useI18n } from '../../../platform/i18n/i18n';

/**
 * The ID number input. For a resident ID it runs the same checksum as the server and shows
 * the birth date and sex the number encodes, so a typo is caught before saving.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function IdNumberField({ form, existingMasked }: { form: FormInstance<any>; existingMasked: string | null }) {
  const { t } = useI18n();
  const idType = Form.useWatch('idType', form) as string | undefined;
  const value = (Form.useWatch('idNumber', form) as string | undefined) ?? '';
  const parsed = idType === 'resident_id' && value.trim() ? parseIdNumber(value) : null;
  const derived =
    parsed?.ok === true ? (
      <Typography.Text type="success" data-testid="id-derived">
        {t('residents.idDerived', { birth: parsed.value.birthDate, sex: t(`codes.sex.${parsed.value.sex}`) })}
      </Typography.Text>
    ) : existingMasked && !value ? (
      t('residents.keepMasked', { v: existingMasked })
    ) : undefined;

  return (
    <Form.Item
      name="idNumber"
      label={t('residents.idNumber')}
      style={{ flex: 1 }}
      extra={derived}
      rules={[
        {
          validator: async (_r, v: string | undefined) => {
            if (!v?.trim() || form.getFieldValue('idType') !== 'resident_id') return;
            const r = parseIdNumber(v);
            if (!r.ok) throw new Error(t(`residents.idProblem.${r.problem}`));
          },
        },
      ]}
    >
      <Input className="jy-mono" maxLength={40} data-testid="resident-form-id" />
    </Form.Item>
  );
}
