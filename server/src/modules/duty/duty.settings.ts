import type { DutySettingsSave } from '@jiayuan/contracts';
import type { Executor } from '../../platform/db/database.js';
import { defineCommunitySettings } from '../../platform/settings/community-settings.js';
import { dutySettings } from './duty.schema.js';

/** A community's duty rules. */
export interface DutyRules {
  /** At most this many hours on duty in any 24 hours. */
  maxHoursIn24: number;
  /** A cancellation closer than this to the start needs a reason and tells the post's owner. */
  cancelNoticeHours: number;
  checkInEarlyMinutes: number;
  noShowAfterMinutes: number;
}

export const DEFAULT_DUTY_RULES: DutyRules = { maxHoursIn24: 12, cancelNoticeHours: 12, checkInEarlyMinutes: 30, noShowAfterMinutes: 30 };

const pick = (r: Record<string, unknown>): DutyRules => ({
  maxHoursIn24: r.maxHoursIn24 as number,
  cancelNoticeHours: r.cancelNoticeHours as number,
  checkInEarlyMinutes: r.checkInEarlyMinutes as number,
  noShowAfterMinutes: r.noShowAfterMinutes as number,
});

const settings = defineCommunitySettings<DutyRules, DutySettingsSave>({
  table: dutySettings,
  permission: 'duty.settings',
  audit: { action: 'duty.settings.save', entityType: 'duty_settings' },
  defaults: DEFAULT_DUTY_RULES,
  fromRow: pick,
  fromInput: (input) => pick(input),
});

/** The rules from a settings row read with something else (camelCase keys), or the defaults when the community has none. */
export const rulesFromRow = (row: Record<string, unknown> | null): DutyRules => (row ? pick(row) : DEFAULT_DUTY_RULES);

/** The rules of a community (its own, or the defaults: 12 h in 24, 12 h notice, check-in 30 min early, no-show after 30 min). */
export const rulesOf = (ex: Executor, communityId: number): Promise<DutyRules> => settings.valuesOf(ex, communityId);
export const listDutySettings = settings.list;
export const saveDutySettings = settings.save;
