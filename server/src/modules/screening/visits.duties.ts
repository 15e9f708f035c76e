import type { FindingReason, LocalizedText } from '@jiayuan/contracts';
import type { Ctx } from '../../platform/context.js';
import { notifyRole } from '../../platform/notifications/notifications.service.js';
import { cancelObligations, completeObligations, openObligations, type OpenObligation } from '../../platform/obligations/obligations.service.js';
import * as places from '../../platform/places/places.repository.js';
import type { Accepted } from './visits.service.js';
import * as visits from './visits.repository.js';

/** The duties a synced batch of visits creates or settles: follow-ups of findings, revisits. */

/** How screening's to-dos are named in a to-do group's heading (each row names its flat or campaign). */
export const screeningTodoKinds: Record<string, LocalizedText> = {
  'screening.finding': { 'zh-CN': '入户摸排发现需跟进', 'en-US': 'Screening findings to follow up' },
  'screening.unregistered': { 'zh-CN': '入户摸排发现未登记人员', 'en-US': 'People found not registered' },
  'screening.revisit': { 'zh-CN': '入户摸排需再次走访', 'en-US': 'Households to visit again' },
  'screening.assignment': { 'zh-CN': '入户摸排走访任务', 'en-US': 'Screening visits assigned to me' },
  'screening.community': { 'zh-CN': '社区入户摸排待完成', 'en-US': 'Communities to finish screening' },
};

const REASON_TEXT: Record<FindingReason, LocalizedText> = {
  symptom: { 'zh-CN': '有症状', 'en-US': 'symptoms' },
  fever: { 'zh-CN': '体温异常', 'en-US': 'high temperature' },
  risk_area: { 'zh-CN': '自风险地区返回', 'en-US': 'returned from a risk area' },
  other: { 'zh-CN': '需跟进', 'en-US': 'to follow up' },
  unregistered: { 'zh-CN': '未登记人员', 'en-US': 'not registered' },
};

function reasonsText(reasons: FindingReason[]): LocalizedText {
  return {
    'zh-CN': reasons.map((r) => REASON_TEXT[r]['zh-CN']).join('、'),
    'en-US': reasons.map((r) => REASON_TEXT[r]['en-US']).join(', '),
  };
}

/**
 * A health finding is a duty for the community's health worker within two hours (the community's
 * staff are alerted if it runs an hour late) and an alert now; an unregistered person is a duty
 * for the community's staff to put them on the registry. Titles name the flat, never the person.
 */
export async function openFollowUpDuties(
  ctx: Ctx,
  tx: Parameters<typeof openObligations>[0],
  findings: Awaited<ReturnType<typeof visits.insertFindings>>,
  now: Date,
) {
  if (findings.length === 0) return;
  const labels = await places.labelsForPaths(
    tx,
    findings.map((f) => f.placePath),
  );
  const duties: OpenObligation[] = [];
  const alerts = new Map<string, { n: number; campaignId: number }>();
  for (const f of findings) {
    const label = labels.get(f.placePath) ?? '';
    const health = f.reasons.filter((r) => r !== 'unregistered');
    if (health.length) {
      const why = reasonsText(health);
      duties.push({
        kind: 'screening.finding',
        subjectType: 'screening_finding',
        subjectId: f.id,
        title: { 'zh-CN': `入户摸排发现（${why['zh-CN']}）：${label}`, 'en-US': `Screening finding (${why['en-US']}): ${label}` },
        link: `/screening/findings/${f.id}`,
        placePath: f.placePath,
        responsibleRole: 'health_worker',
        dueAt: new Date(now.getTime() + 2 * 3600000),
        escalateAfterMinutes: 60,
        escalationRole: 'community_staff',
      });
      const community = f.placePath.split('.').slice(0, 3).join('.') + '.';
      alerts.set(community, { n: (alerts.get(community)?.n ?? 0) + 1, campaignId: f.campaignId });
    }
    if (f.reasons.includes('unregistered')) {
      duties.push({
        kind: 'screening.unregistered',
        subjectType: 'screening_finding',
        subjectId: f.id,
        title: { 'zh-CN': `入户摸排发现未登记人员：${label}`, 'en-US': `Screening found someone not registered: ${label}` },
        link: `/screening/findings/${f.id}`,
        placePath: f.placePath,
        responsibleRole: 'community_staff',
        dueAt: ctx.platform.calendar.addWorkingDays(now, 1),
        workingTime: true,
      });
    }
  }
  await openObligations(tx, duties);
  for (const [community, { n, campaignId }] of alerts) {
    await notifyRole(tx, ctx.platform, 'health_worker', community, {
      kind: 'screening.finding',
      title: {
        'zh-CN': `入户摸排发现${n}人需跟进（症状、体温或风险地区）`,
        'en-US': `Screening found ${n} ${n === 1 ? 'person' : 'people'} to follow up (symptoms, temperature or risk area)`,
      },
      link: `/screening/campaigns/${campaignId}?tab=findings`,
    });
  }
}

/**
 * "Revisit needed" is a duty for the visitor; a later visit that finds the household (or is
 * refused) closes it, and a newer "revisit needed" replaces it. Visits synced out of order are
 * judged by their time: only the household's latest outcome in the round counts.
 */
export async function revisitDuties(ctx: Ctx, tx: Parameters<typeof openObligations>[0], fresh: Accepted[]) {
  const groups = new Map<string, Accepted[]>();
  for (const a of fresh) {
    const k = `${a.campaign.id}:${a.round}`;
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  for (const group of groups.values()) {
    const { campaign, round } = group[0]!;
    const hIds = [...new Set(group.map((a) => a.household.id))];
    const before = await visits.previousOutcomes(
      tx,
      campaign.id,
      round,
      hIds,
      group.map((a) => a.v.id),
    );
    const waiting = hIds.filter((h) => before.get(h) === 'revisit');
    if (waiting.length === 0 && !group.some((a) => a.v.outcome === 'revisit')) continue;
    const latest = await visits.lastOutcomes(tx, campaign.id, round, hIds);
    const subject = (h: number) => ({ subjectType: 'screening_household', subjectId: `${campaign.id}:${h}`, kind: 'screening.revisit' });
    const duties: OpenObligation[] = [];
    for (const h of hIds) {
      const now = latest.get(h)!;
      const freshRevisit = group.find((a) => a.household.id === h && a.v.outcome === 'revisit' && Date.parse(a.v.visitedAt) === now.visitedAt.getTime());
      if (before.get(h) === 'revisit') {
        if (now.outcome === 'visited' || now.outcome === 'refused') await completeObligations(tx, ctx.platform, subject(h), ctx.actor.userId);
        else if (freshRevisit) await cancelObligations(tx, ctx.platform, subject(h), 'superseded by a newer revisit');
      }
      if (now.outcome === 'revisit' && freshRevisit) {
        const label = await places.labelFor(tx, freshRevisit.household.path);
        duties.push({
          kind: 'screening.revisit',
          subjectType: 'screening_household',
          subjectId: `${campaign.id}:${h}`,
          title: { 'zh-CN': `入户摸排需再次走访：${label}`, 'en-US': `Screening revisit: ${label}` },
          link: `/screening/visit?campaign=${campaign.id}`,
          placePath: freshRevisit.household.path,
          responsibleUserId: ctx.actor.userId,
          dueAt: ctx.platform.calendar.addWorkingDays(new Date(freshRevisit.v.visitedAt), 1),
          workingTime: true,
          escalateAfterMinutes: 240,
          escalationRole: 'community_staff',
        });
      }
    }
    await openObligations(tx, duties);
  }
}
