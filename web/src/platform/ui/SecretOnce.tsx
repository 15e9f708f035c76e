import { Alert, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';

/** A password or token shown once, with a copy button and a warning that it will not be shown again. */
export function SecretOnce({ value, testId }: { value: string; testId: string }) {
  const { t } = useI18n();
  return (
    <div>
      <Alert type="warning" showIcon title={t('common.shownOnce')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: value, tooltips: [t('common.copy'), t('common.copied')] }} code style={{ fontSize: 18 }} data-testid={testId}>
        {value}
      </Typography.Paragraph>
    </div>
  );
}
