import type { CaseView, ContainmentSettingsView, LockdownOrderView, SealedMap } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';

export interface CaseChangeResult {
  case: CaseView;
  proposed: number[];
  activated: number[];
  superseded: number[];
  rescheduled: number[];
}
export interface PlaceNode {
  id: number;
  name: string;
  type: string;
}

export const cmKeys = {
  all: ['containment'] as const,
  cases: (status: string, page: number) => ['containment', 'cases', status, page] as const,
  orders: (status: string, page: number) => ['containment', 'orders', status, page] as const,
  map: (compoundId: number | null) => ['containment', 'map', compoundId] as const,
  settings: ['containment', 'settings'] as const,
};

export const cmApi = {
  cases: (status: string, page: number) => api.get<{ items: CaseView[]; total: number }>('/containment/cases', { status, page, pageSize: 20 }),
  record: (body: unknown) => api.post<CaseChangeResult>('/containment/cases', body),
  change: (id: number, body: unknown) => api.post<CaseChangeResult>(`/containment/cases/${id}/change`, body),
  reveal: (id: number, reason: string) =>
    api.post<{ id: number; residentId: number | null; residentName: string | null; sourceNote: string | null }>(`/containment/cases/${id}/reveal`, { reason }),
  orders: (status: string, page: number) =>
    api.get<{ items: LockdownOrderView[]; total: number; counts: Record<string, number> }>('/containment/orders', { status, page, pageSize: 20 }),
  confirm: (id: number, reason: string | null) => api.post<LockdownOrderView>(`/containment/orders/${id}/confirm`, { reason }),
  dismiss: (id: number, reason: string) => api.post<LockdownOrderView>(`/containment/orders/${id}/dismiss`, { reason }),
  release: (id: number, reason: string) => api.post<LockdownOrderView>(`/containment/orders/${id}/release`, { reason }),
  create: (body: unknown) => api.post<LockdownOrderView>('/containment/orders', body),
  map: (compoundId?: number | null) => api.get<SealedMap>('/containment/map', { compoundId }),
  settings: () => api.get<{ items: ContainmentSettingsView[] }>('/containment/settings'),
  saveSettings: (id: number, body: unknown) => api.put<ContainmentSettingsView>(`/containment/settings/${id}`, body),
  places: (parentId: number | null) => api.get<{ items: PlaceNode[] }>('/places', { parentId }),
  residentsOf: (dwellingId: number) => api.get<{ items: { id: number; name: string }[] }>('/residents', { placeId: dwellingId, pageSize: 50 }),
};

export const ORDER_STATUS_COLORS: Record<string, string> = { proposed: 'orange', active: 'red', released: 'green', dismissed: 'default' };
export const CASE_KIND_COLORS: Record<string, string> = { confirmed: 'red', suspected: 'gold' };
/** Sealed places are red, proposals orange (the map and its legend). */
export const SEAL_COLORS = { active: '#cf1322', proposed: '#fa8c16', none: '#f0f0f0' } as const;
