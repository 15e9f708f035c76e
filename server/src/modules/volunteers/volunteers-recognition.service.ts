import type { AwardRuleSave, AwardView } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { sqlOne, sqlRows } from './volunteers.sql.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { addDays, startOfLocalDay } from '../../platform/time.js';
import { residentInScope, residentNames } from '../registry/index.js';
import { communityOfPath } from './volunteers-people.service.js';
import { volErrors } from './volunteers.errors.js';
import { namesOfVolunteerIds } from './volunteers.present.js';
import * as repo from './volunteers.repository.js';

/**
 * One-to-one pairings (结对帮扶) and recognition (优秀志愿者评选): award rules as data, proposed for a
 * period from the ledger with the reason each person qualified, confirmed by the coordinator.
 */

// ---------------------------------------------------------------------------------------------
// Pairings

interface PairingRow {
  id: number;
  volunteerId: number;
  residentId: number;
  communityId: number;
  visitEveryDays: number;
  note: string | null;
  startedAt: Date;
  endedAt: Date | null;
}
const PR =
  sql.raw(`p.id, p.volunteer_id AS "volunteerId", p.resident_id AS "residentId", p.community_id AS "communityId", p.visit_every_days AS "visitEveryDays",
  p.note, p.started_at AS "startedAt", p.ended_at AS "endedAt"`);

async function presentPairings(ex: Executor, rows: readonly PairingRow[]) {
  const [vols, residents] = await Promise.all([
    namesOfVolunteerIds(
      ex,
      rows.map((r) => r.volunteerId),
    ),
    residentNames(
      ex,
      rows.map((r) => r.residentId),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    volunteerId: r.volunteerId,
    volunteerName: vols.get(r.volunteerId) ?? '',
    residentId: r.residentId,
    residentName: residents.get(r.residentId) ?? '',
    communityId: r.communityId,
    visitEveryDays: r.visitEveryDays,
    note: r.note,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  }));
}

export async function createPairing(ctx: Ctx, input: { volunteerId: number; residentId: number; visitEveryDays: number; note?: string | null | undefined }) {
  const row = await inTx(ctx, async (tx) => {
    const v = await repo.findVolunteerInScope(tx, ctx.actor, input.volunteerId);
    const r = await residentInScope(tx, ctx.actor, input.residentId);
    if (!v || !r) throw commonErrors.NOT_FOUND();
    const community = await communityOfPath(tx, r.place_path);
    if (!community) throw volErrors.VOL_NOT_IN_COMMUNITY();
    const made = await sqlOne<PairingRow>(
      tx,
      sql`INSERT INTO vol_pairings AS p (volunteer_id, resident_id, community_id, place_path, visit_every_days, note, created_by)
          VALUES (${v.id}, ${r.id}, ${community.id}, ${r.place_path}, ${input.visitEveryDays}, ${input.note ?? null}, ${ctx.actor.userId})
          ON CONFLICT (volunteer_id, resident_id) WHERE ended_at IS NULL DO NOTHING RETURNING ${PR}`,
    );
    if (!made) throw commonErrors.CONFLICT();
    await recordAudit(tx, ctx, {
      action: 'volunteers.pairing.create',
      entityType: 'volunteer_pairing',
      entityId: made.id,
      before: null,
      after: { volunteerId: v.id, residentId: r.id, visitEveryDays: input.visitEveryDays },
    });
    return made;
  });
  return (await presentPairings(ctx.platform.db, [row]))[0]!;
}

export async function endPairing(ctx: Ctx, id: number) {
  const row = await inTx(ctx, async (tx) => {
    const p = await sqlOne<PairingRow>(
      tx,
      sql`SELECT ${PR} FROM vol_pairings p WHERE p.id = ${id} AND ${scopeWhere(ctx.actor, { path: sql`p.place_path` })} FOR UPDATE`,
    );
    if (!p) throw commonErrors.NOT_FOUND();
    if (p.endedAt) throw commonErrors.CONFLICT();
    const after = (await sqlOne<PairingRow>(tx, sql`UPDATE vol_pairings p SET ended_at = ${ctx.platform.clock.now()} WHERE id = ${id} RETURNING ${PR}`))!;
    await recordAudit(tx, ctx, {
      action: 'volunteers.pairing.end',
      entityType: 'volunteer_pairing',
      entityId: id,
      before: { endedAt: null },
      after: { endedAt: after.endedAt!.toISOString() },
    });
    return after;
  });
  return (await presentPairings(ctx.platform.db, [row]))[0]!;
}

