import type { ReactNode } from 'react';
import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { DashboardCard } from '@jiayuan/contracts';
import { useI18n } from '../i18n/i18n';
import { fmtDateTime, local } from '../time';

const TONES: Record<string, string | undefined> = { good: '#1a7f37', warning: '#d48806', danger: '#cf1322', normal: undefined };

export interface FiguresCardProps {
  card: DashboardCard;
  /** A link in the card's corner to the module's own page. */
  more?: { to: string; label: string; testId: string };
  /** Where a figure without its own link leads. */
  figureLink?: string;
  /**
   * A module's rows: each with a mark before it and its detail and date (in this dayjs format) on the right. Without
   * it, the dashboard's default: the rows under "overdue", the detail beside the label and the time on the right.
   */
  rows?: { mark?: ReactNode; dateFormat: string };
}

/** A dashboard card: a row of figures (each leading to its list), then the rows, if any. Modules' cards are this with their options. */
export function FiguresCard({ card, more, figureLink, rows }: FiguresCardProps) {
  const { t, pick } = useI18n();
  return (
    <Card
      title={pick(card.title)}
      data-testid={`dash-card-${card.key}`}
      style={{ height: '100%' }}
      extra={
        more ? (
          <Link to={more.to} data-testid={more.testId}>
            {more.label}
          </Link>
        ) : undefined
      }
    >
      <Row gutter={[16, 16]}>
        {card.figures.map((f) => {
          const value = f.value === null ? '—' : f.value;
          const suffix = f.value === null ? undefined : f.unit === 'minutes' ? t('dashboard.minutes') : f.unit === 'percent' ? '%' : undefined;
          const stat = <Statistic title={pick(f.label)} value={value} suffix={suffix} styles={{ content: { color: TONES[f.tone] } }} />;
          const link = f.link ?? figureLink;
          return (
            <Col key={f.key} xs={12} md={8} xl={card.figures.length > 6 ? 6 : 8} data-testid={`dash-figure-${card.key}-${f.key}`} data-value={f.value ?? ''}>
              {link ? (
                <Link to={link} style={{ color: 'inherit' }}>
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
          header={rows ? undefined : <Typography.Text strong>{t('dashboard.attention')}</Typography.Text>}
          dataSource={card.rows}
          renderItem={(r) => {
            const label = r.link ? <Link to={r.link}>{r.label}</Link> : r.label;
            return rows ? (
              <List.Item>
                <span>
                  {rows.mark ? <>{rows.mark} </> : null}
                  {label}
                </span>
                <Typography.Text type={r.tone === 'danger' ? 'danger' : r.tone === 'warning' ? 'warning' : 'secondary'}>
                  {r.detail ? pick(r.detail) : ''}
                  {r.at ? ` · ${local(r.at).format(rows.dateFormat)}` : ''}
                </Typography.Text>
              </List.Item>
            ) : (
              <List.Item>
                <span>
                  {label} {r.detail ? <Typography.Text type="secondary">{pick(r.detail)}</Typography.Text> : null}
                </span>
                {r.at ? <Typography.Text type={r.tone === 'danger' ? 'danger' : 'secondary'}>{fmtDateTime(r.at)}</Typography.Text> : null}
              </List.Item>
            );
          }}
        />
      ) : null}
    </Card>
  );
}
