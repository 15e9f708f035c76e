import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      // The page's heading, as on every other page (an h1 in antd's Result title style).
      title={<h1 style={{ margin: 0, font: 'inherit', color: 'inherit' }}>{t('common.notFoundTitle')}</h1>}
      subTitle={<span data-testid="not-found">{t('common.pageNotFound')}</span>}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