export async function listPairings(ctx: Ctx, q: { page: number; pageSize: number; communityId?: number | undefined; active: boolean }) {
  const db = ctx.platform.db;
  const w = sql`${scopeWhere(ctx.actor, { path: sql`p.place_path` })} ${q.communityId ? sql`AND p.community_id = ${q.communityId}` : sql``} AND ${q.active ? sql`p.ended_at IS NULL` : sql`TRUE`}`;
  const rows = await sqlRows<PairingRow>(
    db,
    sql`SELECT ${PR} FROM vol_pairings p WHERE ${w} ORDER BY p.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  const total = (await sqlOne<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM vol_pairings p WHERE ${w}`))!.n;
  return { items: await presentPairings(db, rows), total, page: q.page, pageSize: q.pageSize };
}

// ---------------------------------------------------------------------------------------------
// Awards

interface RuleRow {
  id: number;
  name: string;
  criteria: AwardRuleSave['criteria'];
  createdAt: Date;
}
const presentRule = (r: RuleRow) => ({ id: r.id, name: r.name, criteria: r.criteria, createdAt: r.createdAt.toISOString() });

export async function saveAwardRule(ctx: Ctx, input: AwardRuleSave) {
  const row = await inTx(ctx, async (tx) => {
    const r = (await sqlOne<RuleRow>(
      tx,
      sql`INSERT INTO vol_award_rules (name, criteria, created_by) VALUES (${input.name}, ${JSON.stringify(input.criteria)}::jsonb, ${ctx.actor.userId})
          RETURNING id, name, criteria, created_at AS "createdAt"`,
    ))!;
    await recordAudit(tx, ctx, { action: 'volunteers.award.ruleSave', entityType: 'volunteer_award_rule', entityId: r.id, before: null, after: { ...input } });
    return r;
  });
  return presentRule(row);
}

export async function listAwardRules(ctx: Ctx) {
  return (await sqlRows<RuleRow>(ctx.platform.db, sql`SELECT id, name, criteria, created_at AS "createdAt" FROM vol_award_rules ORDER BY id`)).map(presentRule);
}

/**
 * Proposes awards of a rule for a period: every volunteer in scope whose figures from the ledger
 * (confirmed minutes, needs served, average rating) meet each criterion, with those figures as the reason.
 */
export async function proposeAwards(ctx: Ctx, ruleId: number, q: { from: string; to: string; communityId?: number | undefined }) {
  const tz = ctx.platform.config.timezone;
  const from = startOfLocalDay(q.from, tz);
  const to = startOfLocalDay(addDays(q.to, 1), tz);
  if (to <= from || to.getTime() - from.getTime() > 367 * 86400000) throw volErrors.VOL_DATE_RANGE().onField('to');
  const ids = await inTx(ctx, async (tx) => {
    const rule = await sqlOne<RuleRow>(tx, sql`SELECT id, name, criteria, created_at AS "createdAt" FROM vol_award_rules WHERE id = ${ruleId}`);
    if (!rule) throw commonErrors.NOT_FOUND();
    const figures = await sqlRows<{ id: number; placePath: string; minutes: number; needsServed: number; averageRating: number }>(
      tx,
      sql`SELECT v.id, v.place_path AS "placePath",
                 coalesce((SELECT sum(h.minutes) FROM vol_hours h WHERE h.volunteer_id = v.id AND h.status = 'confirmed' AND h.served_at >= ${from} AND h.served_at < ${to}), 0)::int AS minutes,
                 (SELECT count(*) FROM vol_need_takers t JOIN vol_needs n ON n.id = t.need_id
                   WHERE t.volunteer_id = v.id AND t.status = 'done' AND n.status = 'confirmed' AND n.confirmed_at >= ${from} AND n.confirmed_at < ${to})::int AS "needsServed",
                 coalesce((SELECT avg(t.rating_by_resident) FROM vol_need_takers t WHERE t.volunteer_id = v.id AND t.rating_by_resident IS NOT NULL
                   AND t.done_at >= ${from} AND t.done_at < ${to}), 0)::float8 AS "averageRating"
          FROM vol_volunteers v
          WHERE v.active AND ${scopeWhere(ctx.actor, { path: sql`v.place_path` })} ${q.communityId ? sql`AND v.community_id = ${q.communityId}` : sql``}`,
    );
    const made: number[] = [];
    for (const f of figures) {
      const reason = rule.criteria.map((c) => ({ ...c, value: Math.round(f[c.metric] * 100) / 100 }));
      if (!reason.every((r) => r.value >= r.atLeast)) continue;
      const row = await sqlOne<{ id: number }>(
        tx,
        sql`INSERT INTO vol_awards (rule_id, volunteer_id, place_path, period_from, period_to, reason) VALUES (${rule.id}, ${f.id}, ${f.placePath}, ${q.from}, ${q.to}, ${JSON.stringify(reason)}::jsonb)
            ON CONFLICT (rule_id, volunteer_id, period_from, period_to) DO UPDATE SET reason = EXCLUDED.reason WHERE vol_awards.status = 'proposed' RETURNING id`,
      );
      if (row) made.push(row.id);
    }
    await recordAudit(tx, ctx, {
      action: 'volunteers.award.propose',
      entityType: 'volunteer_award_rule',
      entityId: rule.id,
      before: null,
      after: { from: q.from, to: q.to, proposed: made.length },
    });
    return made;
  });
  return { items: await awardsByIds(ctx, ids), total: ids.length, page: 1, pageSize: Math.max(ids.length, 1) };
}

