import { lazy, Suspense } from 'react';
import { Alert, Button, Flex } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError, errorText } from '../api/problem';
import { useI18n } from '../i18n/i18n';

const DeadEnd = lazy(() => import('./DeadEnd'));

/**
 * What a page shows when its data could not be loaded: not found, forbidden, or the message. A
 * record that is not there (or not the user's) is a dead end, so it always offers a way back.
 */
export function QueryError({ error, onRetry, backTo }: { error: unknown; onRetry?: () => void; backTo?: { to: string; label: string } }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const ways = (
    <Flex gap={8} justify="center" wrap>
      {backTo ? (
        <Button type="primary" onClick={() => void navigate(backTo.to)} data-testid="not-found-back">
          {backTo.label}
        </Button>
      ) : (
        <Button type="primary" onClick={() => (window.history.length > 1 ? void navigate(-1) : void navigate('/'))} data-testid="not-found-back">
          {t('common.back')}
        </Button>
      )}
      <Button onClick={() => void navigate('/')} data-testid="not-found-home">
        {t('common.backHome')}
      </Button>
    </Flex>
  );
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Suspense fallback={null}>
        <DeadEnd status="404" title={t('common.notFoundTitle')} subTitle={<span data-testid="not-found">{t('common.notFound')}</span>} extra={ways} />
      </Suspense>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return (
      <Suspense fallback={null}>
        <DeadEnd status="403" title={t('common.forbiddenTitle')} subTitle={errorText(error, lang)} extra={ways} />
      </Suspense>
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error, lang)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
