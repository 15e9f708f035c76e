import type { MyVolunteer } from '@jiayuan/contracts';
import type { Ctx } from '../../platform/context.js';
import * as bank from './volunteers-bank.repository.js';
import { myActivities } from './volunteers-activities.service.js';
import { minutesSummary } from './volunteers-hours.service.js';
import { myTasks } from './volunteers-needs.service.js';
import { presentVolunteers } from './volunteers.present.js';
import * as repo from './volunteers.repository.js';

/** The volunteer's own page: who I am, my minutes, my love-bank balance, my tasks and this week's activities. */
export async function myVolunteer(ctx: Ctx): Promise<MyVolunteer> {
  const db = ctx.platform.db;
  const me = await repo.volunteerOfActor(db, ctx.actor);
  const account = ctx.actor.residentId !== null ? await bank.accountOfResident(db, ctx.actor.residentId) : undefined;
  const bankAvailable = account ? account.balance - account.held - (account.floor ?? 0) : null;
  if (!me) return { volunteer: null, minutes: { confirmed: 0, pending: 0, thisYear: 0, thisMonth: 0 }, bankAvailable, tasks: [], activities: [] };
  const [view, minutes, tasks, activities] = await Promise.all([
    presentVolunteers(ctx, db, [me]),
    minutesSummary(ctx, me.id),
    myTasks(ctx, me.id),
    myActivities(ctx, { page: 1, pageSize: 10 }),
  ]);
  return { volunteer: view[0]!, minutes, bankAvailable, tasks, activities: activities.items };
}
