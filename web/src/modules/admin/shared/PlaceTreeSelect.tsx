import { useState } from 'react';
import { TreeSelect } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../../platform/i18n/i18n';
import { fetchChildren, placeKeys } from '../../../platform/places/places.api';

interface Node {
  id: number;
  pId: number;
  value: number;
  title: string;
  label: string;
  isLeaf: boolean;
}

interface Props {
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Places already in the value, with labels, before their branch is loaded. */
  known?: { id: number; label: string }[];
  testId?: string;
}

/** Several places picked from the tree (loaded level by level), shown by full name. */
export function PlaceTreeSelect({ value = [], onChange, known = [], testId }: Props) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [opened, setOpened] = useState<number[]>([]);
  const roots = useQuery({ queryKey: placeKeys.children(null), queryFn: () => fetchChildren(null) });
  const levels = useQueries({ queries: opened.map((id) => ({ queryKey: placeKeys.children(id), queryFn: () => fetchChildren(id) })) });

  const nodes = new Map<number, Node>(known.map((k) => [k.id, { id: k.id, pId: 0, value: k.id, title: k.label, label: k.label, isLeaf: true }]));
  for (const p of [...(roots.data ?? []), ...levels.flatMap((l) => l.data ?? [])]) {
    nodes.set(p.id, {
      id: p.id,
      pId: p.parentId ?? 0,
      value: p.id,
      title: `${p.name} · ${t(`codes.placeType.${p.type}`)}`,
      label: p.label,
      isLeaf: p.type === 'stairwell' || p.childCount === 0,
    });
  }

  return (
    <TreeSelect
      multiple
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: 0 }}
      treeData={[...nodes.values()]}
      treeNodeLabelProp="label"
      value={value}
      onChange={(v: number[]) => onChange?.(v)}
      loadData={async (node) => {
        const id = Number(node.value);
        await qc.ensureQueryData({ queryKey: placeKeys.children(id), queryFn: () => fetchChildren(id) });
        setOpened((o) => (o.includes(id) ? o : [...o, id]));
      }}
      placeholder={t('scope.placesPlaceholder')}
      style={{ width: '100%' }}
      showSearch={false}
      data-testid={testId}
    />
  );
}
