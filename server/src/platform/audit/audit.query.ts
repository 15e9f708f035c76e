import type { AuditEntry, AuditQuery } from '@jiayuan/contracts';
import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { recordAudit } from './audit.service.js';
import type { Ctx } from '../context.js';
import { addDays, startOfLocalDay } from '../time.js';
import { apiTokenNames, userNames } from '../auth/identity.repository.js';
import type { Executor } from '../db/database.js';
import { employers, places } from '../places/places.schema.js';
import { auditLog } from './audit.table.js';

function where(ctx: Ctx, q: AuditQuery): SQL {
  const tz = ctx.platform.config.timezone;
  const conds: SQL[] = [];
  if (q.from) conds.push(sql`${auditLog.at} >= ${startOfLocalDay(q.from, tz)}`);
  if (q.to) conds.push(lt(auditLog.at, startOfLocalDay(addDays(q.to, 1), tz)));
  if (q.actorId) conds.push(eq(auditLog.actorUserId, q.actorId));
  if (q.action) conds.push(sql`${auditLog.action} LIKE ${`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  return conds.length ? and(...conds)! : sql`TRUE`;
}

function present(r: typeof auditLog.$inferSelect, names: Map<string, string>): AuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorUserId,
    actorName: r.actorName,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    entityName: r.entityId === null ? null : (names.get(`${r.entityType}:${r.entityId}`) ?? null),
    before: r.before ?? null,
    after: r.after ?? null,
    origin: { ip: r.ip, channel: r.channel, requestId: r.requestId },
  };
}

/** The names of the users, places, employers and tokens a page of entries is about ("type:id" → name). */
async function entityNames(db: Executor, rows: (typeof auditLog.$inferSelect)[]): Promise<Map<string, string>> {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.entityType === type && r.entityId !== null && /^\d{1,15}$/.test(r.entityId)).map((r) => Number(r.entityId))),
  ];
  const names = new Map<string, string>();
  const add = (type: string, found: { id: number; name: string }[]) => found.forEach((f) => names.set(`${type}:${f.id}`, f.name));
  const [u, p, e, k] = [ids('user'), ids('place'), ids('employer'), ids('api_token')];
  const asRows = (m: Map<number, string>) => [...m].map(([id, name]) => ({ id, name }));
  if (u.length) add('user', asRows(await userNames(db, u)));
  if (p.length) add('place', await db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, p)));
  if (e.length) add('employer', await db.select({ id: employers.id, name: employers.name }).from(employers).where(inArray(employers.id, e)));
  if (k.length) add('api_token', asRows(await apiTokenNames(db, k)));
  return names;
}

export async function listAudit(ctx: Ctx, q: AuditQuery) {
  const w = where(ctx, q);
  const db = ctx.platform.db;
  const rows = await db
    .select()
    .from(auditLog)
    .where(w)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const total = await db.$count(auditLog, w);
  const names = await entityNames(db, rows);
  return { items: rows.map((r) => present(r, names)), total, page: q.page, pageSize: q.pageSize };
}

/** Writes the filtered log into a worksheet, newest first; the export itself is audited. */
export async function exportAudit(ctx: Ctx, q: AuditQuery, wb: ExcelJS.stream.xlsx.WorkbookWriter) {
  const ws = wb.addWorksheet('审计日志 Audit');
  ws.columns = [
    { header: '时间 Time', key: 'at', width: 22 },
    { header: '操作人 Actor', key: 'actor', width: 16 },
    { header: '操作 Action', key: 'action', width: 24 },
    { header: '对象 Entity', key: 'entity', width: 12 },
    { header: '编号 ID', key: 'id', width: 10 },
    { header: '变更前 Before', key: 'before', width: 40 },
    { header: '变更后 After', key: 'after', width: 40 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '渠道 Channel', key: 'channel', width: 10 },
  ];
  const w = where(ctx, q);
  let cursor: { at: Date; id: number } | null = null;
  for (;;) {
    const page: (typeof auditLog.$inferSelect)[] = await ctx.platform.db
      .select()
      .from(auditLog)
      .where(cursor ? and(w, sql`(${auditLog.at}, ${auditLog.id}) < (${cursor.at}, ${cursor.id})`) : w)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(5000);
    for (const r of page) {
      ws.addRow({
        at: r.at.toISOString(),
        actor: r.actorName,
        action: r.action,
        entity: r.entityType,
        id: r.entityId,
        before: r.before == null ? '' : JSON.stringify(r.before),
        after: r.after == null ? '' : JSON.stringify(r.after),
        ip: r.ip ?? '',
        channel: r.channel,
      }).commit();
    }
    if (page.length < 5000) break;
    const last = page[page.length - 1]!;
    cursor = { at: last.at, id: last.id };
  }
  ws.commit();
  await recordAudit(ctx.platform.db, ctx, { action: 'audit.exported', entityType: 'audit_log', entityId: null, after: q });
}

/** The latest entries of one action about one record (e.g. a resident's reveals), newest first. */
export async function recentEntriesAbout(ex: Executor, f: { entityType: string; entityId: string; action: string; limit: number }) {
  return ex
    .select({ at: auditLog.at, actorName: auditLog.actorName, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, f.entityType), eq(auditLog.entityId, f.entityId), eq(auditLog.action, f.action)))
    .orderBy(desc(auditLog.at))
    .limit(f.limit);
}
