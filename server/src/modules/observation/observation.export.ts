import { maskIdNumber, type Symptom } from '@jiayuan/contracts';
import type ExcelJS from 'exceljs';
import type { Ctx } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, daysBetween, localParts, startOfLocalDay } from '../../platform/time.js';
import { observationErrors } from './observation.errors.js';
import * as repo from './observation.repository.js';

const KIND_ZH: Record<string, string> = { home_observation: '居家医学观察', facility_quarantine: '集中隔离', fever_follow_up: '发热随访' };
const SYMPTOM_ZH: Record<Symptom, string> = {
  fever: '发热',
  cough: '咳嗽',
  sore_throat: '咽痛',
  fatigue: '乏力',
  short_breath: '气促',
  diarrhea: '腹泻',
  loss_of_smell: '嗅觉减退',
  other: '其他',
};

/**
 * The CDC export: one row per person per check slot over the date range (missed slots included
 * and marked), plus readings taken outside a slot. ID numbers masked, as everywhere.
 */
export async function prepareCdcExport(ctx: Ctx, q: { from: string; to: string; placeId?: number | undefined; caseId?: number | undefined }) {
  if (q.to < q.from || daysBetween(q.from, q.to) > 62) throw observationErrors.OBSERVATION_DATES();
  const db = ctx.platform.db;
  const place = q.placeId ? await places.findPlaceInScope(db, ctx.actor, q.placeId) : null;
  if (q.placeId && !place) throw commonErrors.NOT_FOUND();
  if (q.caseId && !(await repo.findCaseInScope(db, ctx.actor, q.caseId))) throw commonErrors.NOT_FOUND();
  return { from: q.from, to: q.to, placePath: place?.path ?? null, caseId: q.caseId ?? null };
}

/** The CDC's workbook; answers the number of rows written. */
export async function writeCdcWorkbook(ctx: Ctx, q: Awaited<ReturnType<typeof prepareCdcExport>>, wb: ExcelJS.stream.xlsx.WorkbookWriter): Promise<number> {
  const db = ctx.platform.db;
  const tz = ctx.platform.config.timezone;
  const ws = wb.addWorksheet('健康监测');
  ws.columns = [
    { header: '社区/住址', key: 'place', width: 36 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '身份证号', key: 'id', width: 22 },
    { header: '观察类型', key: 'kind', width: 14 },
    { header: '观察起止', key: 'period', width: 24 },
    { header: '日期', key: 'date', width: 12 },
    { header: '时段', key: 'slot', width: 13 },
    { header: '体温(℃)', key: 'temp', width: 9 },
    { header: '症状', key: 'symptoms', width: 16 },
    { header: '状态', key: 'state', width: 8 },
    { header: '测量人', key: 'by', width: 12 },
    { header: '测量时间', key: 'at', width: 18 },
  ];
  const now = ctx.platform.clock.now();
  const hhmm = (d: Date) => localParts(d, tz).time;
  const labels = new Map<string, string>();
  let n = 0;
  for await (const rows of repo.exportRows(db, ctx.actor, startOfLocalDay(q.from, tz), startOfLocalDay(addDays(q.to, 1), tz), q.placePath, q.caseId)) {
    const missing = [...new Set(rows.map((r) => r.place_path))].filter((p) => !labels.has(p));
    for (const [k, v] of await places.labelsForPaths(db, missing)) labels.set(k, v);
    for (const r of rows) {
      const state = r.slot_no === null ? '加测' : r.taken_at ? (r.alert ? '异常' : '已测') : new Date(r.grace_until) < now ? '漏测' : '待测';
      const taken = r.taken_at ? new Date(r.taken_at) : null;
      ws.addRow({
        place: labels.get(r.place_path) ?? '',
        name: r.name,
        id: r.id_number_enc ? maskIdNumber(ctx.platform.cipher.decrypt('idNumber', Buffer.from(r.id_number_enc))) : '',
        kind: KIND_ZH[r.kind] ?? r.kind,
        period: `${r.starts_on} — ${r.planned_end_on}`,
        date: r.slot_date,
        slot: r.slot_no === null ? '—' : `${hhmm(new Date(r.window_start))}–${hhmm(new Date(r.window_end))}`,
        temp: r.temperature ?? '',
        symptoms: (r.symptoms as Symptom[]).map((s) => SYMPTOM_ZH[s] ?? s).join('、'),
        state,
        by: r.taken_by_name ?? '',
        at: taken ? `${localParts(taken, tz).date} ${hhmm(taken)}` : '',
      }).commit();
      n++;
    }
  }
  ws.commit();
  return n;
}
