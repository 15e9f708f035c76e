import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      subTitle={<span data-testid="not-found">{t('common.pageNotFound')}</span>}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
