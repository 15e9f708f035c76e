import type { ContainmentSettingsSave } from '@jiayuan/contracts';
import type { Executor } from '../../platform/db/database.js';
import { defineCommunitySettings } from '../../platform/settings/community-settings.js';
import { DEFAULT_THRESHOLDS, type ContainmentThresholds } from './containment.rules.js';
import { containmentSettings } from './containment.schema.js';

/** A community's rule: thresholds, window and release days, auto-confirm, and whether suspected cases count. */
export interface CommunityRule extends ContainmentThresholds {
  autoConfirm: boolean;
  countSuspected: boolean;
}

export const DEFAULT_RULE: CommunityRule = { ...DEFAULT_THRESHOLDS, autoConfirm: false, countSuspected: false };

const pick = (r: Record<string, unknown>): CommunityRule => ({
  stairwell: r.stairwell as number,
  building: r.building as number,
  compound: r.compound as number,
  windowDays: r.windowDays as number,
  releaseDays: r.releaseDays as number,
  autoConfirm: r.autoConfirm as boolean,
  countSuspected: r.countSuspected as boolean,
});

/** Each community's containment rule; a change applies from the next case change on. */
const settings = defineCommunitySettings<CommunityRule, ContainmentSettingsSave>({
  table: containmentSettings,
  permission: 'containment.settings',
  audit: { action: 'containment.settings.save', entityType: 'containment_settings' },
  defaults: DEFAULT_RULE,
  fromRow: pick,
  fromInput: (input) => pick(input),
});

/** The rule of a community (its own settings, or the defaults of seed 004). */
export const ruleOf = (ex: Executor, communityId: number): Promise<CommunityRule> => settings.valuesOf(ex, communityId);
export const listSettings = settings.list;
export const saveSettings = settings.save;
