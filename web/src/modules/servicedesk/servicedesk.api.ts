import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CategoryView, OrderDetail, OrderSummary, OrderTransition, TeamView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';

export type { CategoryView, OrderDetail, OrderSummary, TeamView };

export const SD = '/servicedesk';

export function useCategories() {
  return useQuery({ queryKey: ['sd', 'categories'], queryFn: () => api.get<{ items: CategoryView[] }>(`${SD}/categories`), staleTime: 60000 });
}

export function useTeams(enabled = true) {
  return useQuery({ queryKey: ['sd', 'teams'], queryFn: () => api.get<{ items: TeamView[] }>(`${SD}/teams`), staleTime: 60000, enabled });
}

/** Sends one workflow step with the version the page holds. */
export function transition(o: Pick<OrderDetail, 'id' | 'version'>, body: Omit<OrderTransition, 'version'> & Record<string, unknown>, resident = false) {
  if (resident) throw new Error('residents use feedback');
  return api.post<OrderDetail>(`${SD}/orders/${o.id}/transitions`, { ...body, version: o.version });
}

/** Uploads one photo (multipart) to a staff or resident order URL. */
export async function uploadPhoto(url: string, file: File, csrf: string) {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api${url}`, { method: 'POST', body: form, headers: { 'X-CSRF-Token': csrf }, credentials: 'same-origin' });
  if (!res.ok) throw new Error(String(res.status));
  return (await res.json()) as { id: number; url: string };
}

/**
 * Listens to a live topic of the service desk (its own event stream, so the page gets
 * every change in its scope as it commits) and refreshes the given queries.
 */
export function useServicedeskLive(keys: unknown[][], onEvent?: (data: { id: number; status: string }) => void) {
  const qc = useQueryClient();
  const ref = useRef({ keys, onEvent });
  useEffect(() => {
    ref.current = { keys, onEvent };
  });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/events?topics=servicedesk', { withCredentials: true });
    es.addEventListener('servicedesk.changed', (ev) => {
      let data = { id: 0, status: '' };
      try {
        data = JSON.parse((ev as MessageEvent<string>).data) as typeof data;
      } catch {
        /* ignore */
      }
      for (const k of ref.current.keys) void qc.invalidateQueries({ queryKey: k });
      ref.current.onEvent?.(data);
    });
    return () => es.close();
  }, [qc]);
}

export const STATUS_COLOR: Record<string, string> = {
  received: 'blue',
  dispatched: 'geekblue',
  accepted: 'cyan',
  on_site: 'purple',
  resolved: 'green',
  replied: 'green',
  waiting: 'orange',
  closed: 'default',
  cancelled: 'default',
  merged: 'default',
};

export const pct = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
