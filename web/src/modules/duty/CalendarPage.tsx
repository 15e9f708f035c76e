import { useMemo } from 'react';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../platform/i18n/i18n';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { dayjs, local, todayLocal, TZ } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { dutyApi, useDutyLive, type ShiftView } from './duty.api';

const WEEK_CSS =
  '.jy-duty-week{display:grid;grid-template-columns:repeat(7,minmax(0,1fr));gap:8px}@media (max-width:1000px){.jy-duty-week{grid-template-columns:1fr}}';

/** Monday of the week a date falls in. */
const mondayOf = (d: dayjs.Dayjs) => d.subtract((d.day() + 6) % 7, 'day').startOf('day');

/** The shift calendar: a week of shifts, a column a day (a list a day on the phone), each with its places taken. */
export default function CalendarPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const communityId = Number(params.get('communityId')) || undefined;
  const start = mondayOf(params.get('week') ? dayjs.tz(params.get('week')!, TZ) : todayLocal());
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const q = useQuery({
    queryKey: ['duty', 'shifts', 'week', communityId, start.format('YYYY-MM-DD')],
    queryFn: () => dutyApi.shifts({ communityId, from: start.toISOString(), to: start.add(7, 'day').toISOString(), pageSize: 1000 }),
    placeholderData: keepPreviousData,
  });
  useDutyLive();
  const days = useMemo(() => {
    const list = Array.from({ length: 7 }, (_, i) => ({ date: start.add(i, 'day'), shifts: [] as ShiftView[] }));
    for (const s of q.data?.items ?? []) {
      const i = local(s.startsAt).startOf('day').diff(start, 'day');
      if (i >= 0 && i < 7) list[i]!.shifts.push(s);
    }
    return list;
  }, [q.data, start]);
  const today = todayLocal().format('YYYY-MM-DD');
  return (
    <>
      <PageHeader
        title={t('duty.calendar.title')}
        subtitle={t('duty.calendar.subtitle')}
        extra={
          <Flex gap={8} align="center" wrap>
            <PlaceSelect
              type="community"
              initialLabel={q.data?.items.find((s) => s.communityId === communityId)?.communityName}
              value={communityId ?? null}
              onChange={(id) => set('communityId', id ? String(id) : null)}
              placeholder={t('duty.filter.community')}
            />
            <Button icon={<LeftOutlined />} aria-label={t('duty.calendar.prev')} onClick={() => set('week', start.subtract(7, 'day').format('YYYY-MM-DD'))} />
            <Typography.Text strong>
              {start.format('MM-DD')} – {start.add(6, 'day').format('MM-DD')}
            </Typography.Text>
            <Button icon={<RightOutlined />} aria-label={t('duty.calendar.next')} onClick={() => set('week', start.add(7, 'day').format('YYYY-MM-DD'))} />
            <Button onClick={() => set('week', null)}>{t('duty.calendar.thisWeek')}</Button>
          </Flex>
        }
      />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <style>{WEEK_CSS}</style>
      <div className="jy-duty-week" data-testid="duty-week">
        {days.map((d) => {
          const isToday = d.date.format('YYYY-MM-DD') === today;
          return (
            <Card
              key={d.date.valueOf()}
              size="small"
              loading={q.isPending}
              title={
                <span style={{ color: isToday ? '#1668dc' : undefined }}>
                  {d.date.format('dd MM-DD')}
                  {isToday ? ` · ${t('duty.calendar.today')}` : ''}
                </span>
              }
              styles={{ body: { padding: 8 } }}
            >
              {d.shifts.length ? (
                <Flex vertical gap={6}>
                  {d.shifts.map((s) => {
                    const open = s.headcount - s.filled;
                    return (
                      <Link
                        key={s.id}
                        to={`/duty/shifts/${s.id}`}
                        data-testid={`cal-shift-${s.id}`}
                        style={{
                          display: 'block',
                          color: 'inherit',
                          borderLeft: `3px solid ${open > 0 ? '#cf1322' : '#1a7f37'}`,
                          padding: '2px 6px',
                          background: '#fafafa',
                          borderRadius: 4,
                        }}
                      >
                        <div style={{ fontVariantNumeric: 'tabular-nums', fontSize: 13 }}>
                          {local(s.startsAt).format('HH:mm')}–{local(s.endsAt).format('HH:mm')}
                        </div>
                        <div style={{ fontWeight: 500 }}>{s.postName}</div>
                        <Typography.Text type={open > 0 ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
                          {t(`duty.role.${s.role}`)} · {s.filled}/{s.headcount}
                        </Typography.Text>
                      </Link>
                    );
                  })}
                </Flex>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.calendar.none')} />
              )}
            </Card>
          );
        })}
      </div>
    </>
  );
}
