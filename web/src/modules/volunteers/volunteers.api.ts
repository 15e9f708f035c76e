import { useQueryClient } from '@tanstack/react-query';
import type {
  ActivityCreate,
  ActivityDetail,
  ActivityQr,
  ActivityView,
  AwardPage,
  AwardRuleView,
  AwardView,
  BankAccountView,
  BankStatement,
  DispatchCreate,
  DispatchView,
  HoldView,
  HoursEntryView,
  HoursStatement,
  MyBank,
  MyVolunteer,
  NeedPage,
  NeedPublish,
  NeedPublishOnBehalf,
  NeedStatus,
  NeedView,
  PairingView,
  ProgrammeView,
  ServiceType,
  SignupView,
  VolTeamView,
  VolunteerCard,
  VolunteerJoin,
  VolunteerView,
} from '@jiayuan/contracts';
import type { z } from 'zod';
import { api } from '../../platform/api/client';
import { useLiveTopic } from '../../platform/live/live';

export type { ActivityView, AwardView, BankAccountView, BankStatement, DispatchView, HoldView, HoursEntryView, HoursStatement, MyBank, MyVolunteer };
export type { NeedStatus, NeedView, ProgrammeView, ServiceType, SignupView, VolunteerView };
export type TeamView = VolTeamView;
export type Activity = z.infer<typeof ActivityDetail>;
export type Pairing = z.infer<typeof PairingView>;
export type AwardRule = z.infer<typeof AwardRuleView>;
export type Card = z.infer<typeof VolunteerCard>;
export type Qr = z.infer<typeof ActivityQr>;
export type Needs = z.infer<typeof NeedPage>;
export type Awards = z.infer<typeof AwardPage>;

/** The service types, in the seed's order (代购 … 其他). */
export const SERVICE_TYPES: readonly ServiceType[] = [
  'shopping',
  'medicine',
  'hospitalEscort',
  'cleaning',
  'tutoring',
  'repairs',
  'companionship',
  'elderCare',
  'civility',
  'other',
];
export const NEED_STATUSES: readonly NeedStatus[] = ['open', 'taken', 'done', 'confirmed', 'cancelled', 'expired'];
export const THEMES = ['health', 'green', 'happiness', 'harmony', 'integrity'] as const;

/** What a need's page may offer; `actions` from the server says which apply to the caller. */
export type NeedAction = 'take' | 'done' | 'confirm' | 'rate' | 'cancel' | 'handOver' | 'noShow';

type Page<T> = { items: T[]; total: number };
type Q = Record<string, string | number | boolean | null | undefined>;
const V = '/volunteers';

