import { useState } from 'react';
import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { PlaceType } from '@jiayuan/contracts';
import { useI18n } from '../i18n/i18n';
import { useDebounced } from '../ui/hooks';
import { searchPlaces, type PlaceHit } from './places.api';

interface Props {
  value?: number | null;
  onChange?: (id: number | null, hit: PlaceHit | null) => void;
  /** Shown for a value that came from elsewhere (URL, a record) before any search. */
  initialLabel?: string | null;
  type?: PlaceType;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
  allowClear?: boolean;
  /** Set by a Form.Item, whose label then names the select; without one the placeholder does. */
  id?: string;
}

/** Finds a place by typing part of its name (/api/places/search); shows the full label. */
export function PlaceSelect({ value, onChange, initialLabel, type, placeholder, style, testId, allowClear = true, id }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const [picked, setPicked] = useState<PlaceHit | null>(null);
  const res = useQuery({ queryKey: ['places', 'search', q, type], queryFn: () => searchPlaces(q, type), enabled: q.length > 0 });
  const hits = res.data ?? [];
  const options = hits.map((h) => ({
    value: h.id,
    label: h.label,
    hit: h,
    render: (
      <span>
        <Tag style={{ marginInlineEnd: 6 }}>{t(`codes.placeType.${h.type}`)}</Tag>
        {h.label}
      </span>
    ),
  }));
  const currentLabel = picked && picked.id === value ? picked.label : initialLabel;
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({
      value,
      label: currentLabel ?? `#${value}`,
      hit: picked ?? ({ id: value, label: currentLabel ?? '' } as PlaceHit),
      render: <span>{currentLabel ?? `#${value}`}</span>,
    });
  }
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear={allowClear}
      value={value ?? undefined}
      id={id}
      placeholder={placeholder ?? t('places.searchPlaceholder')}
      aria-label={id ? undefined : (placeholder ?? t('places.searchPlaceholder'))}
      style={{ minWidth: 260, ...style }}
      notFoundContent={q ? (res.isFetching ? t('common.loading') : t('common.noMatch')) : t('places.typeToSearch')}
      options={options.map((o) => ({ value: o.value, label: o.label, title: o.label, hit: o.hit, display: o.render }))}
      optionRender={(o) => (o.data as { display: React.ReactNode }).display}
      onChange={(v, opt) => {
        const hit = v ? ((opt as { hit?: PlaceHit } | undefined)?.hit ?? null) : null;
        setPicked(hit);
        onChange?.(v ?? null, hit);
      }}
      data-testid={testId}
    />
  );
}
