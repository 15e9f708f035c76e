import { useQueryClient } from '@tanstack/react-query';
import type {
  CallUpCreate,
  CallUpStatus,
  CallUpView,
  ClaimStatus,
  ClaimView,
  DutyRole,
  DutySettingsSave,
  DutyTable,
  DutyTeamCreate,
  DutyTeamUpdate,
  MemberRegister,
  MemberReport,
  MemberStatus,
  MemberView,
  MyDuty,
  PostCreate,
  PostUpdate,
  PostView,
  RosterCoverage,
  RosterBuilding,
  RosterSave,
  ShiftCreate,
  ShiftGenerate,
  ShiftView,
  DutyTeamView,
} from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useLiveTopic } from '../../platform/live/live';

/** A shift with who holds it and who waits (staff). */
export type ShiftDetail = ShiftView & { claims: ClaimView[] };
export type Generated = { created: number; kept: number; shiftIds: number[]; preview: boolean };
export type DutySettings = DutySettingsSave & { communityId: number; communityName: string; isDefault: boolean; version: number; actions: string[] };

export type { CallUpView, ClaimView, DutyRole, DutyTable, DutyTeamView, MemberView, MyDuty, PostView, RosterBuilding, RosterCoverage, ShiftView };

/** The ten roles, in the seed's order (宣传员 … 处置员). */
export const ROLES: readonly DutyRole[] = [
  'publicity',
  'patrol',
  'persuasion',
  'information',
  'tutoring',
  'vehicleCheck',
  'quarantine',
  'gatekeeper',
  'purchasing',
  'disposal',
];

const D = '/duty';
type Page<T> = { items: T[]; total: number };
type Q = Record<string, string | number | boolean | null | undefined>;

