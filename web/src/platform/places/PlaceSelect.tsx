import { useState } from 'react';
import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { LABEL_PLACE_TYPES, type PlaceType } from '@jiayuan/contracts';
import { useI18n } from '../i18n/i18n';
import { useDebounced } from '../ui/hooks';
import { fetchPlace, placeKeys, searchPlaces, type PlaceHit } from './places.api';

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
  // A value that came with no label (a link naming only the id) is named from the place itself.
  const named = useQuery({
    queryKey: placeKeys.detail(value ?? 0),
    queryFn: () => fetchPlace(value!),
    enabled: !!value && !(picked && picked.id === value) && !initialLabel,
  });
  const currentLabel = picked && picked.id === value ? picked.label : (initialLabel ?? (named.data ? placeLabel(named.data) : null));
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

/** The label search gives a place (the server's labelsForPaths): its names from the community down, or its own name above one. */
function placeLabel(p: { type: PlaceType; name: string; ancestors: { type: PlaceType; name: string }[] }): string {
  const chain = [...p.ancestors, p].filter((x) => LABEL_PLACE_TYPES.includes(x.type));
  return (chain.length > 0 ? chain : [p]).map((x) => x.name).join(' ');
}
