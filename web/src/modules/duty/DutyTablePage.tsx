import { Button, Flex, Typography } from 'antd';
import { LeftOutlined, PrinterOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs, local, TZ } from '../../platform/time';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PageSpin } from '../../platform/ui/PageSpin';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';
import { QueryError } from '../../platform/ui/QueryError';
import { dutyApi } from './duty.api';
import { PostQr } from './PostQr';

const PRINT_CSS = `
@media print { @page { size: A4 landscape; margin: 10mm; } }
.jy-duty-table { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; }
.jy-duty-table th, .jy-duty-table td { border: 1px solid #333; padding: 6px 8px; vertical-align: top; text-align: left; }
.jy-duty-table th { background: #f0f2f5; }
.jy-duty-table-wrap { overflow-x: auto; }
@media print { .jy-duty-table-wrap { overflow: visible; } .jy-duty-table th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

/** A post's duty table (值班表) for one week, to print and pin up at the post: days down, shifts across, names in the cells; the check-in QR beside it. */
export default function DutyTablePage() {
  const { t } = useI18n();
  const { can } = useMe();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const from = params.get('from') ?? undefined;
  const q = useQuery({ queryKey: ['duty', 'table', id, from], queryFn: () => dutyApi.table(id, from) });
  const qr = useQuery({ queryKey: ['duty', 'post-qr', id], queryFn: () => dutyApi.postQr(id), enabled: can('duty.post.manage'), retry: false });
  const move = (days: number) => {
    if (!q.data) return;
    setParams({ from: dayjs.tz(q.data.from, TZ).add(days, 'day').format('YYYY-MM-DD') }, { replace: true });
  };
  const table = q.data;
  // The shift times of the week (columns): the same template most days.
  const slots = table
    ? [...new Set(table.days.flatMap((d) => d.shifts.map((s) => `${local(s.startsAt).format('HH:mm')}–${local(s.endsAt).format('HH:mm')}`)))].sort()
    : [];
  return (
    <div className="jy-print-page" style={{ minHeight: '100vh', background: '#f3f5f8' }}>
      <style>{PRINT_CSS}</style>
      <Flex className="jy-no-print" justify="space-between" align="center" gap={8} wrap style={{ padding: 12 }}>
        <Button icon={<LeftOutlined />} onClick={() => void navigate('/duty/posts')}>
          {t('duty.table.back')}
        </Button>
        <Flex gap={8} wrap>
          <Button icon={<LeftOutlined />} aria-label={t('duty.calendar.prev')} onClick={() => move(-7)} />
          <Button icon={<RightOutlined />} aria-label={t('duty.calendar.next')} onClick={() => move(7)} />
          <LanguageSwitch size="small" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-table">
            {t('duty.table.print')}
          </Button>
        </Flex>
      </Flex>
      <div style={{ padding: '0 12px 24px', maxWidth: 1200, margin: '0 auto' }}>
        {q.error ? (
          <QueryError error={q.error} />
        ) : !table ? (
          <PageSpin />
        ) : (
          <>
            <Flex justify="space-between" align="flex-start" gap={16} wrap>
              <div>
                <PhoneTitle text={t('duty.table.title', { post: table.postName })} style={{ fontSize: 22, fontWeight: 600, margin: '0 0 4px' }} />
                <Typography.Text>
                  {table.placeLabel} · {t(`duty.role.${table.role}`)} · {table.from} – {table.to}
                </Typography.Text>
              </div>
              {qr.data ? (
                <Flex vertical align="center">
                  <PostQr token={qr.data.token} size={120} alt={t('duty.table.qr')} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('duty.table.qr')}
                  </Typography.Text>
                </Flex>
              ) : null}
            </Flex>
            <div className="jy-duty-table-wrap" style={{ marginTop: 12 }}>
              <table className="jy-duty-table" data-testid="duty-table">
                <thead>
                  <tr>
                    <th scope="col">{t('duty.table.day')}</th>
                    {slots.map((s) => (
                      <th key={s} scope="col">
                        {s}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.days.map((d) => (
                    <tr key={d.date}>
                      <th scope="row">{dayjs.tz(d.date, TZ).format('MM-DD ddd')}</th>
                      {slots.map((slot) => {
                        const s = d.shifts.find((x) => `${local(x.startsAt).format('HH:mm')}–${local(x.endsAt).format('HH:mm')}` === slot);
                        if (!s) return <td key={slot}>—</td>;
                        const held = s.people.filter((p) => p.status !== 'waiting' && p.status !== 'cancelled');
                        return (
                          <td key={slot}>
                            {held.map((p, i) => (
                              <div key={i}>
                                {p.name} {p.phoneMasked ? <span style={{ color: '#555' }}>{p.phoneMasked}</span> : null}
                              </div>
                            ))}
                            {held.length < s.headcount ? (
                              <div style={{ color: '#cf1322' }}>{t('duty.table.open', { count: s.headcount - held.length })}</div>
                            ) : null}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
