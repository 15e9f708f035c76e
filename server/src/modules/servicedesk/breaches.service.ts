import type { BreachQuery, BreachView } from '@jiayuan/contracts';
import type * as XL from 'exceljs';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx, type Platform } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { localDate, startOfLocalDay, addDays } from '../../platform/time.js';
import { systemActor } from '../../platform/access/actor.js';
import { publishChange, whoIs } from './orders.service.js';
import { breachPolicy } from './servicedesk.policy.js';
import * as repo from './servicedesk.repository.js';
import { sdErrors } from './servicedesk.errors.js';
import { sdTeams } from './servicedesk.schema.js';
import { eq } from 'drizzle-orm';

const STAGE_TEXT = { accept: ['受理', 'accept'], arrive: ['到场', 'arrive'], resolve: ['办结', 'resolve'] } as const;

/** Who held a stage when it ran out: the repairer, else (complaints) the owner, else the team leader. */
function holderOf(o: repo.OrderRow, leader: number | null): number | null {
  if (o.kind === 'repair') return o.assigneeUserId ?? leader;
  return o.assigneeUserId ?? o.ownerUserId ?? leader;
}

/**
 * Puts every limit that has just run out on the accountability record and alerts the holder
 * and the team leader at once (the department is alerted later by the obligation engine).
 */
export async function recordMissedLimits(platform: Platform, batch = 200): Promise<number> {
  const ctx = { platform, actor: systemActor('servicedesk'), origin: { ip: null, channel: 'system' as const, requestId: null }, lang: 'zh-CN' as const };
  return inTx(ctx, async (tx) => {
    const now = platform.clock.now();
    const due = await repo.overdueUnrecorded(tx, now, batch);
    for (const d of due) {
      const team = d.order.teamId ? await repo.findTeam(tx, d.order.teamId) : undefined;
      const leader = team?.leaderUserId ?? null;
      const holder = holderOf(d.order, leader);
      const b = await repo.insertBreach(tx, {
        orderId: d.order.id,
        stage: d.stage,
        round: d.order.reopenCount,
        dueAt: d.dueAt,
        detectedAt: now,
        holderUserId: holder,
        ownerUserId: d.order.ownerUserId,
        teamId: d.order.teamId,
        placePath: d.order.placePath,
      });
      if (!b) continue;
      const [zh, en] = STAGE_TEXT[d.stage];
      await repo.insertEvent(tx, { orderId: d.order.id, at: now, action: 'overdue', actorUserId: null, actorName: 'system', note: d.stage });
      await recordAudit(tx, ctx, {
        action: 'servicedesk.breach.record',
        entityType: 'sd_order',
        entityId: d.order.id,
        after: { stage: d.stage, holderUserId: holder, teamId: d.order.teamId },
      });
      await notifyUsers(
        tx,
        platform,
        [holder, leader, d.order.ownerUserId].filter((x): x is number => typeof x === 'number'),
        {
          kind: 'servicedesk.overdue',
          title: { 'zh-CN': `超时未${zh}：工单 #${d.order.id}，请说明原因`, 'en-US': `Missed the ${en} limit: order #${d.order.id}; please give the reason` },
          link: `/servicedesk/orders/${d.order.id}`,
          subjectType: 'sd_order',
          subjectId: d.order.id,
        },
      );
      await publishChange(tx, ctx, d.order);
    }
    return due.length;
  });
}

async function present(ctx: Ctx, rows: Awaited<ReturnType<typeof repo.listBreaches>>['rows']): Promise<BreachView[]> {
  const db = ctx.platform.db;
  const names = await repo.userNames(
    db,
    rows.flatMap((r) => [r.b.holderUserId, r.b.ownerUserId, r.b.reasonBy, r.b.reviewedBy]),
  );
  const teamRows = await repo.allTeams(db);
  const teams = new Map(teamRows.map((t) => [t.id, t]));
  const leaderOf = teamRows.filter((t) => t.leaderUserId !== null && t.leaderUserId === ctx.actor.userId).map((t) => t.id);
  const now = ctx.platform.clock.now();
  const person = (id: number | null) => (id ? { userId: id, name: names.get(id) ?? '' } : null);
  return rows.map(({ b, kind, categoryName, escalateAfter }) => ({
    id: b.id,
    orderId: b.orderId,
    orderKind: kind,
    categoryName,
    stage: b.stage,
    dueAt: b.dueAt.toISOString(),
    detectedAt: b.detectedAt.toISOString(),
    doneAt: b.doneAt?.toISOString() ?? null,
    holder: person(b.holderUserId),
    owner: person(b.ownerUserId),
    team: b.teamId ? { id: b.teamId, name: teams.get(b.teamId)?.name ?? '' } : null,
    reason: b.reason,
    reasonByName: b.reasonBy ? (names.get(b.reasonBy) ?? null) : null,
    review: b.review,
    reviewNote: b.reviewNote,
    reviewedByName: b.reviewedBy ? (names.get(b.reviewedBy) ?? null) : null,
    escalatedToDepartment: (b.doneAt ?? now).getTime() - b.dueAt.getTime() >= escalateAfter * 60000,
    actions: breachPolicy.actions(ctx.actor, { row: b, leaderOf }),
  }));
}

function filterOf(ctx: Ctx, q: Omit<BreachQuery, 'page' | 'pageSize'>): repo.BreachFilter {
  const tz = ctx.platform.config.timezone;
  return {
    teamId: q.teamId,
    holderUserId: q.holderUserId,
    from: q.from ? startOfLocalDay(q.from, tz) : null,
    to: q.to ? startOfLocalDay(addDays(q.to, 1), tz) : null,
    state: q.state,
  };
}

