import { Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { useI18n } from '../../platform/i18n/i18n';
import { hm, type AwardView } from './volunteers.api';

type T = (k: string, o?: Record<string, unknown>) => string;
export const metricValue = (metric: string, v: number, t: T) => (metric === 'minutes' ? hm(v, t) : metric === 'averageRating' ? v.toFixed(1) : String(v));

/** Why a person qualified: each criterion with their figure. */
export function AwardReason({ a }: { a: AwardView }) {
  const { t } = useI18n();
  return (
    <Typography.Text>
      {a.reason
        .map((r) => t(`vol.award.reason_${r.metric}`, { value: metricValue(r.metric, r.value, t), atLeast: metricValue(r.metric, r.atLeast, t) }))
        .join(t('common.sep'))}
    </Typography.Text>
  );
}

/** A printable certificate (荣誉证书). */
export function Certificate({ a }: { a: AwardView }) {
  const { t } = useI18n();
  return (
    <div style={{ border: '6px double #cf1322', padding: 32, textAlign: 'center', background: '#fffdf5' }} data-testid="award-certificate">
      <TrophyOutlined style={{ fontSize: 40, color: '#d48806' }} />
      <Typography.Title level={2} style={{ color: '#cf1322', margin: '8px 0' }}>
        {t('vol.award.certificate')}
      </Typography.Title>
      <Typography.Paragraph style={{ fontSize: 18 }}>
        {t('vol.award.certText', { name: a.volunteerName, from: a.periodFrom, to: a.periodTo, award: a.ruleName })}
      </Typography.Paragraph>
      <AwardReason a={a} />
    </div>
  );
}
