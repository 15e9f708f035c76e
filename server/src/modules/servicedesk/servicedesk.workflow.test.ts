import { describe, expect, it } from 'vitest';
import { inputGuard, mergeGuard, nextStatus, statusAllows, whoGuard, type OrderState } from './servicedesk.workflow.js';

const repair = (over: Partial<OrderState> = {}): OrderState => ({
  kind: 'repair',
  status: 'received',
  placePath: '1.2.3.',
  teamId: 1,
  assigneeUserId: null,
  ownerUserId: 9,
  transferToTeamId: null,
  pausedFrom: null,
  ...over,
});
/** The acting user: their teams, and those of them they lead. */
const who = (userId: number, teamIds: number[], leaderOf: number[] = []) => ({ userId, teamIds, leaderOf });
const complaint = (over: Partial<OrderState> = {}): OrderState => repair({ kind: 'complaint', ...over });
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return null;
};

describe('the repair work order', () => {
  it('goes received → dispatched → accepted → on site → resolved → closed', () => {
    let o = repair();
    for (const [action, to] of [
      ['take', 'dispatched'],
      ['accept', 'accepted'],
      ['arrive', 'on_site'],
      ['resolve', 'resolved'],
      ['callback', 'closed'],
    ] as const) {
      expect(nextStatus(o, action)).toBe(to);
      o = { ...o, status: to };
    }
  });

  it('refuses to resolve an order nobody has arrived at', () => {
    expect(codeOf(() => nextStatus(repair({ status: 'accepted' }), 'resolve'))).toBe('SD_ACTION_NOT_ALLOWED_NOW');
    expect(statusAllows(repair({ status: 'closed' }), 'pause')).toBe(false);
  });

  it('goes back to where it was when the resident is ready again', () => {
    expect(nextStatus(repair({ status: 'waiting', pausedFrom: 'accepted' }), 'resume')).toBe('accepted');
  });

  it('lets only the repairer it was dispatched to accept, arrive and resolve', () => {
    const o = repair({ status: 'dispatched', assigneeUserId: 5 });
    expect(whoGuard(o, 'accept', who(5, [1]))).toBeNull();
    expect(whoGuard(o, 'accept', who(6, [1]))?.code).toBe('SD_NOT_ASSIGNEE');
    expect(whoGuard(o, 'resolve', who(6, [1]))?.code).toBe('SD_NOT_ASSIGNEE');
  });

  it('lets only team members take an order from the pool', () => {
    expect(whoGuard(repair(), 'take', who(5, [1]))).toBeNull();
    expect(whoGuard(repair(), 'take', who(5, [2]))?.code).toBe('SD_NOT_TEAM_MEMBER');
  });

  it('dispatches only to a member of the responsible team, and transfers only to another team', () => {
    expect(inputGuard(repair(), { action: 'dispatch', assigneeUserId: 5 }, { assigneeTeamIds: [2] })?.code).toBe('SD_ASSIGNEE_NOT_IN_TEAM');
    expect(inputGuard(repair(), { action: 'dispatch', assigneeUserId: 5 }, { assigneeTeamIds: [1] })).toBeNull();
    expect(inputGuard(repair(), { action: 'transfer', toTeamId: 1 }, { targetTeam: { active: true, placePath: '1.2.' } })?.code).toBe('SD_TRANSFER_SAME_TEAM');
    expect(inputGuard(repair(), { action: 'transfer', toTeamId: 3 }, { targetTeam: { active: false, placePath: '1.2.' } })?.code).toBe('SD_TEAM_UNKNOWN');
    expect(inputGuard(repair(), { action: 'transfer', toTeamId: 3 }, { targetTeam: null })?.code).toBe('SD_TEAM_UNKNOWN');
    expect(whoGuard(repair({ teamId: null }), 'dispatch', who(1, []))?.code).toBe('SD_NO_TEAM');
  });

  it("transfers only to a team whose place contains the order's place", () => {
    const transfer = { action: 'transfer' as const, toTeamId: 3 };
    expect(inputGuard(repair(), transfer, { targetTeam: { active: true, placePath: '1.2.' } })).toBeNull();
    expect(inputGuard(repair(), transfer, { targetTeam: { active: true, placePath: '1.2.3.' } })).toBeNull();
    expect(inputGuard(repair(), transfer, { targetTeam: { active: true, placePath: '1.4.' } })?.code).toBe('SD_TEAM_NOT_SERVING_PLACE');
    // '1.2.' is not a place above '1.22.'.
    expect(inputGuard(repair({ placePath: '1.22.5.' }), transfer, { targetTeam: { active: true, placePath: '1.2.' } })?.code).toBe('SD_TEAM_NOT_SERVING_PLACE');
    expect(inputGuard(repair({ placePath: '' }), transfer, { targetTeam: { active: true, placePath: '1.' } })?.code).toBe('SD_TEAM_NOT_SERVING_PLACE');
  });

  it('leaves dispatching, transferring, cancelling, merging and reopening to the desk, the owner and the team leader, not to the repairer working on it', () => {
    const accepted = repair({ status: 'accepted', assigneeUserId: 5, ownerUserId: 9 });
    for (const action of ['dispatch', 'transfer', 'cancel', 'merge', 'reopen'] as const) {
      // The repairer it was dispatched to, and another member of the team.
      expect(whoGuard(accepted, action, who(5, [1]))?.code).toBe('SD_DESK_ACTION');
      expect(whoGuard(accepted, action, who(6, [1]))?.code).toBe('SD_DESK_ACTION');
      // The desk that owns it, the team leader, and a dispatcher outside the team.
      expect(whoGuard(accepted, action, who(9, []))).toBeNull();
      expect(whoGuard(accepted, action, who(7, [1], [1]))).toBeNull();
      expect(whoGuard(accepted, action, who(8, [2]))).toBeNull();
    }
    // Their own steps stay theirs.
    expect(whoGuard(accepted, 'arrive', who(5, [1]))).toBeNull();
    expect(whoGuard(accepted, 'pause', who(5, [1]))).toBeNull();
  });

  it('merges only into another open order of the same kind', () => {
    const a = { ...repair(), id: 1 };
    expect(mergeGuard(a, { ...repair(), id: 2 })).toBeNull();
    expect(mergeGuard(a, a)?.code).toBe('SD_MERGE_TARGET_INVALID');
    expect(mergeGuard(a, { ...repair({ status: 'closed' }), id: 2 })?.code).toBe('SD_MERGE_TARGET_INVALID');
    expect(mergeGuard(a, { ...complaint(), id: 2 })?.code).toBe('SD_MERGE_TARGET_INVALID');
  });
});

