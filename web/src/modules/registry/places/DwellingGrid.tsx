import { Empty, Flex, Spin, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { PlaceWithCounts } from '@jiayuan/contracts';
import { useI18n } from '../../../platform/i18n/i18n';
import { fetchChildren, floorOf, placeKeys } from '../../../platform/places/places.api';

/** Floors as rows (top floor first, as the building stands), flats as small cards. */
export function DwellingGrid({ stairwellId }: { stairwellId: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: placeKeys.children(stairwellId), queryFn: () => fetchChildren(stairwellId) });
  if (q.isPending) return <Spin />;
  const flats = q.data ?? [];
  if (!flats.length) return <Empty description={t('places.noDwellings')} />;
  const floors = new Map<number, PlaceWithCounts[]>();
  for (const f of flats) floors.set(floorOf(f), [...(floors.get(floorOf(f)) ?? []), f]);
  const rows = [...floors.entries()].sort((a, b) => b[0] - a[0]);

  return (
    <Flex vertical gap={8} data-testid="dwelling-grid">
      {rows.map(([floor, items]) => (
        <Flex key={floor} gap={8} align="stretch">
          <Flex align="center" justify="center" style={{ width: 56, color: '#8c8c8c', fontSize: 12, flex: 'none' }}>
            {t('places.floorN', { n: floor })}
          </Flex>
          {items
            .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name))
            .map((d) => {
              const empty = d.households === 0;
              return (
                <Tooltip key={d.id} title={d.label}>
                  <div
                    className="jy-flat"
                    role="button"
                    tabIndex={0}
                    data-testid={`dwelling-${d.name}`}
                    onClick={() => void navigate(`/registry/${d.id}`)}
                    onKeyDown={(e) => e.key === 'Enter' && void navigate(`/registry/${d.id}`)}
                    style={{
                      width: 112,
                      padding: '8px 10px',
                      borderRadius: 8,
                      cursor: 'pointer',
                      border: `1px solid ${empty ? '#e5e7eb' : '#91caff'}`,
                      background: empty ? '#fafafa' : '#e6f4ff',
                    }}
                  >
                    <Typography.Text strong>{d.name}</Typography.Text>
                    <div style={{ fontSize: 12, color: empty ? '#a0a0a0' : '#1d4ed8' }}>
                      {empty ? t('places.vacant') : t('places.countsShort', { h: d.households, r: d.residents })}
                    </div>
                  </div>
                </Tooltip>
              );
            })}
        </Flex>
      ))}
    </Flex>
  );
}
