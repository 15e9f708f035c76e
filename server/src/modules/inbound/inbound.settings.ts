import { INBOUND_DEFAULTS } from '@jiayuan/contracts';
import type { Executor } from '../../platform/db/database.js';
import { defineCommunitySettings } from '../../platform/settings/community-settings.js';
import { inboundSettings } from './inbound.schema.js';

export type Deadlines = { [K in keyof typeof INBOUND_DEFAULTS]: number };

const pick = (r: Record<string, unknown>): Deadlines => ({
  routeMinutes: r.routeMinutes as number,
  reviewMinutes: r.reviewMinutes as number,
  notifyMinutes: r.notifyMinutes as number,
  arrivalGraceDays: r.arrivalGraceDays as number,
  defaultObservationDays: r.defaultObservationDays as number,
});

/** Each community's deadlines of the loop (route 15 min, review 45 min, notify 2 h, arrival + 1 day by default). */
const settings = defineCommunitySettings<Deadlines, Deadlines & { version?: number | undefined }>({
  table: inboundSettings,
  permission: 'inbound.configure',
  audit: { action: 'inbound.settings.save', entityType: 'inbound_settings' },
  defaults: { ...INBOUND_DEFAULTS },
  fromRow: pick,
  fromInput: (input) => pick(input),
});

/** A community's deadlines, or the defaults. */
export const deadlinesOf = (ex: Executor, communityId: number | null): Promise<Deadlines> => settings.valuesOf(ex, communityId);
export const listSettings = settings.list;
export const saveSettings = settings.save;
