import type { ImportJobView, ImportRowError } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';

export const importKey = (id: number) => ['import', id] as const;

export function getImport(id: number) {
  return api.get<ImportJobView>(`/imports/${id}`);
}

export function listImportErrors(id: number, page: number, pageSize: number) {
  return api.get<{ items: ImportRowError[]; total: number }>(`/imports/${id}/errors`, { page, pageSize });
}

export const busyStatuses: ImportJobView['status'][] = ['validating', 'importing'];
