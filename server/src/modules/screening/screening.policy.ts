import type { CampaignStatus, FindingReason, FindingStatus } from '@jiayuan/contracts';
import { can, inPlaceScope, type Actor } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { defineLiveTopic } from '../../platform/notifications/live-topics.js';
import { hasHealthReason } from './screening.questions.js';

/** Coverage moved in a community: the coverage page refreshes (campaign and community ids only). */
export const SCREENING_TOPIC = defineLiveTopic('screening', ['screening.read']);

export interface CampaignRecord {
  status: CampaignStatus;
  /** The campaign's places. */
  paths: string[];
}

/** Every place of the campaign lies in the actor's scope: they run the whole of it. */
function ownsAll(a: Actor, c: CampaignRecord) {
  return c.paths.length > 0 && c.paths.every((p) => inPlaceScope(a, p));
}

/**
 * Who runs a campaign: managers whose scope holds all its places. Community staff take part in
 * a department's campaign (assign their own people, read their coverage) without running it.
 */
export const campaignPolicy = definePolicy<
  CampaignRecord,
  'manage' | 'update' | 'start' | 'newRound' | 'close' | 'assign' | 'visit' | 'coverage' | 'export' | 'findings'
>({
  /** Runs the campaign at all (the state decides what can be done now: a 409, not a 403). */
  manage: (a, c) => can(a, 'screening.manage') && ownsAll(a, c),
  update: (a, c) => can(a, 'screening.manage') && ownsAll(a, c) && c.status !== 'closed',
  start: (a, c) => can(a, 'screening.manage') && ownsAll(a, c) && c.status === 'draft',
  newRound: (a, c) => can(a, 'screening.manage') && ownsAll(a, c) && c.status === 'active',
  close: (a, c) => can(a, 'screening.manage') && ownsAll(a, c) && c.status === 'active',
  assign: (a, c) => can(a, 'screening.manage') && c.status !== 'closed',
  visit: (a, c) => can(a, 'screening.visit') && c.status === 'active',
  coverage: (a) => can(a, 'screening.read'),
  export: (a) => can(a, 'screening.export'),
  findings: (a) => can(a, 'screening.read'),
});

export interface FindingRecord {
  status: FindingStatus;
  placePath: string;
  residentId: number | null;
  reasons: FindingReason[];
}

/** Follow-ups are decided by those who follow up (health workers, community staff) where the person lives. */
export const findingPolicy = definePolicy<FindingRecord, 'openCase' | 'resolve'>({
  openCase: (a, f) =>
    can(a, 'screening.followup') && inPlaceScope(a, f.placePath) && f.status === 'open' && f.residentId !== null && hasHealthReason(f.reasons),
  resolve: (a, f) => can(a, 'screening.followup') && inPlaceScope(a, f.placePath) && f.status === 'open',
});

/** Volunteers visit only the households assigned to them; staff who may read households visit any in their scope. */
export function visitsAnyInScope(a: Actor): boolean {
  return can(a, 'household.read');
}
