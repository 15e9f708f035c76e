import type { DueToday, ObservationCaseDetail, ObservationCaseSummary, ObservationCheckView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';

export const obsKeys = {
  all: ['observation'] as const,
  list: (status: string, page: number, q: string) => ['observation', 'list', status, page, q] as const,
  one: (id: number) => ['observation', 'one', id] as const,
  today: ['observation', 'today'] as const,
};

export const obsApi = {
  list: (status: string, page: number, q: string) =>
    api.get<{ items: ObservationCaseSummary[]; total: number }>('/observation/cases', { status, page, pageSize: 20, q }),
  get: (id: number) => api.get<ObservationCaseDetail>(`/observation/cases/${id}`),
  today: () => api.get<DueToday>('/observation/today'),
  reading: (id: number, body: unknown) =>
    api.post<{ check: ObservationCheckView; alert: boolean; releaseProposed: boolean }>(`/observation/cases/${id}/readings`, body),
  replan: (id: number, body: unknown) => api.post<ObservationCaseDetail>(`/observation/cases/${id}/replan`, body),
  custodians: (id: number, body: unknown) => api.put<ObservationCaseDetail>(`/observation/cases/${id}/custodians`, body),
  members: (id: number, body: unknown) => api.put<ObservationCaseDetail>(`/observation/cases/${id}/members`, body),
  deliver: (id: number, body: unknown) => api.post<ObservationCaseDetail>(`/observation/cases/${id}/deliveries`, body),
  release: (id: number, body: unknown) => api.post<ObservationCaseDetail>(`/observation/cases/${id}/release`, body),
  acknowledge: (id: number, checkId: number, note: string | null) => api.post(`/observation/cases/${id}/checks/${checkId}/acknowledge`, { note }),
};

export const CASE_STATUS_COLORS: Record<string, string> = { active: 'orange', release_proposed: 'gold', released: 'green', cancelled: 'default' };
export const tempTone = (v: number | null, alert: boolean) => (alert ? '#c0262d' : v === null ? undefined : '#1a7f37');
