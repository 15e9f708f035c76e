import { permissionsOf, type Role } from '@jiayuan/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import { campaignPolicy, findingPolicy } from './screening.policy.js';

const actor = (role: Role, paths: string[]): Actor => ({
  kind: 'user',
  userId: 1,
  tokenId: null,
  name: role,
  roles: [role],
  permissions: permissionsOf([role]),
  scope: { all: false, places: paths.map((path, i) => ({ id: i + 1, path })), employerIds: [] },
  residentId: null,
  householdId: null,
});

const department = '1.2.';
const communityA = '1.2.3.';
const campaign = { status: 'active' as const, paths: [department] };

describe('who may do what with a campaign', () => {
  it("the department's coordinator runs the department's campaign; a community's staff only assign their people", () => {
    expect(campaignPolicy.actions(actor('department_coordinator', [department]), campaign)).toEqual(
      expect.arrayContaining(['manage', 'newRound', 'close', 'assign', 'coverage', 'export', 'findings']),
    );
    const staff = campaignPolicy.actions(actor('community_staff', [communityA]), campaign);
    expect(staff).toEqual(expect.arrayContaining(['assign', 'visit', 'coverage']));
    expect(staff).not.toContain('close');
    expect(staff).not.toContain('manage');
  });

  it('a volunteer visits while the campaign runs, and reads nothing else', () => {
    expect(campaignPolicy.actions(actor('volunteer', [communityA]), campaign)).toEqual(['visit']);
    expect(campaignPolicy.actions(actor('volunteer', [communityA]), { ...campaign, status: 'closed' })).toEqual([]);
  });
});

describe('who decides on a finding', () => {
  const fever = { status: 'open' as const, placePath: `${communityA}7.8.9.10.`, residentId: 5, reasons: ['fever' as const] };

  it("the community's health worker opens a case or resolves it; a volunteer does neither", () => {
    expect(findingPolicy.actions(actor('health_worker', [communityA]), fever)).toEqual(['openCase', 'resolve']);
    expect(findingPolicy.actions(actor('volunteer', [communityA]), fever)).toEqual([]);
  });

  it('no case for someone not registered, nor for a finding that is only about the registry, nor once decided', () => {
    const hw = actor('health_worker', [communityA]);
    expect(findingPolicy.actions(hw, { ...fever, residentId: null })).toEqual(['resolve']);
    expect(findingPolicy.actions(hw, { ...fever, reasons: ['unregistered'] })).toEqual(['resolve']);
    expect(findingPolicy.actions(hw, { ...fever, status: 'case_opened' })).toEqual([]);
  });

  it('nothing in another community', () => {
    expect(findingPolicy.actions(actor('health_worker', ['1.2.4.']), fever)).toEqual([]);
  });
});
