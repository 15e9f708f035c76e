import { Button } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';

/** A resident's home-page tile: the way to their passes. */
export default function ResidentPassesTile() {
  const { t } = useI18n();
  return (
    <Link to="/resident/passes" data-testid="resident-passes">
      <Button block size="large" type="primary" style={{ height: 56, fontSize: 18 }}>
        {t('access.my.title')}
      </Button>
    </Link>
  );
}
