import { useEffect, useState } from 'react';
import { Flex, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlaceWithCounts } from '@jiayuan/contracts';
import { useI18n } from '../../../platform/i18n/i18n';
import { fetchChildren, fetchPlace, placeKeys } from '../../../platform/places/places.api';
import { PlaceTypeIcon } from './PlaceTypeIcon';

interface Props {
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/**
 * The place tree down to stairwells, each level loaded when it is opened, with
 * household/resident counts. Children come from the query cache, so any change that
 * invalidates `places` refreshes the tree too.
 */
export function PlaceTree({ selectedId, onSelect }: Props) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const roots = useQuery({ queryKey: placeKeys.children(null), queryFn: () => fetchChildren(null) });
  // A single root (the centre) starts open.
  const open = expanded ?? (roots.data?.length === 1 ? [String(roots.data[0]!.id)] : []);
  const levels = useQueries({
    queries: open.map((id) => ({ queryKey: placeKeys.children(Number(id)), queryFn: () => fetchChildren(Number(id)) })),
  });
  const kids = new Map<string, PlaceWithCounts[]>();
  open.forEach((id, i) => {
    const data = levels[i]?.data;
    if (data) kids.set(id, data);
  });

  // Opening a deep link: expand every ancestor of the selected place.
  useEffect(() => {
    if (selectedId === null) return;
    let stop = false;
    void (async () => {
      const p = await qc.fetchQuery({ queryKey: placeKeys.detail(selectedId), queryFn: () => fetchPlace(selectedId) }).catch(() => null);
      if (!p || stop) return;
      // …and the place itself, so its children show (a fresh centre opened from the setup shows its departments).
      setExpanded((e) => Array.from(new Set([...(e ?? []), ...p.ancestors.map((a) => String(a.id)), ...(p.type === 'dwelling' ? [] : [String(p.id)])])));
    })();
    return () => {
      stop = true;
    };
  }, [selectedId, qc]);

  const build = (items: PlaceWithCounts[] | undefined): TreeDataNode[] | undefined =>
    items?.map((p) => ({
      key: String(p.id),
      isLeaf: p.type === 'stairwell' || p.childCount === 0,
      title: (
        <Flex gap={6} align="center" data-testid={`tree-node-${p.id}`}>
          <PlaceTypeIcon type={p.type} />
          <span>{p.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('places.countsShort', { h: p.households, r: p.residents })}
          </Typography.Text>
        </Flex>
      ),
      children: build(kids.get(String(p.id))),
    }));

  return (
    <Tree
      className="jy-tree"
      blockNode
      data-testid="place-tree"
      treeData={build(roots.data) ?? []}
      expandedKeys={open}
      onExpand={(keys) => setExpanded(keys.map(String))}
      selectedKeys={selectedId ? [String(selectedId)] : []}
      onSelect={(keys) => keys[0] && onSelect(Number(keys[0]))}
      loadData={async (node) => {
        await qc.ensureQueryData({ queryKey: placeKeys.children(Number(node.key)), queryFn: () => fetchChildren(Number(node.key)) });
      }}
    />
  );
}
