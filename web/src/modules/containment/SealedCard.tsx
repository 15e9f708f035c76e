import { Badge } from 'antd';
import type { DashboardCard } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { FiguresCard } from '../../platform/ui/FiguresCard';
import { SEAL_COLORS } from './containment.api';

/** The sealed-places card: the figures, then each place in force with its days to release, and the way to the map. */
export function SealedCard({ card }: { card: DashboardCard }) {
  const { t } = useI18n();
  return (
    <FiguresCard
      card={card}
      more={{ to: '/containment/map', label: t('menu.containmentMap'), testId: 'dash-sealed-map' }}
      figureLink="/containment/map"
      rows={{ mark: <Badge color={SEAL_COLORS.active} />, dateFormat: 'YYYY-MM-DD' }}
    />
  );
}

export default SealedCard;
