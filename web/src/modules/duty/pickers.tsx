import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ResidentSummary } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useI18n } from '../../platform/i18n/i18n';
import { useDebounced } from '../../platform/ui/hooks';
import { dutyApi } from './duty.api';

interface PickerProps {
  value?: number | null;
  onChange?: (id: number | null) => void;
  id?: string;
  testId?: string;
  placeholder?: string;
}

/** Picks a member confirmed in a community by the start of their name (phones masked, as on the roster). */
export function MemberSelect({ communityId, value, onChange, id, testId, placeholder }: PickerProps & { communityId: number | null | undefined }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const res = useQuery({
    queryKey: ['duty', 'members', 'pick', communityId, q],
    queryFn: () => dutyApi.members({ communityId: communityId ?? undefined, status: 'confirmed', q: q || undefined, pageSize: 20 }),
    enabled: !!communityId,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('duty.staff.memberSearch')}
      aria-label={id ? undefined : (placeholder ?? t('duty.staff.memberSearch'))}
      loading={res.isFetching}
      notFoundContent={res.isFetching ? t('common.loading') : t('common.noMatch')}
      options={(res.data?.items ?? []).map((m) => ({
        value: m.id,
        label: `${m.name}${m.phoneMasked ? ` · ${m.phoneMasked}` : ''}${m.roles.length ? ` · ${m.roles.map((r) => t(`duty.role.${r}`)).join(t('common.sep'))}` : ''}`,
      }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

/** Picks a resident of my scope by name (to register them as a member on their behalf). */
export function ResidentSelect({ value, onChange, id, testId }: PickerProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const res = useQuery({
    queryKey: ['residents', 'pick', q],
    queryFn: () => api.get<{ items: ResidentSummary[] }>('/residents', { q, pageSize: 20 }),
    enabled: q.length > 0,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={t('duty.staff.residentSearch')}
      aria-label={id ? undefined : t('duty.staff.residentSearch')}
      loading={res.isFetching}
      notFoundContent={q ? (res.isFetching ? t('common.loading') : t('common.noMatch')) : t('duty.staff.typeName')}
      options={(res.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name} · ${r.dwellingLabel}` }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
