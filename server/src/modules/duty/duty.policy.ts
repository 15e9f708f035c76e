import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import type { ClaimRow, MemberRow, PostRow, ShiftRow } from './duty.repository.js';

/** Who may do what to duty records: the permission, in the scope of the record's place. */

export const memberPolicy = definePolicy<Pick<MemberRow, 'placePath' | 'status'>, 'confirm' | 'reject'>({
  confirm: (a, m) => can(a, 'duty.member.manage') && inPlaceScope(a, m.placePath) && m.status !== 'confirmed',
  reject: (a, m) => can(a, 'duty.member.manage') && inPlaceScope(a, m.placePath) && m.status !== 'rejected',
});

export const postPolicy = definePolicy<Pick<PostRow, 'placePath'>, 'edit' | 'addShifts' | 'qr' | 'callUp'>({
  edit: (a, p) => can(a, 'duty.post.manage') && inPlaceScope(a, p.placePath),
  addShifts: (a, p) => can(a, 'duty.post.manage') && inPlaceScope(a, p.placePath),
  qr: (a, p) => can(a, 'duty.post.manage') && inPlaceScope(a, p.placePath),
  callUp: (a, p) => can(a, 'duty.callUp') && inPlaceScope(a, p.placePath),
});

/** A member (a resident signed in) claims; staff assign. */
export const shiftPolicy = definePolicy<Pick<ShiftRow, 'placePath' | 'filled' | 'headcount'>, 'claim' | 'assign'>({
  claim: (a) => a.residentId !== null,
  assign: (a, s) => can(a, 'duty.post.manage') && inPlaceScope(a, s.placePath),
});

/** `ownMemberId`: the member the caller is (a resident's own claims), or null for staff. */
type ClaimSubject = Pick<ClaimRow, 'placePath' | 'status' | 'memberId'> & { ownMemberId: number | null };
const own = (c: ClaimSubject) => c.ownMemberId !== null && c.ownMemberId === c.memberId;
const staffOver = (a: Parameters<typeof can>[0], c: ClaimSubject, p: Parameters<typeof can>[1]) => can(a, p) && inPlaceScope(a, c.placePath);

export const claimPolicy = definePolicy<ClaimSubject, 'cancel' | 'checkIn' | 'checkOut' | 'noShow'>({
  cancel: (a, c) => (c.status === 'held' || c.status === 'waiting') && (own(c) || staffOver(a, c, 'duty.post.manage')),
  checkIn: (a, c) => c.status === 'held' && staffOver(a, c, 'duty.checkIn.confirm'),
  checkOut: (a, c) => c.status === 'checkedIn' && (own(c) || staffOver(a, c, 'duty.checkIn.confirm')),
  noShow: (a, c) => c.status === 'held' && staffOver(a, c, 'duty.checkIn.confirm'),
});