/** The accountability record: missed limits in my scope or of my teams, newest first. */
export async function listBreaches(ctx: Ctx, q: BreachQuery) {
  const db = ctx.platform.db;
  const who = await whoIs(db, ctx);
  const { rows, total } = await repo.listBreaches(db, ctx.actor, who.teamIds, filterOf(ctx, q), { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await present(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

/** Per person and per team: how many limits were missed, unexplained, upheld on review. */
export async function breachSummary(ctx: Ctx, q: Omit<BreachQuery, 'page' | 'pageSize'>) {
  const db = ctx.platform.db;
  const who = await whoIs(db, ctx);
  const s = await repo.breachSummary(db, ctx.actor, who.teamIds, filterOf(ctx, q));
  return {
    people: s.people.map((p) => ({ userId: p.user_id, name: p.name, breaches: p.breaches, unexplained: p.unexplained, upheld: p.upheld })),
    teams: s.teams.map((t) => ({ teamId: t.team_id, name: t.name, breaches: t.breaches, unexplained: t.unexplained, upheld: t.upheld })),
  };
}

async function loadBreach(ctx: Ctx, id: number, tx: Parameters<Parameters<typeof inTx>[1]>[0]) {
  const who = await whoIs(tx, ctx);
  const b = await repo.findBreachVisible(tx, ctx.actor, who.teamIds, id);
  if (!b) throw commonErrors.NOT_FOUND();
  const leaderOf = (
    await tx
      .select({ id: sdTeams.id })
      .from(sdTeams)
      .where(eq(sdTeams.leaderUserId, ctx.actor.userId ?? -1))
  ).map((r) => r.id);
  return { b, leaderOf };
}

/** The holder (or their team leader) says why the limit was missed. */
export async function explainBreach(ctx: Ctx, id: number, reason: string) {
  await inTx(ctx, async (tx) => {
    const { b, leaderOf } = await loadBreach(ctx, id, tx);
    if (b.review) throw sdErrors.SD_BREACH_REVIEWED();
    if (!breachPolicy.allows(ctx.actor, 'explain', { row: b, leaderOf })) throw sdErrors.SD_BREACH_NOT_HOLDER();
    await repo.updateBreach(tx, id, { reason, reasonBy: ctx.actor.userId, reasonAt: ctx.platform.clock.now() });
    await recordAudit(tx, ctx, {
      action: 'servicedesk.breach.explain',
      entityType: 'sd_breach',
      entityId: id,
      before: { reason: b.reason },
      after: { reason },
    });
  });
  return one(ctx, id);
}

/** A manager reviews a missed limit: excused, or upheld against the holder. */
export async function reviewBreach(ctx: Ctx, id: number, verdict: 'excused' | 'upheld', note: string | null) {
  await inTx(ctx, async (tx) => {
    const { b, leaderOf } = await loadBreach(ctx, id, tx);
    if (b.review) throw sdErrors.SD_BREACH_REVIEWED();
    breachPolicy.assert(ctx.actor, 'review', { row: b, leaderOf });
    await repo.updateBreach(tx, id, { review: verdict, reviewNote: note, reviewedBy: ctx.actor.userId, reviewedAt: ctx.platform.clock.now() });
    await recordAudit(tx, ctx, { action: 'servicedesk.breach.review', entityType: 'sd_breach', entityId: id, after: { verdict, note } });
  });
  return one(ctx, id);
}

async function one(ctx: Ctx, id: number): Promise<BreachView> {
  return (await present(ctx, await repo.breachWithOrder(ctx.platform.db, id)))[0]!;
}

const HEAD_ZH = ['工单号', '类型', '分类', '环节', '时限', '完成时间', '责任人', '首问责任人', '班组', '原因', '复核', '复核意见'];

/** The record as Excel, for the manager's files; answers the number of rows. */
export async function writeBreachWorkbook(ctx: Ctx, q: Omit<BreachQuery, 'page' | 'pageSize'>, wb: XL.stream.xlsx.WorkbookWriter): Promise<number> {
  const db = ctx.platform.db;
  const who = await whoIs(db, ctx);
  const ws = wb.addWorksheet('责任追究');
  ws.addRow(HEAD_ZH).commit();
  const tz = ctx.platform.config.timezone;
  const fmt = (d: string | null) => (d ? `${localDate(new Date(d), tz)} ${new Date(d).toLocaleTimeString('zh-CN', { timeZone: tz, hour12: false })}` : '');
  let n = 0;
  for (let page = 0; ; page++) {
    const { rows } = await repo.listBreaches(db, ctx.actor, who.teamIds, filterOf(ctx, q), { limit: 1000, offset: page * 1000 });
    if (rows.length === 0) break;
    for (const b of await present(ctx, rows)) {
      ws.addRow([
        b.orderId,
        { repair: '报修', complaint: '投诉', enquiry: '咨询' }[b.orderKind],
        b.categoryName['zh-CN'],
        STAGE_TEXT[b.stage][0],
        fmt(b.dueAt),
        fmt(b.doneAt),
        b.holder?.name ?? '',
        b.owner?.name ?? '',
        b.team?.name ?? '',
        b.reason ?? '',
        b.review === 'upheld' ? '属实' : b.review === 'excused' ? '免责' : '',
        b.reviewNote ?? '',
      ]).commit();
      n++;
    }
    if (rows.length < 1000) break;
  }
  ws.commit();
  return n;
}
