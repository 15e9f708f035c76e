import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ResidentSummary } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useDebounced } from '../../platform/ui/hooks';

/** Finds a resident by name (a prefix) in the staff member's scope: name and home, nothing more. */
export function ResidentPick({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  placeholder: string;
  testId?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({
    queryKey: ['vol', 'resident-pick', q],
    queryFn: () => api.get<{ items: ResidentSummary[] }>('/residents', { q, pageSize: 20 }),
    enabled: q.length >= 1,
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      showSearch
      allowClear
      value={value ?? null}
      onChange={(v: number | null) => onChange?.(v ?? null)}
      onSearch={setText}
      filterOption={false}
      placeholder={placeholder}
      aria-label={placeholder}
      loading={found.isFetching}
      data-testid={testId}
      options={(found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name} · ${r.dwellingLabel}` }))}
      style={{ width: '100%' }}
    />
  );
}
