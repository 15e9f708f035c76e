import { DEFAULT_SLOTS, type SlotSpec } from '@jiayuan/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.service.js';
import type { Executor } from '../../platform/db/database.js';
import * as places from '../../platform/places/places.repository.js';
import { defineCommunitySettings } from '../../platform/settings/community-settings.js';
import { places as placeTable } from '../../platform/places/places.schema.js';
import { observationSettings } from './observation.schema.js';

/** By default the arrival day is not counted: 14 days from arrival on 03-01 end on 03-16 (Civil Code art. 201). */
export const DEFAULT_ARRIVAL_DAY_COUNTED = false;

/** The slots and counting rule of the community a place lies in (its own, or the defaults). */
export async function observationRulesFor(ex: Executor, placePath: string): Promise<{ slots: SlotSpec[]; arrivalDayCounted: boolean }> {
  const ids = places.pathIds(placePath);
  const defaults = { slots: DEFAULT_SLOTS, arrivalDayCounted: DEFAULT_ARRIVAL_DAY_COUNTED };
  if (ids.length === 0) return defaults;
  const [row] = await ex
    .select({ slots: observationSettings.slots, arrivalDayCounted: observationSettings.arrivalDayCounted })
    .from(observationSettings)
    .innerJoin(placeTable, eq(placeTable.id, observationSettings.communityId))
    .where(sql`${inArray(observationSettings.communityId, ids)} AND ${placeTable.type} = 'community'`);
  return row ?? defaults;
}

type SlotSettings = { slots: SlotSpec[]; arrivalDayCounted: boolean };

/** Each community's check slots and whether the arrival day counts; cases opened from then on use them. */
const settings = defineCommunitySettings<SlotSettings, { slots: SlotSpec[]; arrivalDayCounted?: boolean | undefined; version?: number | undefined }>({
  table: observationSettings,
  permission: 'observation.manage',
  audit: { action: 'observation.settings.saveSlots', entityType: 'observation_settings' },
  defaults: { slots: DEFAULT_SLOTS, arrivalDayCounted: DEFAULT_ARRIVAL_DAY_COUNTED },
  fromRow: (r) => ({ slots: r.slots as SlotSpec[], arrivalDayCounted: r.arrivalDayCounted as boolean }),
  fromInput: (input, before) => ({ slots: input.slots, arrivalDayCounted: input.arrivalDayCounted ?? before.arrivalDayCounted }),
  // Counting the arrival day moves every new case's end by a day: a change of its own in the log.
  async onSave(tx, ctx, communityId, before, after) {
    if (before.arrivalDayCounted === after.arrivalDayCounted) return;
    await recordAudit(tx, ctx, {
      action: 'observation.settings.saveCounting',
      entityType: 'observation_settings',
      entityId: communityId,
      before: { arrivalDayCounted: before.arrivalDayCounted },
      after: { arrivalDayCounted: after.arrivalDayCounted },
    });
  },
});

export const listSlotSettings = settings.list;
export const saveSlotSettings = settings.save;
