import { Card, Empty, Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Place } from '@jiayuan/contracts';
import { useI18n } from '../../../platform/i18n/i18n';
import { fetchChildren, placeKeys } from '../../../platform/places/places.api';
import { DwellingGrid } from './DwellingGrid';

/** A building's stairwells as tabs, each with its floors × flats grid. */
export function BuildingView({ building }: { building: Place }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: placeKeys.children(building.id), queryFn: () => fetchChildren(building.id) });
  const stairwells = q.data ?? [];
  return (
    <Card title={t('places.buildingGrid')} loading={q.isPending} data-testid="building-view">
      {stairwells.length ? (
        <Tabs
          items={stairwells.map((s) => ({
            key: String(s.id),
            label: (
              <span data-testid={`stairwell-tab-${s.id}`}>
                {s.name} · {t('places.countsShort', { h: s.households, r: s.residents })}
              </span>
            ),
            children: <DwellingGrid stairwellId={s.id} />,
          }))}
        />
      ) : (
        <Empty description={t('places.noStairwells')} />
      )}
    </Card>
  );
}