/** Every request of the module, in one place (docs/api.md "Duty"). */
export const dutyApi = {
  // staff
  callUps: (q: Q = {}) => api.get<Page<CallUpView>>(`${D}/call-ups`, { pageSize: 50, ...q }),
  callUp: (id: number) => api.get<CallUpView>(`${D}/call-ups/${id}`),
  createCallUp: (body: CallUpCreate) => api.post<CallUpView>(`${D}/call-ups`, body),
  closeCallUp: (id: number, reason: string | null) => api.post<CallUpView>(`${D}/call-ups/${id}/close`, { reason }),
  posts: (q: Q) => api.get<Page<PostView>>(`${D}/posts`, q),
  shifts: (q: Q) => api.get<Page<ShiftView>>(`${D}/shifts`, q),
  members: (q: Q) => api.get<Page<MemberView> & { counts: Record<MemberStatus, number> }>(`${D}/members`, q),
  confirmMember: (m: MemberView) => api.post<MemberView>(`${D}/members/${m.id}/confirm`, { version: m.version }),
  rejectMember: (m: MemberView, reason: string) => api.post<MemberView>(`${D}/members/${m.id}/reject`, { reason, version: m.version }),
  teams: (q: Q) => api.get<Page<DutyTeamView>>(`${D}/teams`, q),
  roster: (q: Q) => api.get<RosterCoverage>(`${D}/roster`, q),
  saveRoster: (buildingId: number, body: RosterSave) => api.put<RosterBuilding>(`${D}/roster/${buildingId}`, body),
  table: (postId: number, from?: string) => api.get<DutyTable>(`${D}/posts/${postId}/table`, { from }),
  postQr: (postId: number) => api.get<{ postId: number; token: string; validUntil: string }>(`${D}/posts/${postId}/qr`),
  // the staff's forms
  createPost: (body: PostCreate) => api.post<PostView>(`${D}/posts`, body),
  updatePost: (id: number, body: PostUpdate) => api.patch<PostView>(`${D}/posts/${id}`, body),
  addShift: (postId: number, body: ShiftCreate) => api.post<ShiftView>(`${D}/posts/${postId}/shifts`, body),
  generateShifts: (postId: number, body: ShiftGenerate) => api.post<Generated>(`${D}/posts/${postId}/shifts/generate`, body),
  shift: (id: number) => api.get<ShiftDetail>(`${D}/shifts/${id}`),
  assign: (shiftId: number, memberId: number, waitlist = false) => api.post<ClaimView>(`${D}/shifts/${shiftId}/assign`, { memberId, waitlist }),
  checkIn: (claimId: number) => api.post<ClaimView>(`${D}/claims/${claimId}/check-in`, {}),
  checkOut: (claimId: number) => api.post<ClaimView>(`${D}/claims/${claimId}/check-out`, {}),
  noShow: (claimId: number) => api.post<ClaimView>(`${D}/claims/${claimId}/no-show`, {}),
  cancelFor: (claimId: number, reason: string | null) =>
    api.post<{ claim: ClaimView; promoted: ClaimView | null }>(`${D}/claims/${claimId}/cancel`, { reason }),
  registerMember: (body: MemberRegister) => api.post<MemberView>(`${D}/members`, body),
  createTeam: (body: DutyTeamCreate) => api.post<DutyTeamView>(`${D}/teams`, body),
  updateTeam: (id: number, body: DutyTeamUpdate) => api.patch<DutyTeamView>(`${D}/teams/${id}`, body),
  teamPosts: (id: number, postIds: number[]) => api.post<DutyTeamView>(`${D}/teams/${id}/posts`, { postIds }),
  addTeamMember: (id: number, memberId: number, role: DutyRole) => api.post<DutyTeamView>(`${D}/teams/${id}/members`, { memberId, role }),
  removeTeamMember: (id: number, memberId: number) => api.delete<DutyTeamView>(`${D}/teams/${id}/members/${memberId}`),
  settings: () => api.get<{ items: DutySettings[] }>(`${D}/settings`),
  saveSettings: (communityId: number, body: DutySettingsSave) => api.put<DutySettings>(`${D}/settings/${communityId}`, body),
  // the member (resident sign-in)
  my: () => api.get<MyDuty>(`${D}/my`),
  report: (body: MemberReport) => api.post<MemberView>(`${D}/my/report`, body),
  openShifts: (q: Q = {}) => api.get<Page<ShiftView>>(`${D}/my/open-shifts`, { pageSize: 50, ...q }),
  myShifts: (when: 'upcoming' | 'past' | 'all' = 'upcoming') => api.get<Page<ClaimView>>(`${D}/my/shifts`, { when, pageSize: 50 }),
  myCallUps: () => api.get<Page<CallUpView>>(`${D}/my/call-ups`),
  respond: (callUpId: number) => api.post<ClaimView>(`${D}/call-ups/${callUpId}/respond`, { waitlist: true }),
  claim: (shiftId: number) => api.post<ClaimView>(`${D}/shifts/${shiftId}/claim`, { waitlist: true }),
  cancel: (claimId: number, reason: string | null) =>
    api.post<{ claim: ClaimView; promoted: ClaimView | null }>(`${D}/my/claims/${claimId}/cancel`, { reason }),
  scan: (token: string) => api.post<ClaimView>(`${D}/my/scan`, { token }),
  calendar: (renew = false) => api.get<{ url: string }>(`${D}/my/calendar`, { renew: renew || undefined }),
};

/** Refreshes the module's queries on each event of its live topic (and hands the event on). */
export function useDutyLive(onEvent?: (data: Record<string, unknown>) => void) {
  const qc = useQueryClient();
  useLiveTopic('duty', 'duty.changed', (data) => {
    void qc.invalidateQueries({ queryKey: ['duty'] });
    onEvent?.(data);
  });
}

export const CALL_UP_COLORS: Record<CallUpStatus, string> = { open: 'processing', filled: 'success', closed: 'default' };
export const CLAIM_COLORS: Record<ClaimStatus, string> = {
  held: 'blue',
  waiting: 'orange',
  cancelled: 'default',
  checkedIn: 'green',
  checkedOut: 'cyan',
  noShow: 'red',
};
export const MEMBER_COLORS: Record<MemberStatus, string> = { reported: 'orange', confirmed: 'green', rejected: 'default' };

type T = (k: string, o?: Record<string, unknown>) => string;

/** Minutes as "12 小时 30 分" / "12 h 30 min". */
export function hoursText(minutes: number | null | undefined, t: T): string {
  const m = Math.max(0, Math.round(minutes ?? 0));
  return t('duty.hm', { h: Math.floor(m / 60), m: m % 60 });
}

/** Seconds as the largest sensible units ("3 分 20 秒", "1 小时 5 分"). */
export function secondsText(seconds: number | null | undefined, t: T): string {
  const s = Math.max(0, Math.round(seconds ?? 0));
  if (s < 60) return t('duty.sec', { s });
  if (s < 3600) return t('duty.ms', { m: Math.floor(s / 60), s: s % 60 });
  return t('duty.hm', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}
