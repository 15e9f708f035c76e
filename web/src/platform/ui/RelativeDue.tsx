import { Typography } from 'antd';
import { spanParts } from '../time';
import { useI18n } from '../i18n/i18n';

/** "还剩 12 分钟" / "逾期 3 小时" from a due time and the current time (which the caller ticks). */
export function RelativeDue({ dueAt, now, done }: { dueAt: string; now: number; done?: boolean }) {
  const { t } = useI18n();
  if (done) return <Typography.Text type="secondary">{t('todos.doneLabel')}</Typography.Text>;
  const ms = new Date(dueAt).getTime() - now;
  const p = spanParts(ms);
  const span = p.rest ? t(`time.${p.unit}WithRest`, { count: p.count, rest: p.rest }) : t(`time.${p.unit}`, { count: p.count });
  if (ms < 0) {
    return (
      <Typography.Text type="danger" strong data-testid="due-relative">
        {t('time.overdueBy', { span })}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type={ms < 3600000 ? 'warning' : undefined} data-testid="due-relative">
      {t('time.left', { span })}
    </Typography.Text>
  );
}
