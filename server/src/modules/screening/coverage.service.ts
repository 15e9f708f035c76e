import type { Coverage, CoverageFigures, CoverageQuery, CoverageRow } from '@jiayuan/contracts';
import type * as XL from 'exceljs';
import { inPlaceScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import * as repo from './campaigns.repository.js';
import { effectivePaths, loadCampaign, type LoadedCampaign } from './campaigns.service.js';
import * as cov from './coverage.repository.js';
import { listFindingRows } from './findings.service.js';
import { campaignPolicy } from './screening.policy.js';

const ZERO: CoverageFigures = {
  households: 0,
  done: 0,
  nobodyHome: 0,
  refused: 0,
  revisit: 0,
  notVisited: 0,
  householdVisits: 0,
  personVisits: 0,
  findings: 0,
};

function figures(r: cov.CoverageSql): CoverageFigures {
  return {
    households: r.households,
    done: r.done,
    nobodyHome: r.nobody_home,
    refused: r.refused,
    revisit: r.revisit,
    notVisited: r.not_visited,
    householdVisits: r.household_visits,
    personVisits: r.person_visits,
    findings: r.findings,
  };
}

function add(a: CoverageFigures, b: CoverageFigures): CoverageFigures {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof CoverageFigures)[]) out[k] += b[k];
  return out;
}

/** Narrows coverage to a place or a grid the actor may see; returns the paths to look within. */
async function within(ctx: Ctx, q: CoverageQuery): Promise<string[] | null> {
  const db = ctx.platform.db;
  if (q.gridId) {
    const g = await repo.findGrid(db, q.gridId);
    if (!g || !(inPlaceScope(ctx.actor, g.community_path) || ctx.actor.scope.places.some((p) => p.path.startsWith(g.community_path))))
      throw commonErrors.NOT_FOUND();
    return (await places.findPlaces(db, await repo.gridBuildingIds(db, g.id))).map((b) => b.path);
  }
  if (q.placeId) {
    const p = await places.findPlaceInScope(db, ctx.actor, q.placeId);
    if (!p) throw commonErrors.NOT_FOUND();
    return [p.path];
  }
  return null;
}

/** Households done / total, visits and open findings per community, grid, building or household. */
export async function getCoverage(ctx: Ctx, campaignId: number, q: CoverageQuery, loaded?: LoadedCampaign): Promise<Coverage> {
  const db = ctx.platform.db;
  const c = loaded ?? (await loadCampaign(db, ctx.actor, campaignId));
  campaignPolicy.assert(ctx.actor, 'coverage', c.record);
  const round = Math.min(q.round ?? c.row.round, c.row.round);
  const paths = effectivePaths(ctx.actor, c.record.paths);
  const w = await within(ctx, q);
  const [sqlRows, all] = await Promise.all([
    cov.coverage(db, { campaignId, round, paths, within: w, group: q.level }),
    cov.allRounds(db, campaignId, paths, w),
  ]);
  const rows = await label(ctx, q.level, sqlRows);
  return {
    campaignId,
    round,
    level: q.level,
    totals: rows.reduce<CoverageFigures>((acc, r) => add(acc, r), { ...ZERO }),
    allRounds: all,
    rows,
    computedAt: ctx.platform.clock.now().toISOString(),
  };
}

async function label(ctx: Ctx, level: CoverageQuery['level'], rows: cov.CoverageSql[]): Promise<CoverageRow[]> {
  const db = ctx.platform.db;
  if (level === 'grid') {
    const names = await repo.gridNames(
      db,
      rows.map((r) => r.key_id).filter((x): x is number => x !== null),
    );
    return rows
      .map((r) => ({
        ...figures(r),
        key: `grid:${r.key_id ?? 'none'}`,
        kind: 'grid' as const,
        id: r.key_id,
        label: r.key_id === null ? '' : (names.get(r.key_id) ?? ''),
      }))
      .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.label.localeCompare(b.label, 'zh-CN', { numeric: true })));
  }
  if (level === 'household') {
    const labels = await places.labelsForPaths(
      db,
      rows.map((r) => r.place_path!),
    );
    return rows
      .map((r) => ({
        ...figures(r),
        key: `household:${r.key_id}`,
        kind: 'household' as const,
        id: r.key_id,
        label: labels.get(r.place_path!) ?? '',
        lastOutcome: r.last_outcome ?? null,
        lastVisitedAt: r.last_at ? new Date(r.last_at).toISOString() : null,
      }))
      .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }));
  }
  const ps = await cov.placesByIds(
    db,
    rows.map((r) => r.key_id!),
  );
  const labels =
    level === 'building'
      ? await places.labelsForPaths(
          db,
          [...ps.values()].map((p) => p.path),
        )
      : new Map<string, string>();
  return rows
    .map((r) => {
      const p = ps.get(r.key_id!);
      return { ...figures(r), key: `${level}:${r.key_id}`, kind: level, id: r.key_id, label: p ? (labels.get(p.path) ?? p.name) : '' };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }));
}

