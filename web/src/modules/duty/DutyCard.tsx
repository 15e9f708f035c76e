import type { DashboardCard } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { FiguresCard } from '../../platform/ui/FiguresCard';

/** The duty card: open call-ups, shifts unfilled in the next 24 hours, members on duty now; the call-ups filling. */
export function DutyCard({ card }: { card: DashboardCard }) {
  const { t } = useI18n();
  return (
    <FiguresCard
      card={card}
      more={{ to: '/duty/call-ups', label: t('menu.dutyCallUps'), testId: 'dash-duty-call-ups' }}
      figureLink="/duty/posts"
      rows={{ dateFormat: 'MM-DD HH:mm' }}
    />
  );
}

export default DutyCard;
