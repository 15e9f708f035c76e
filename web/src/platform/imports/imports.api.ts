import { useQuery } from '@tanstack/react-query';
import type { ImportJobView, ImportRowError } from '@jiayuan/contracts';
import { api } from '../api/client';

/** What can be imported from Excel: the residents' register, and the place tree. */
export type ImportKind = 'residents' | 'places';

export const importKey = (id: number) => ['import', id] as const;

export function getImport(id: number) {
  return api.get<ImportJobView>(`/imports/${id}`);
}

export function listImportErrors(id: number, page: number, pageSize: number) {
  return api.get<{ items: ImportRowError[]; total: number }>(`/imports/${id}/errors`, { page, pageSize });
}

export const busyStatuses: ImportJobView['status'][] = ['validating', 'importing'];

/** One import job, polled while the server works on it (the live `import.progress` event also refreshes it). */
export function useImportJob(id: number | null) {
  return useQuery({
    queryKey: importKey(id ?? 0),
    queryFn: () => getImport(id!),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && busyStatuses.includes(query.state.data.status) ? 500 : false),
  });
}
