import { and, eq, sql } from 'drizzle-orm';
import type { Answers, FindingReason, FindingStatus } from '@jiayuan/contracts';
import { queryOne, queryRows, type Executor } from '../../platform/db/database.js';
import { userNames } from '../../platform/auth/identity.repository.js';
import { residentNames } from '../registry/index.js';
import { screeningFindings } from './screening.schema.js';
import { underAny } from './visits.repository.js';

export type FindingRow = typeof screeningFindings.$inferSelect;

export interface FindingDetailRow {
  id: number;
  campaign_id: number;
  visit_id: string;
  resident_id: number | null;
  household_id: number;
  place_path: string;
  reasons: FindingReason[];
  temperature: number | null;
  visited_at: Date | string;
  status: FindingStatus;
  case_ref: string | null;
  note: string | null;
  decided_at: Date | string | null;
  version: number;
  resident_name: string | null;
  unregistered_name: string | null;
  answers: Answers;
  visitor_name: string | null;
}

type FindingSqlRow = Omit<FindingDetailRow, 'resident_name' | 'visitor_name'> & { visitor_user_id: number | null };

const SELECT = sql`SELECT f.id, f.campaign_id, f.visit_id, f.resident_id, f.household_id, f.place_path, f.reasons, f.temperature,
    f.visited_at, f.status, f.case_ref, f.note, f.decided_at, f.version,
    pv.name AS unregistered_name, pv.answers, v.visitor_user_id
  FROM screening_findings f
  JOIN screening_person_visits pv ON pv.visit_id = f.visit_id AND pv.idx = f.person_idx
  JOIN screening_visits v ON v.id = f.visit_id`;

/** The people's and visitors' names of a page of findings: one registry and one identity read, not a join per row. */
async function withNames(ex: Executor, rows: FindingSqlRow[]): Promise<FindingDetailRow[]> {
  if (rows.length === 0) return [];
  const [residents, visitors] = await Promise.all([
    residentNames(
      ex,
      rows.flatMap((r) => (r.resident_id === null ? [] : [Number(r.resident_id)])),
    ),
    userNames(
      ex,
      rows.flatMap((r) => (r.visitor_user_id === null ? [] : [Number(r.visitor_user_id)])),
    ),
  ]);
  return rows.map(({ visitor_user_id, ...r }) => ({
    ...r,
    resident_name: r.resident_id === null ? null : (residents.get(Number(r.resident_id)) ?? null),
    visitor_name: visitor_user_id === null ? null : (visitors.get(Number(visitor_user_id)) ?? null),
  }));
}

export async function listFindings(
  ex: Executor,
  f: { campaignId: number; paths: readonly string[]; within: string | null; status?: FindingStatus | undefined; reason?: FindingReason | undefined },
  paging: { limit: number; offset: number },
) {
  const where = sql`f.campaign_id = ${f.campaignId} AND ${underAny(sql`f.place_path`, f.paths)}
    ${f.within ? sql`AND ${underAny(sql`f.place_path`, [f.within])}` : sql``}
    ${f.status ? sql`AND f.status = ${f.status}` : sql``}
    ${f.reason ? sql`AND ${f.reason} = ANY(f.reasons)` : sql``}`;
  const [rows, total] = await Promise.all([
    queryRows<FindingSqlRow>(
      ex,
      sql`${SELECT} WHERE ${where} ORDER BY (f.status = 'open') DESC, f.visited_at DESC, f.id DESC LIMIT ${paging.limit} OFFSET ${paging.offset}`,
    ).then((rows) => withNames(ex, rows)),
    queryOne<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM screening_findings f WHERE ${where}`),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findingDetail(ex: Executor, id: number) {
  const row = await queryOne<FindingSqlRow>(ex, sql`${SELECT} WHERE f.id = ${id}`);
  return row ? (await withNames(ex, [row]))[0] : undefined;
}

export async function lockFinding(ex: Executor, id: number) {
  const [row] = await ex.select().from(screeningFindings).where(eq(screeningFindings.id, id)).for('update');
  return row;
}

/** Records the decision on an open finding of the version read; undefined if it changed first. */
export async function decideFinding(ex: Executor, id: number, version: number, values: Partial<typeof screeningFindings.$inferInsert>) {
  const [row] = await ex
    .update(screeningFindings)
    .set({ ...values, version: sql`${screeningFindings.version} + 1` })
    .where(and(eq(screeningFindings.id, id), eq(screeningFindings.version, version), eq(screeningFindings.status, 'open')))
    .returning();
  return row;
}
