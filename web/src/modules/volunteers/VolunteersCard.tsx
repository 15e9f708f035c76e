import type { DashboardCard } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { FiguresCard } from '../../platform/ui/FiguresCard';

/** The volunteers card: needs open and overdue to take, served today, hours confirmed; the needs waiting longest. */
export function VolunteersCard({ card }: { card: DashboardCard }) {
  const { t } = useI18n();
  return (
    <FiguresCard
      card={card}
      more={{ to: '/volunteers/needs', label: t('menu.volNeeds'), testId: 'dash-vol-needs' }}
      figureLink="/volunteers/figures"
      rows={{ dateFormat: 'MM-DD HH:mm' }}
    />
  );
}

export default VolunteersCard;