interface AwardRow {
  id: number;
  ruleId: number;
  ruleName: string;
  volunteerId: number;
  periodFrom: string;
  periodTo: string;
  reason: AwardView['reason'];
  status: 'proposed' | 'confirmed';
  confirmedAt: Date | null;
}
const AW =
  sql.raw(`a.id, a.rule_id AS "ruleId", r.name AS "ruleName", a.volunteer_id AS "volunteerId", a.period_from AS "periodFrom", a.period_to AS "periodTo",
  a.reason, a.status, a.confirmed_at AS "confirmedAt"`);

async function presentAwards(ex: Executor, rows: readonly AwardRow[]): Promise<AwardView[]> {
  const names = await namesOfVolunteerIds(
    ex,
    rows.map((r) => r.volunteerId),
  );
  return rows.map((a) => ({ ...a, volunteerName: names.get(a.volunteerId) ?? '', confirmedAt: a.confirmedAt?.toISOString() ?? null }));
}

async function awardsByIds(ctx: Ctx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await sqlRows<AwardRow>(
    ctx.platform.db,
    sql`SELECT ${AW} FROM vol_awards a JOIN vol_award_rules r ON r.id = a.rule_id WHERE a.id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )}) ORDER BY a.id`,
  );
  return presentAwards(ctx.platform.db, rows);
}

export async function listAwards(ctx: Ctx, q: { page: number; pageSize: number }) {
  const db = ctx.platform.db;
  const w = scopeWhere(ctx.actor, { path: sql`a.place_path` });
  const rows = await sqlRows<AwardRow>(
    db,
    sql`SELECT ${AW} FROM vol_awards a JOIN vol_award_rules r ON r.id = a.rule_id WHERE ${w} ORDER BY a.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  const total = (await sqlOne<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM vol_awards a WHERE ${w}`))!.n;
  return { items: await presentAwards(db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** My confirmed awards (certificates). */
export async function myAwards(ctx: Ctx, volunteerId: number) {
  const db = ctx.platform.db;
  const rows = await sqlRows<AwardRow>(
    db,
    sql`SELECT ${AW} FROM vol_awards a JOIN vol_award_rules r ON r.id = a.rule_id WHERE a.volunteer_id = ${volunteerId} AND a.status = 'confirmed' ORDER BY a.id DESC`,
  );
  return presentAwards(db, rows);
}

export async function confirmAward(ctx: Ctx, id: number): Promise<AwardView> {
  await inTx(ctx, async (tx) => {
    const a = await sqlOne<{ status: string }>(
      tx,
      sql`SELECT status FROM vol_awards a WHERE a.id = ${id} AND ${scopeWhere(ctx.actor, { path: sql`a.place_path` })} FOR UPDATE`,
    );
    if (!a) throw commonErrors.NOT_FOUND();
    if (a.status !== 'proposed') throw commonErrors.CONFLICT();
    await tx.execute(
      sql`UPDATE vol_awards SET status = 'confirmed', confirmed_by = ${ctx.actor.userId}, confirmed_at = ${ctx.platform.clock.now()} WHERE id = ${id}`,
    );
    await recordAudit(tx, ctx, {
      action: 'volunteers.award.confirm',
      entityType: 'volunteer_award',
      entityId: id,
      before: { status: 'proposed' },
      after: { status: 'confirmed' },
    });
  });
  return (await awardsByIds(ctx, [id]))[0]!;
}
