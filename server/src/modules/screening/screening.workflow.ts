import type { CampaignStatus } from '@jiayuan/contracts';
import type { AppError } from '../../platform/errors/app-error.js';
import { screeningErrors, STATUS_TEXT } from './screening.errors.js';

/** What can happen to a campaign, from which states, to which state. */
export const CAMPAIGN_TRANSITIONS = {
  start: { from: ['draft'], to: 'active' },
  newRound: { from: ['active'], to: 'active' },
  close: { from: ['active'], to: 'closed' },
} as const satisfies Record<string, { from: readonly CampaignStatus[]; to: CampaignStatus }>;
export type CampaignTransition = keyof typeof CAMPAIGN_TRANSITIONS;

const ACTION_TEXT: Record<CampaignTransition | 'update' | 'visit' | 'assign', { zh: string; en: string }> = {
  start: { zh: '开始', en: 'started' },
  newRound: { zh: '开始新一轮', en: 'given a new round' },
  close: { zh: '结束', en: 'closed' },
  update: { zh: '修改', en: 'changed' },
  visit: { zh: '记录走访', en: 'visited' },
  assign: { zh: '分配走访人员', en: 'assigned' },
};

export interface CampaignState {
  status: CampaignStatus;
  startsOn: string;
  endsOn: string;
  placeCount: number;
}

function notNow(c: CampaignState, action: keyof typeof ACTION_TEXT): AppError {
  const s = STATUS_TEXT[c.status];
  const a = ACTION_TEXT[action];
  return screeningErrors.SCREENING_NOT_ALLOWED_NOW({ status: s.zh, statusEn: s.en, action: a.zh, actionEn: a.en });
}

/** Why this transition may not happen now (null: it may). Pure: the service adds the database's word. */
export function transitionProblem(c: CampaignState, action: CampaignTransition, today: string): AppError | null {
  const t = CAMPAIGN_TRANSITIONS[action];
  if (!(t.from as readonly CampaignStatus[]).includes(c.status)) return notNow(c, action);
  if (action === 'start') {
    if (c.placeCount === 0) return notNow(c, action);
    if (c.endsOn < today) return screeningErrors.SCREENING_DATES();
  }
  return null;
}

/** Drafts can change freely; a running campaign keeps its questions and places (visits answered them). */
export function updateProblem(c: CampaignState, changes: { questions: boolean; places: boolean }): AppError | null {
  if (c.status === 'closed') return notNow(c, 'update');
  if (c.status === 'active' && (changes.questions || changes.places)) return screeningErrors.SCREENING_QUESTIONS_LOCKED();
  return null;
}

/** Visits are recorded only while the campaign runs. */
export function visitProblem(c: Pick<CampaignState, 'status'>): AppError | null {
  return c.status === 'active' ? null : screeningErrors.SCREENING_CAMPAIGN_NOT_ACTIVE();
}

/** Assignments can be made before and during the campaign. */
export function assignProblem(c: CampaignState): AppError | null {
  return c.status === 'closed' ? notNow(c, 'assign') : null;
}