const COLUMNS = [
  { header: '户数 Households', key: 'households', width: 12 },
  { header: '已走访 Done', key: 'done', width: 12 },
  { header: '完成率 Done %', key: 'pct', width: 12 },
  { header: '无人在家 Nobody home', key: 'nobodyHome', width: 14 },
  { header: '拒绝 Refused', key: 'refused', width: 10 },
  { header: '需再访 Revisit', key: 'revisit', width: 12 },
  { header: '未走访 Not visited', key: 'notVisited', width: 14 },
  { header: '户次 Household visits', key: 'householdVisits', width: 16 },
  { header: '人次 Person visits', key: 'personVisits', width: 16 },
  { header: '待跟进 Open findings', key: 'findings', width: 16 },
];

function sheet(
  wb: XL.stream.xlsx.WorkbookWriter,
  name: string,
  first: { header: string; key: string; width: number },
  rows: CoverageRow[],
  totals: CoverageFigures,
  lang: Ctx['lang'],
) {
  const ws = wb.addWorksheet(name);
  ws.columns = [first, ...COLUMNS];
  ws.getRow(1).font = { bold: true };
  const pct = (f: CoverageFigures) => (f.households ? Math.round((f.done / f.households) * 1000) / 10 : 0);
  for (const r of rows) ws.addRow({ ...r, name: r.label || (lang === 'en-US' ? '(no grid)' : '（未划网格）'), pct: pct(r) }).commit();
  const total = ws.addRow({ ...totals, name: '合计 Total', pct: pct(totals) });
  total.font = { bold: true };
  total.commit();
  ws.commit();
}

/** The coverage at every level, and the open findings, as one workbook; the export is audited. */
export async function writeCoverageWorkbook(ctx: Ctx, campaignId: number, wb: XL.stream.xlsx.WorkbookWriter): Promise<number> {
  const c = await loadCampaign(ctx.platform.db, ctx.actor, campaignId);
  campaignPolicy.assert(ctx.actor, 'export', c.record);
  const levels = [
    ['community', '社区 Communities', '社区 Community'],
    ['grid', '网格 Grids', '网格 Grid'],
    ['building', '楼栋 Buildings', '楼栋 Building'],
  ] as const;
  for (const [level, title, header] of levels) {
    const cv = await getCoverage(ctx, campaignId, { level }, c);
    sheet(wb, title, { header, key: 'name', width: 36 }, cv.rows, cv.totals, ctx.lang);
  }
  const ws = wb.addWorksheet('待跟进 Findings');
  ws.columns = [
    { header: '姓名 Name', key: 'name', width: 12 },
    { header: '已登记 Registered', key: 'registered', width: 10 },
    { header: '房屋 Dwelling', key: 'dwelling', width: 36 },
    { header: '原因 Reasons', key: 'reasons', width: 24 },
    { header: '体温 Temperature', key: 'temperature', width: 10 },
    { header: '走访时间 Visited', key: 'visitedAt', width: 20 },
    { header: '走访人 Visitor', key: 'visitor', width: 12 },
    { header: '状态 Status', key: 'status', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  let n = 0;
  for (let page = 1; ; page++) {
    const { items } = await listFindingRows(ctx, c, { page, pageSize: 200 });
    for (const f of items) {
      ws.addRow({
        name: f.personName,
        registered: f.registered ? '是 yes' : '否 no',
        dwelling: f.dwellingLabel,
        reasons: f.reasons.join(', '),
        temperature: f.temperature ?? '',
        visitedAt: f.visitedAt,
        visitor: f.visitorName ?? '',
        status: f.status,
      }).commit();
      n++;
    }
    if (items.length < 200) break;
  }
  ws.commit();
  return n;
}
