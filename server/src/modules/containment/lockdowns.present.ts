import type { LocalizedText, LockdownLevelName, LockdownStatus, LockdownOrderView } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import type { Ctx } from '../../platform/context.js';
import * as places from '../../platform/places/places.repository.js';
import { localDate } from '../../platform/time.js';
import type { OrderRow } from './containment.repository.js';
import { reasonOf, type OrderReason } from './lockdowns.rule.js';

/** Coordinators in scope decide on orders; what each may do now goes to the client. */
export const orderPolicy = definePolicy<OrderRow, 'confirm' | 'dismiss' | 'release'>({
  confirm: (a, o) => can(a, 'containment.order.confirm') && inPlaceScope(a, o.placePath) && o.status === 'proposed',
  dismiss: (a, o) => can(a, 'containment.order.confirm') && inPlaceScope(a, o.placePath) && o.status === 'proposed',
  release: (a, o) => can(a, 'containment.order.confirm') && inPlaceScope(a, o.placePath) && o.status === 'active',
});

const LEVEL: Record<LockdownLevelName, { zh: string; en: string }> = {
  stairwell: { zh: '单元', en: 'stairwell' },
  building: { zh: '楼栋', en: 'building' },
  compound: { zh: '小区', en: 'compound' },
};

/** Why the order exists, in both languages: the rule with its threshold and cases, or the coordinator's words. */
export function reasonText(level: LockdownLevelName, r: OrderReason): LocalizedText {
  if (r.rule === 'manual') return { 'zh-CN': `人工封控：${r.note ?? ''}`, 'en-US': `Manual lockdown: ${r.note ?? ''}` };
  const ids = (r.caseIds ?? []).map((id) => `#${id}`);
  // The rule counts people (1人封单元、2人封整楼、3人封小区); orders made before that was kept name their cases only.
  const n = r.people ?? ids.length;
  const l = LEVEL[level];
  return {
    'zh-CN': `封控规则：${r.windowDays} 天内同一${l.zh}累计 ${n} 人（阈值 ${r.threshold} 人封${l.zh}）；病例 ${ids.join('、')}`,
    'en-US': `Lockdown rule: ${n} ${n === 1 ? 'person' : 'people'} with a case in this ${l.en} within ${r.windowDays} days (${r.threshold} seal${r.threshold === 1 ? 's' : ''} a ${l.en}); cases ${ids.join(', ')}`,
  };
}

/** The release criterion and why, in both languages. */
export function releaseText(r: OrderReason, releaseOn: string | null): LocalizedText | null {
  if (!releaseOn) return null;
  if (r.lastCaseOn && r.releaseDays !== undefined) {
    const manualFloor = r.rule === 'manual' && r.releaseOn === releaseOn;
    if (!manualFloor) {
      return {
        'zh-CN': `最后一例病例（${r.lastCaseOn}）后满 ${r.releaseDays} 天无新增，即 ${releaseOn} 起可解封`,
        'en-US': `${r.releaseDays} days after the last case (${r.lastCaseOn}) with no new case: releasable from ${releaseOn}`,
      };
    }
  }
  return { 'zh-CN': `人工设定：${releaseOn} 起可解封`, 'en-US': `Set by the coordinator: releasable from ${releaseOn}` };
}

/** The close reason in both languages: what the system wrote (superseded, withdrawn) is translated, a person's words are kept. */
export function closeReasonText(reason: string | null): LocalizedText | null {
  if (!reason) return null;
  const superseded = /^superseded by order (\d+)$/.exec(reason);
  if (superseded) return { 'zh-CN': `已由更大范围的封控令 #${superseded[1]} 取代`, 'en-US': `Superseded by the wider order #${superseded[1]}` };
  if (reason.startsWith('withdrawn')) return { 'zh-CN': '病例变化后不再满足封控规则，已撤回', 'en-US': 'Withdrawn: the cases no longer call for it' };
  return { 'zh-CN': reason, 'en-US': reason };
}

export async function presentOrders(ctx: Ctx, rows: OrderRow[]): Promise<LockdownOrderView[]> {
  const labels = await places.labelsForPaths(
    ctx.platform.db,
    rows.map((r) => r.placePath),
  );
  const now = ctx.platform.clock.now();
  const tz = ctx.platform.config.timezone;
  return rows.map((o) => {
    const r = reasonOf(o);
    const level = o.level as LockdownLevelName;
    return {
      id: o.id,
      placeId: o.placeId,
      placeLabel: labels.get(o.placePath) ?? '',
      level,
      status: o.status as LockdownStatus,
      reasonText: reasonText(level, r),
      rule: r.rule,
      caseIds: r.caseIds ?? [],
      startsAt: o.startsAt?.toISOString() ?? null,
      releaseAfter: o.releaseAfter?.toISOString() ?? null,
      releaseText: releaseText(r, o.releaseAfter ? localDate(o.releaseAfter, tz) : null),
      releaseDue: o.status === 'active' && !!o.releaseAfter && o.releaseAfter <= now,
      releasedAt: o.releasedAt?.toISOString() ?? null,
      closeReason: o.closeReason,
      closeReasonText: closeReasonText(o.closeReason),
      createdAt: o.createdAt.toISOString(),
      listVersion: o.listVersion,
      actions: orderPolicy.actions(ctx.actor, o),
    };
  });
}
