import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { memberOfResident } from './duty.repository.js';

/** What other modules may read of duty: the minutes each person served (the `duty_served` view) and a resident's report. */

export interface DutyServed {
  claimId: number;
  residentId: number;
  employerId: number | null;
  communityId: number;
  placePath: string;
  checkedInAt: Date;
  checkedOutAt: Date;
  servedMinutes: number;
}

/**
 * Shifts served (checked out, minutes computed from the check-in and check-out), in check-out order
 * after the position `after` (a check-out time and claim id); only those of these residents when
 * `residentIds` is given. The volunteers' hours ledger reads duty minutes here.
 */
export async function dutyServedAfter(
  ex: Executor,
  after: { at: Date; claimId: number },
  limit: number,
  residentIds?: readonly number[],
): Promise<DutyServed[]> {
  if (residentIds && residentIds.length === 0) return [];
  const rows = await queryRows<DutyServed>(
    ex,
    sql`SELECT claim_id AS "claimId", resident_id AS "residentId", employer_id AS "employerId", community_id AS "communityId", place_path AS "placePath",
               checked_in_at AS "checkedInAt", checked_out_at AS "checkedOutAt", served_minutes AS "servedMinutes"
        FROM duty_served WHERE (checked_out_at, claim_id) > (${after.at}, ${after.claimId}) AND served_minutes > 0
        ${
          residentIds
            ? sql`AND resident_id IN (${sql.join(
                residentIds.map((r) => sql`${r}`),
                sql`, `,
              )})`
            : sql``
        }
        ORDER BY checked_out_at, claim_id LIMIT ${limit}`,
  );
  // Raw rows carry timestamps as text on both drivers.
  return rows.map((r) => ({ ...r, checkedInAt: new Date(r.checkedInAt), checkedOutAt: new Date(r.checkedOutAt) }));
}

/** A resident's party-member report (skills, roles, unit), if they reported in. */
export async function dutyReportOf(ex: Executor, residentId: number) {
  const m = await memberOfResident(ex, residentId);
  return m ? { memberId: m.id, status: m.status, skills: m.skills, roles: m.roles, employerId: m.employerId, availability: m.availability } : null;
}
