import type { ResidentDetail, ResidentSummary } from '@jiayuan/contracts';
import { api, apiUrl } from '../../../platform/api/client';

export interface ResidentFilters {
  placeId?: number;
  q?: string;
  tag?: string;
  employerId?: number;
  sex?: 'male' | 'female';
  ageMin?: number;
  ageMax?: number;
}

export interface ResidentPage {
  items: ResidentSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export const residentKeys = {
  all: ['residents'] as const,
  list: (f: ResidentFilters, page: number, pageSize: number) => ['residents', 'list', f, page, pageSize] as const,
  detail: (id: number) => ['residents', 'detail', id] as const,
};

export function listResidents(f: ResidentFilters, page: number, pageSize: number) {
  return api.get<ResidentPage>('/residents', { ...f, page, pageSize });
}

export function getResident(id: number) {
  return api.get<ResidentDetail>(`/residents/${id}`);
}

/** The Excel of the current filter; a plain link so the browser downloads it with the session cookie. */
export function exportUrl(f: ResidentFilters) {
  return apiUrl('/residents/export.xlsx', { ...f });
}

/** Filters from the address bar, so a filtered list can be bookmarked and shared. */
export function filtersFromParams(p: URLSearchParams): ResidentFilters {
  const num = (k: string) => (p.get(k) ? Number(p.get(k)) : undefined);
  const sex = p.get('sex');
  return {
    placeId: num('placeId'),
    q: p.get('q') ?? undefined,
    tag: p.get('tag') ?? undefined,
    employerId: num('employerId'),
    sex: sex === 'male' || sex === 'female' ? sex : undefined,
    ageMin: num('ageMin'),
    ageMax: num('ageMax'),
  };
}
