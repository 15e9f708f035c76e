import type { Place, PlaceDetail, PlaceType, PlaceWithCounts } from '@jiayuan/contracts';
import { api } from '../api/client';

/** A place as a picker walks the tree: one level at a time. */
export interface PlaceNode {
  id: number;
  name: string;
  type: string;
}

export const placeKeys = {
  children: (parentId: number | null) => ['places', 'children', parentId ?? 'root'] as const,
  detail: (id: number) => ['places', 'detail', id] as const,
  all: ['places'] as const,
};

export function fetchChildren(parentId: number | null): Promise<PlaceWithCounts[]> {
  return api.get<{ items: PlaceWithCounts[] }>('/places', { parentId: parentId ?? undefined, counts: true }).then((r) => r.items);
}

export function fetchPlace(id: number): Promise<PlaceDetail> {
  return api.get<PlaceDetail>(`/places/${id}`);
}

export interface PlaceHit {
  id: number;
  type: PlaceType;
  name: string;
  label: string;
}

export function searchPlaces(q: string, type?: PlaceType): Promise<PlaceHit[]> {
  return api.get<{ items: PlaceHit[] }>('/places/search', { q, type, limit: 20 }).then((r) => r.items);
}

/** The floor of a flat: from the layout's attrs, else from a name like 301 / 1202. */
export function floorOf(p: Place): number {
  const f = p.attrs?.floor;
  if (typeof f === 'number') return f;
  const n = Number(p.name.replace(/\D/g, ''));
  return n >= 100 ? Math.floor(n / 100) : 0;
}
