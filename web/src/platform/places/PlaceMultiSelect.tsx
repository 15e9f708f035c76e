import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { PlaceType } from '@jiayuan/contracts';
import { useI18n } from '../i18n/i18n';
import { useDebounced } from '../ui/hooks';
import { searchPlaces } from './places.api';

interface Props {
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Labels of the places already chosen (from the record being edited). */
  known?: { id: number; label: string }[];
  type?: PlaceType;
  placeholder?: string;
  testId?: string;
}

/** Several places, found by typing part of a name. */
export function PlaceMultiSelect({ value = [], onChange, known = [], type, placeholder, testId }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const [labels, setLabels] = useState<Record<number, string>>(() => Object.fromEntries(known.map((k) => [k.id, k.label])));
  const res = useQuery({ queryKey: ['places', 'search', q, type], queryFn: () => searchPlaces(q, type), enabled: q.length > 0 });
  const options = new Map<number, string>();
  for (const id of value) options.set(id, labels[id] ?? `#${id}`);
  for (const h of res.data ?? []) options.set(h.id, h.label);
  return (
    <Select
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      placeholder={placeholder ?? t('places.searchPlaceholder')}
      notFoundContent={q ? t('common.noMatch') : t('places.typeToSearch')}
      options={[...options.entries()].map(([id, label]) => ({ value: id, label }))}
      onChange={(ids: number[]) => {
        setLabels((l) => ({ ...l, ...Object.fromEntries((res.data ?? []).map((h) => [h.id, h.label])) }));
        onChange?.(ids);
      }}
      data-testid={testId}
    />
  );
}