/** Every request of the module, in one place. */
export const volApi = {
  // needs
  needs: (q: Q = {}) => api.get<Needs>(`${V}/needs`, { pageSize: 100, ...q }),
  need: (id: number) => api.get<NeedView>(`${V}/needs/${id}`),
  publish: (body: NeedPublish) => api.post<NeedView>(`${V}/my/needs`, body),
  publishOnBehalf: (body: NeedPublishOnBehalf) => api.post<NeedView>(`${V}/needs`, body),
  take: (n: NeedView) => api.post<NeedView>(`${V}/needs/${n.id}/take`, {}),
  done: (n: NeedView, body: { minutes: number; note: string | null }) => api.post<NeedView>(`${V}/needs/${n.id}/done`, body),
  confirm: (n: NeedView) => api.post<NeedView>(`${V}/needs/${n.id}/confirm`, { version: n.version }),
  rate: (n: NeedView, body: { rating: number; comment: string | null; volunteerId?: number | null }) => api.post<NeedView>(`${V}/needs/${n.id}/rate`, body),
  cancel: (n: NeedView, reason: string) => api.post<NeedView>(`${V}/needs/${n.id}/cancel`, { reason }),
  handOver: (n: NeedView, reason: string | null) => api.post<NeedView>(`${V}/needs/${n.id}/hand-over`, { toVolunteerId: null, reason }),
  noShow: (n: NeedView, volunteerId: number) => api.post<NeedView>(`${V}/needs/${n.id}/no-show`, { volunteerId }),
  myNeeds: () => api.get<Needs>(`${V}/my/needs`, { pageSize: 50 }),
  openNeeds: () => api.get<Needs>(`${V}/my/open-needs`, { pageSize: 50 }),
  // volunteers and teams
  volunteers: (q: Q = {}) => api.get<Page<VolunteerView>>(`${V}/people`, { pageSize: 100, ...q }),
  teams: (q: Q = {}) => api.get<Page<TeamView>>(`${V}/teams`, { pageSize: 100, ...q }),
  my: () => api.get<MyVolunteer>(`${V}/my`),
  join: (body: VolunteerJoin) => api.post<VolunteerView>(`${V}/my/join`, body),
  card: () => api.get<Card>(`${V}/my/card`),
  // activities
  activities: (q: Q = {}) => api.get<Page<ActivityView>>(`${V}/activities`, { pageSize: 100, ...q }),
  myActivities: () => api.get<Page<ActivityView>>(`${V}/my/activities`, { pageSize: 50 }),
  activity: (id: number) => api.get<Activity>(`${V}/activities/${id}`),
  createActivity: (body: ActivityCreate) => api.post<ActivityView>(`${V}/activities`, body),
  activityQr: (id: number) => api.get<Qr>(`${V}/activities/${id}/qr`),
  signUp: (id: number) => api.post<ActivityView>(`${V}/activities/${id}/sign-up`, { waitlist: true }),
  cancelSignup: (signupId: number) => api.post<SignupView>(`${V}/signups/${signupId}/cancel`, {}),
  scan: (token: string) => api.post<SignupView>(`${V}/my/scan`, { token }),
  rosterCheck: (signupId: number, what: 'check-in' | 'check-out') => api.post<SignupView>(`${V}/signups/${signupId}/${what}`, {}),
  confirmActivity: (id: number) => api.post<Activity>(`${V}/activities/${id}/confirm`, {}),
  programmes: () => api.get<Page<ProgrammeView>>(`${V}/programmes`, { pageSize: 20 }),
  // dispatch
  dispatches: (q: Q = {}) => api.get<Page<DispatchView>>(`${V}/dispatches`, { pageSize: 50, ...q }),
  dispatch: (id: number) => api.get<DispatchView>(`${V}/dispatches/${id}`),
  createDispatch: (body: DispatchCreate) => api.post<DispatchView>(`${V}/dispatches`, body),
  dispatchCandidates: (employerIds: number[]) =>
    Promise.all(employerIds.map((employerId) => api.get<Page<VolunteerView>>(`${V}/people`, { employerId, pageSize: 200 }))).then((r) =>
      r.flatMap((x) => x.items),
    ),
  answerDispatch: (id: number, volunteerIds: number[]) => api.post<DispatchView>(`${V}/dispatches/${id}/answer`, { volunteerIds }),
  closeDispatch: (id: number, attendedPersonIds: number[]) => api.post<DispatchView>(`${V}/dispatches/${id}/close`, { attendedPersonIds }),
  // pairings
  pairings: (q: Q = {}) => api.get<Page<Pairing>>(`${V}/pairings`, { pageSize: 100, ...q }),
  // hours
  hours: (q: Q = {}) => api.get<Page<HoursEntryView>>(`${V}/hours`, { pageSize: 100, ...q }),
  decideHours: (id: number, reject: boolean, reason: string | null) => api.post<HoursEntryView>(`${V}/hours/${id}/decide`, { reject, reason }),
  reverseHours: (id: number, reason: string) => api.post<HoursEntryView>(`${V}/hours/${id}/reverse`, { reason }),
  statement: (q: Q) => api.get<HoursStatement>(`${V}/hours/statement`, q),
  myHours: () => api.get<Page<HoursEntryView>>(`${V}/my/hours`, { pageSize: 50 }),
  // awards
  awards: (q: Q = {}) => api.get<Awards>(`${V}/awards`, { pageSize: 100, ...q }),
  awardRules: () => api.get<AwardRule[]>(`${V}/award-rules`),
  myAwards: () => api.get<AwardView[]>(`${V}/my/awards`),
  proposeAwards: (ruleId: number, from: string, to: string) => api.post<Awards>(`${V}/award-rules/${ruleId}/propose`, { from, to }),
  confirmAward: (id: number) => api.post<AwardView>(`${V}/awards/${id}/confirm`, {}),
  // the love bank
  myBank: () => api.get<MyBank>(`${V}/my/bank`),
  myStatement: (year?: number) => api.get<BankStatement>(`${V}/my/bank/statement`, { year }),
  transfer: (body: { toResidentId: number; minutes: number; memo: string | null }) => api.post<MyBank>(`${V}/my/bank/transfers`, body),
  addDelegate: (residentId: number) => api.post<MyBank>(`${V}/my/bank/delegates`, { residentId }),
  accounts: (q: Q = {}) => api.get<Page<BankAccountView>>(`${V}/bank/accounts`, { pageSize: 100, ...q }),
  accountStatement: (id: number, year?: number) => api.get<BankStatement>(`${V}/bank/accounts/${id}/statement`, { year }),
};

/** Refreshes the module's queries on each event of its live topic (and hands the event on). */
export function useVolunteersLive(onEvent?: (data: Record<string, unknown>) => void) {
  const qc = useQueryClient();
  useLiveTopic('volunteers', 'volunteers.changed', (data) => {
    void qc.invalidateQueries({ queryKey: ['vol'] });
    onEvent?.(data);
  });
}

export const NEED_COLORS: Record<NeedStatus, string> = {
  open: 'processing',
  taken: 'blue',
  done: 'cyan',
  confirmed: 'success',
  cancelled: 'default',
  expired: 'red',
};

type T = (k: string, o?: Record<string, unknown>) => string;

/** Minutes as "45 分钟" or "12 小时 30 分" (signed for a reversal). */
export function hm(minutes: number | null | undefined, t: T): string {
  const m = Math.round(minutes ?? 0);
  const a = Math.abs(m);
  return (m < 0 ? '-' : '') + (a < 60 ? t('vol.min', { m: a }) : t('vol.hm', { h: Math.floor(a / 60), m: a % 60 }));
}
