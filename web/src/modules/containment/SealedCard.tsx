import { Badge, Card, Col, List, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { DashboardCard } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { local } from '../../platform/time';
import { SEAL_COLORS } from './containment.api';

const TONES: Record<string, string | undefined> = { good: '#1a7f37', warning: '#d48806', danger: '#cf1322', normal: undefined };

/** The sealed-places card: the figures, then each place in force with its days to release, and the way to the map. */
export function SealedCard({ card }: { card: DashboardCard }) {
  const { t, pick } = useI18n();
  return (
    <Card
      title={pick(card.title)}
      data-testid={`dash-card-${card.key}`}
      style={{ height: '100%' }}
      extra={
        <Link to="/containment/map" data-testid="dash-sealed-map">
          {t('menu.containmentMap')}
        </Link>
      }
    >
      <Row gutter={[16, 16]}>
        {card.figures.map((f) => (
          <Col key={f.key} xs={12} md={8} data-testid={`dash-figure-${card.key}-${f.key}`} data-value={f.value ?? ''}>
            <Link to={f.link ?? '/containment/map'} style={{ color: 'inherit' }}>
              <Statistic title={pick(f.label)} value={f.value ?? '—'} styles={{ content: { color: TONES[f.tone] } }} />
            </Link>
          </Col>
        ))}
      </Row>
      {card.rows.length ? (
        <List
          size="small"
          style={{ marginTop: 12 }}
          dataSource={card.rows}
          renderItem={(r) => (
            <List.Item>
              <span>
                <Badge color={SEAL_COLORS.active} /> {r.link ? <Link to={r.link}>{r.label}</Link> : r.label}
              </span>
              <Typography.Text type={r.tone === 'warning' ? 'warning' : 'secondary'}>
                {r.detail ? pick(r.detail) : ''}
                {r.at ? ` · ${local(r.at).format('YYYY-MM-DD')}` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}

export default SealedCard;
