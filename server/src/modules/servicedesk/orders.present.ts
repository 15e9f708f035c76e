import { STAGES, maskPhone, type OrderDetail, type OrderSummary } from '@jiayuan/contracts';
import type { Ctx } from '../../platform/context.js';
import * as places from '../../platform/places/places.repository.js';
import { doneOf, dueOf } from './clocks.js';
import { myOrderPolicy, orderPolicy } from './servicedesk.policy.js';
import * as repo from './servicedesk.repository.js';
import type { Who } from './servicedesk.workflow.js';

type Row = repo.OrderRow;

/** Summaries of orders with names and labels filled in, and the actions the caller may take. */
export async function presentSummaries(ctx: Ctx, rows: Row[], who: Who): Promise<OrderSummary[]> {
  if (rows.length === 0) return [];
  const db = ctx.platform.db;
  const [config, names, labels] = await Promise.all([
    repo.configNames(db),
    repo.userNames(
      db,
      rows.flatMap((r) => [r.ownerUserId, r.assigneeUserId]),
    ),
    places.labelsForPaths(db, [...new Set(rows.map((r) => r.placePath).filter(Boolean))]),
  ]);
  const now = ctx.platform.clock.now();
  const resident = ctx.actor.residentId !== null;
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    emergency: r.emergency,
    categoryId: r.categoryId,
    categoryName: config.categoryById.get(r.categoryId)?.name ?? { 'zh-CN': '', 'en-US': '' },
    placeLabel: r.placePath ? labels.get(r.placePath) || null : null,
    address: r.address,
    description: r.description,
    reporterName: r.reporterName,
    owner: r.ownerUserId ? { userId: r.ownerUserId, name: names.get(r.ownerUserId) ?? '' } : null,
    team: r.teamId ? { id: r.teamId, name: config.teamById.get(r.teamId)?.name ?? '' } : null,
    assignee: r.assigneeUserId ? { userId: r.assigneeUserId, name: names.get(r.assigneeUserId) ?? '' } : null,
    receivedAt: r.receivedAt.toISOString(),
    nextDueAt: r.nextDueAt?.toISOString() ?? null,
    overdue: !!r.nextDueAt && r.nextDueAt < now,
    pendingTransfer: r.transferToTeamId !== null,
    rating: r.rating,
    actions: resident ? myOrderPolicy.actions(ctx.actor, r) : orderPolicy.actions(ctx.actor, { row: r, who }),
  }));
}

/** The whole order: clocks, photos, timeline; the caller's phone masked. */
export async function presentDetail(ctx: Ctx, r: Row, who: Who, photoBase: string): Promise<OrderDetail> {
  const db = ctx.platform.db;
  const [summary] = await presentSummaries(ctx, [r], who);
  const [events, photos, names, toTeam] = await Promise.all([
    repo.eventsOf(db, r.id),
    repo.photosOf(db, r.id),
    repo.userNames(db, [r.transferRequestedBy]),
    r.transferToTeamId ? repo.findTeam(db, r.transferToTeamId) : Promise.resolve(undefined),
  ]);
  const now = ctx.platform.clock.now();
  const clocks = STAGES.flatMap((stage) => {
    const due = dueOf(r, stage);
    if (!due) return [];
    const done = doneOf(r, stage);
    return [
      {
        stage,
        dueAt: due.toISOString(),
        doneAt: done?.toISOString() ?? null,
        overdue: !done && !r.pausedAt && due < now && summary!.status !== 'cancelled',
        late: !!done && done > due,
      },
    ];
  });
  return {
    ...summary!,
    placeId: r.placeId,
    reporterPhoneMasked: r.reporterPhoneEnc ? maskPhone(ctx.platform.cipher.decrypt('phone', r.reporterPhoneEnc)) : null,
    reporterResidentId: ctx.actor.residentId !== null ? null : r.reporterResidentId,
    transfer:
      r.transferToTeamId && toTeam
        ? {
            toTeamId: r.transferToTeamId,
            toTeamName: toTeam.name,
            requestedByName: names.get(r.transferRequestedBy ?? -1) ?? '',
            reason: r.transferReason ?? '',
            at: (r.transferAt ?? r.updatedAt).toISOString(),
          }
        : null,
    clocks,
    pausedAt: r.pausedAt?.toISOString() ?? null,
    pauseReason: r.pauseReason,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    arrivedAt: r.arrivedAt?.toISOString() ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    firstVisitFix: r.firstVisitFix,
    workDone: r.workDone,
    materials: r.materials,
    reply: r.reply,
    ratingNote: r.ratingNote,
    cancelReason: r.cancelReason,
    reopenCount: r.reopenCount,
    mergedIntoId: r.mergedIntoId,
    photos: photos.map((p) => ({ id: p.id, stage: p.stage, url: `${photoBase}/${r.id}/photos/${p.id}` })),
    events: events.map((e) => ({ at: e.at.toISOString(), action: e.action, actorName: e.actorName, note: e.note })),
    version: r.version,
  };
}
