import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { DashboardCard } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { local } from '../../platform/time';

const TONES: Record<string, string | undefined> = { good: '#1a7f37', warning: '#d48806', danger: '#cf1322', normal: undefined };

/** The duty card: open call-ups, shifts unfilled in the next 24 hours, members on duty now; the call-ups filling. */
export function DutyCard({ card }: { card: DashboardCard }) {
  const { t, pick } = useI18n();
  return (
    <Card
      title={pick(card.title)}
      data-testid={`dash-card-${card.key}`}
      style={{ height: '100%' }}
      extra={
        <Link to="/duty/call-ups" data-testid="dash-duty-call-ups">
          {t('menu.dutyCallUps')}
        </Link>
      }
    >
      <Row gutter={[16, 16]}>
        {card.figures.map((f) => (
          <Col key={f.key} xs={12} md={8} data-testid={`dash-figure-${card.key}-${f.key}`} data-value={f.value ?? ''}>
            <Link to={f.link ?? '/duty/posts'} style={{ color: 'inherit' }}>
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
              <span>{r.link ? <Link to={r.link}>{r.label}</Link> : r.label}</span>
              <Typography.Text type={r.tone === 'normal' ? 'secondary' : r.tone === 'danger' ? 'danger' : 'warning'}>
                {r.detail ? pick(r.detail) : ''}
                {r.at ? ` · ${local(r.at).format('MM-DD HH:mm')}` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}

export default DutyCard;