describe('the complaint', () => {
  it('goes received → accepted → replied → closed, and reopens to accepted', () => {
    expect(nextStatus(complaint(), 'accept')).toBe('accepted');
    expect(nextStatus(complaint({ status: 'accepted' }), 'reply')).toBe('replied');
    expect(nextStatus(complaint({ status: 'replied' }), 'callback')).toBe('closed');
    expect(nextStatus(complaint({ status: 'closed' }), 'reopen')).toBe('accepted');
  });

  it('keeps its status while a transfer waits, and allows only one transfer at a time', () => {
    expect(nextStatus(complaint({ status: 'accepted' }), 'transfer')).toBe('accepted');
    expect(whoGuard(complaint({ transferToTeamId: 2 }), 'transfer', who(9, [1]))?.code).toBe('SD_TRANSFER_PENDING');
  });

  it('lets only the receiving team accept or refuse a transfer', () => {
    const o = complaint({ transferToTeamId: 2 });
    expect(whoGuard(o, 'acceptTransfer', who(7, [2]))).toBeNull();
    expect(whoGuard(o, 'acceptTransfer', who(9, [1]))?.code).toBe('SD_NOT_RECEIVING_TEAM');
    expect(whoGuard(complaint(), 'rejectTransfer', who(7, [2]))?.code).toBe('SD_NO_TRANSFER_PENDING');
  });

  it('lets the owner or the handling team reply', () => {
    const o = complaint({ status: 'accepted', ownerUserId: 9, teamId: 2 });
    expect(whoGuard(o, 'reply', who(9, []))).toBeNull();
    expect(whoGuard(o, 'reply', who(7, [2]))).toBeNull();
    expect(whoGuard(o, 'reply', who(8, [1]))?.code).toBe('SD_NOT_TEAM_MEMBER');
  });

  it('has no pool to take from and no "arrive" stage', () => {
    expect(statusAllows(complaint(), 'take')).toBe(false);
    expect(statusAllows(complaint({ status: 'accepted' }), 'arrive')).toBe(false);
  });
});
