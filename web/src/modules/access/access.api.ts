import type { GateEventInput, GateEventPage, GateEventQuery, GateLists, GateVerdict, GateView, PassIssue, PassPage, PassView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';

export interface GateFigureRowView {
  gateId: number;
  gateName: string;
  day: string;
  entries: number;
  exits: number;
  refused: number;
  refusals: Record<string, number>;
  vehicles: number;
  visitors: number;
  fevers: number;
}

export const accessApi = {
  passes: (q: Record<string, string | number | undefined>) => api.get<PassPage>('/access/passes', q),
  pass: (id: number) => api.get<PassView>(`/access/passes/${id}`),
  issue: (body: PassIssue) => api.post<PassView>('/access/passes', body),
  revoke: (id: number, reason: string, version: number) => api.post<PassView>(`/access/passes/${id}/revoke`, { reason, version }),
  renew: (id: number, validDays: number, version: number) => api.post<PassView>(`/access/passes/${id}/renew`, { validDays, version }),
  myPasses: () => api.get<{ items: PassView[] }>('/access/my-passes'),
  gates: () => api.get<{ items: GateView[] }>('/access/gates'),
  createGate: (body: { name: string; kind: 'gate' | 'checkpoint'; placeId: number }) => api.post<GateView>('/access/gates', body),
  gateToken: (id: number) => api.post<{ tokenId: number; secret: string; gate: GateView }>(`/access/gates/${id}/tokens`, {}),
  lists: (q: { revocationsSince?: number; lockdownsSince?: number }) => api.get<GateLists>('/access/gate/lists', q),
  verify: (body: { gateId: number; token?: string; plate?: string; idNumber?: string }) => api.post<GateVerdict>('/access/gate/verify', body),
  sync: (events: GateEventInput[]) => api.post<{ accepted: number; duplicates: number; fevers: number }>('/access/gate/events/sync', { events }),
  figures: (q: { from: string; to: string; gateId?: number }) => api.get<{ items: GateFigureRowView[] }>('/access/figures', q),
  events: (q: Partial<GateEventQuery> & { from: string; to: string }) => api.get<GateEventPage>('/access/events', q),
};
