import { Alert, Button, Result } from 'antd';
import { ApiError, errorText } from '../api/problem';
import { useI18n } from '../i18n/i18n';

/** What a page shows when its data could not be loaded: not found, forbidden, or the message. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={t('common.notFoundTitle')} subTitle={<span data-testid="not-found">{t('common.notFound')}</span>} />;
  }
  if (error instanceof ApiError && error.status === 403) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={errorText(error, lang)} />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error, lang)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
