import { useSearchParams } from 'react-router';
import { dayjs } from '../../time';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The period a figures page shows, kept in the address (so a drill-down and the way back keep it)
 * and read by the date picker, the subtitle, the query and the export alike: one range, shown once.
 * `fallback` is the page's default when the address names none (or names a malformed one).
 */
export function useFiguresRange(fallback: () => [string, string]) {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const range: [string, string] = from && to && DAY.test(from) && DAY.test(to) && from <= to ? [from, to] : fallback();
  const setRange = (r: [string, string]) => {
    const p = new URLSearchParams(params);
    p.set('from', r[0]);
    p.set('to', r[1]);
    setParams(p, { replace: true });
  };
  return { range, setRange, picker: [dayjs(range[0]), dayjs(range[1])] as [dayjs.Dayjs, dayjs.Dayjs] };
}
