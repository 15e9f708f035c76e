import type { ApprovalNotice, FigureRow, InboundRequestDetail, InboundRequestView, InboundSettings } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';

export interface InboundPage {
  items: InboundRequestView[];
  total: number;
  counts: Record<string, number>;
}
export interface DeclarationStatusView {
  reference: string;
  status: InboundRequestView['status'];
  communityName: string | null;
  plannedArrival: string;
  decisionReason: string | null;
  notice: ApprovalNotice | null;
  canSelfReport: boolean;
  selfReportedAt: string | null;
}
import type { PlaceNode } from '../../platform/places/places.api';
export type { PlaceNode };

/** The figures' drill-down, carried in the list's address: community or employer, submission days, outcome. */
export const DRILL_KEYS = ['communityId', 'employerId', 'submittedFrom', 'submittedTo', 'outcome'] as const;
export type DrillFilter = Partial<Record<(typeof DRILL_KEYS)[number], string>>;

export const inboundKeys = {
  all: ['inbound'] as const,
  list: (queue: string, page: number, q: string, drill: DrillFilter = {}) => ['inbound', 'list', queue, page, q, drill] as const,
  one: (id: number) => ['inbound', 'one', id] as const,
  notice: (id: number) => ['inbound', 'notice', id] as const,
};

export const inboundApi = {
  list: (queue: string, page: number, q: string, drill: DrillFilter = {}) =>
    api.get<InboundPage>('/inbound/requests', { queue, page, pageSize: 20, q, ...drill }),
  get: (id: number) => api.get<InboundRequestDetail>(`/inbound/requests/${id}`),
  submit: (body: unknown) => api.post<InboundRequestDetail>('/inbound/requests', body),
  step: (id: number, step: string, body: unknown) => api.post<InboundRequestDetail>(`/inbound/requests/${id}/${step}`, body),
  notice: (id: number) => api.get<ApprovalNotice>(`/inbound/requests/${id}/notice`),
  scan: (token: string) => api.post<{ valid: boolean; problem: string | null; request: InboundRequestView | null }>('/inbound/scan', { token }),
  figures: (from: string, to: string, by: string) => api.get<{ rows: FigureRow[]; total: FigureRow }>('/inbound/figures', { from, to, by }),
  settings: () => api.get<{ items: InboundSettings[] }>('/inbound/settings'),
  saveSettings: (id: number, body: unknown) => api.put<InboundSettings>(`/inbound/settings/${id}`, body),
  communities: () => api.get<{ items: { id: number; name: string; label: string }[] }>('/inbound/declaration/communities'),
  submitterPlaces: (parentId: number | null) => api.get<{ items: PlaceNode[] }>('/inbound/places', { parentId }),
  staffPlaces: (parentId: number | null) => api.get<{ items: PlaceNode[] }>('/places', { parentId }),
  declare: (body: unknown) => api.post<{ id: number; reference: string; trackingToken: string }>('/inbound/declarations', body),
  track: (token: string) => api.get<DeclarationStatusView>('/inbound/declarations/status', { token }),
  selfReport: (token: string) => api.post<DeclarationStatusView>('/inbound/declarations/self-report', { token }),
  mine: () => api.get<{ items: (DeclarationStatusView & { id: number })[] }>('/inbound/mine'),
  selfReportMine: (id: number) => api.post<DeclarationStatusView>(`/inbound/mine/${id}/self-report`),
};

export const STATUS_COLORS: Record<string, string> = {
  submitted: 'blue',
  routed: 'geekblue',
  approved: 'green',
  rejected: 'red',
  notified: 'cyan',
  arrived: 'success',
  withdrawn: 'default',
};
