import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { DashboardCard } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';

const TONES: Record<string, string | undefined> = { good: '#1a7f37', warning: '#d48806', danger: '#cf1322', normal: undefined };

/** The default card: a row of figures (each leading to its list), then the rows, if any. */
export function FiguresCard({ card }: { card: DashboardCard }) {
  const { t, pick } = useI18n();
  return (
    <Card title={pick(card.title)} data-testid={`dash-card-${card.key}`} style={{ height: '100%' }}>
      <Row gutter={[16, 16]}>
        {card.figures.map((f) => {
          const value = f.value === null ? '—' : f.value;
          const suffix = f.value === null ? undefined : f.unit === 'minutes' ? t('dashboard.minutes') : f.unit === 'percent' ? '%' : undefined;
          const stat = <Statistic title={pick(f.label)} value={value} suffix={suffix} styles={{ content: { color: TONES[f.tone] } }} />;
          return (
            <Col key={f.key} xs={12} md={8} xl={card.figures.length > 6 ? 6 : 8} data-testid={`dash-figure-${card.key}-${f.key}`} data-value={f.value ?? ''}>
              {f.link ? (
                <Link to={f.link} style={{ color: 'inherit' }}>
                  {stat}
                </Link>
              ) : (
                stat
              )}
            </Col>
          );
        })}
      </Row>
      {card.rows.length ? (
        <List
          size="small"
          style={{ marginTop: 12 }}
          header={<Typography.Text strong>{t('dashboard.attention')}</Typography.Text>}
          dataSource={card.rows}
          renderItem={(r) => (
            <List.Item>
              <span>
                {r.link ? <Link to={r.link}>{r.label}</Link> : r.label} {r.detail ? <Typography.Text type="secondary">{pick(r.detail)}</Typography.Text> : null}
              </span>
              {r.at ? <Typography.Text type={r.tone === 'danger' ? 'danger' : 'secondary'}>{fmtDateTime(r.at)}</Typography.Text> : null}
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
