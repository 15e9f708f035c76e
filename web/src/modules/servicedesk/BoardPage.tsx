import { useState } from 'react';
import { Badge, Button, Card, Col, Empty, Row, Statistic } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined, InboxOutlined, PhoneOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { BoardView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { useNow } from '../../platform/ui/hooks';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { IntakeDrawer } from './IntakeDrawer';
import { OrderLine } from './OrderBits';
import { SD, useServicedeskLive } from './servicedesk.api';

type Column = 'new' | 'unassigned' | 'dueSoon' | 'overdue';
const COLUMNS: { key: Column; color: string; icon: React.ReactNode }[] = [
  { key: 'new', color: '#1668dc', icon: <InboxOutlined /> },
  { key: 'unassigned', color: '#7c3aed', icon: <UserSwitchOutlined /> },
  { key: 'dueSoon', color: '#d48806', icon: <ClockCircleOutlined /> },
  { key: 'overdue', color: '#cf1322', icon: <ExclamationCircleOutlined /> },
];

/** The hotline desk's board: four live columns and the fast intake form. */
export default function BoardPage() {
  const { t } = useI18n();
  const { can } = useMe();
  const now = useNow(15000);
  const [intake, setIntake] = useState(false);
  const q = useQuery({ queryKey: ['sd', 'board'], queryFn: () => api.get<BoardView>(`${SD}/board`), refetchInterval: 60000 });
  useServicedeskLive([['sd', 'board']]);
  const b = q.data;
  return (
    <>
      <PageHeader
        title={
          <>
            {t('sd.board.title')} <Badge status="processing" text={t('sd.board.live')} style={{ marginInlineStart: 8, fontWeight: 400, fontSize: 13 }} />
          </>
        }
        subtitle={t('sd.board.subtitle')}
        extra={
          can('servicedesk.intake') ? (
            <Button type="primary" icon={<PhoneOutlined />} onClick={() => setIntake(true)} data-testid="new-call">
              {t('sd.board.newCall')}
            </Button>
          ) : null
        }
      />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        {COLUMNS.map((c) => (
          <Col xs={24} md={12} xl={6} key={c.key}>
            <Card
              style={{ borderTop: `3px solid ${c.color}`, height: '100%' }}
              styles={{ body: { paddingTop: 12 } }}
              loading={q.isPending}
              data-testid={`board-${c.key}`}
            >
              <Statistic title={t(`sd.board.${c.key}`)} value={b?.counts[c.key] ?? 0} prefix={c.icon} styles={{ content: { color: c.color } }} />
              <div style={{ marginTop: 8, maxHeight: 560, overflow: 'auto' }}>
                {b && b[c.key].length ? (
                  b[c.key].map((o) => <OrderLine key={o.id} o={o} now={now} />)
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sd.board.empty')} />
                )}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <IntakeDrawer open={intake} onClose={() => setIntake(false)} />
    </>
  );
}
