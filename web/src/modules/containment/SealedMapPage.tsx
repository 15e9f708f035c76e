import { useEffect, useState } from 'react';
import { Card, Cascader, Empty, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MapCompound } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { useLiveTopic } from '../../platform/live/live';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { cmApi, cmKeys, SEAL_COLORS, type PlaceNode } from './containment.api';

type Seal = MapCompound['seal'];
const fill = (s: Seal) => (!s ? SEAL_COLORS.none : s.status === 'active' ? SEAL_COLORS.active : SEAL_COLORS.proposed);
const ink = (s: Seal) => (s ? '#fff' : 'rgba(0,0,0,0.88)');

function Legend() {
  const { t } = useI18n();
  const item = (color: string, label: string) => (
    <Space size={6}>
      <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background: color, border: '1px solid #d9d9d9' }} />
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Space>
  );
  return (
    <Space size="large">
      {item(SEAL_COLORS.active, t('containment.map.legendActive'))}
      {item(SEAL_COLORS.proposed, t('containment.map.legendProposed'))}
      {item(SEAL_COLORS.none, t('containment.map.legendOpen'))}
    </Space>
  );
}

/** One compound drawn as a schematic: a block per building, a cell per stairwell, coloured by seal. */
function CompoundBlock({ c }: { c: MapCompound }) {
  const { t } = useI18n();
  const border = c.seal ? fill(c.seal) : '#d9d9d9';
  return (
    <Card
      data-testid={`map-compound-${c.id}`}
      style={{ marginBottom: 16, borderColor: border, borderWidth: c.seal ? 3 : 1 }}
      // The compound's figures wrap under its name on a phone instead of running off the card.
      styles={{ title: { whiteSpace: 'normal' } }}
      title={
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space>
            <Typography.Text strong>{c.label}</Typography.Text>
            {c.seal && !c.seal.inherited ? (
              <Tag color={c.seal.status === 'active' ? 'red' : 'orange'}>
                {t(`containment.level.${c.seal.level}`)} · {t(`containment.orderStatus.${c.seal.status}`)}
              </Tag>
            ) : null}
          </Space>
          <Space wrap>
            <Typography.Text type="secondary">{t('containment.map.total', { h: c.households, r: c.residents })}</Typography.Text>
            <Tag color="red" data-testid={`map-sealed-${c.id}`}>
              {t('containment.map.sealedHouseholds', { h: c.sealedHouseholds, r: c.sealedResidents })}
            </Tag>
            {c.daysToRelease !== null ? (
              <Tag color={c.daysToRelease === 0 ? 'green' : 'default'}>
                {c.daysToRelease === 0 ? t('containment.map.releaseToday') : t('containment.map.daysToRelease', { count: c.daysToRelease })}
              </Tag>
            ) : null}
          </Space>
        </Flex>
      }
    >
      <Flex wrap gap={12}>
        {c.buildings.map((b) => (
          <div
            key={b.id}
            data-testid={`map-building-${b.id}`}
            data-seal={b.seal?.status ?? 'none'}
            style={{
              border: `2px solid ${b.seal ? fill(b.seal) : '#d9d9d9'}`,
              borderRadius: 6,
              padding: 8,
              minWidth: 150,
              background: b.seal && !b.seal.inherited ? `${fill(b.seal)}14` : '#fff',
            }}
          >
            <Flex justify="space-between" align="baseline" gap={8}>
              <Typography.Text strong>{b.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('containment.map.households', { count: b.households })}
                {b.cases ? ` · ${t('containment.map.cases', { count: b.cases })}` : ''}
              </Typography.Text>
            </Flex>
            <Flex gap={4} style={{ marginTop: 6 }}>
              {b.stairwells.map((s) => (
                <Tooltip
                  key={s.id}
                  title={`${s.name}: ${t('containment.map.households', { count: s.households })} · ${t('containment.map.residents', { count: s.residents })}${s.cases ? ` · ${t('containment.map.cases', { count: s.cases })}` : ''}`}
                >
                  <div
                    data-testid={`map-stairwell-${s.id}`}
                    data-seal={s.seal?.status ?? 'none'}
                    style={{
                      flex: 1,
                      minWidth: 44,
                      height: 52,
                      borderRadius: 4,
                      background: fill(s.seal),
                      color: ink(s.seal),
                      display: 'flex',
                      flexDirection: 'column',
                      alignItems: 'center',
                      justifyContent: 'center',
                      fontSize: 12,
                      lineHeight: 1.3,
                    }}
                  >
                    <span>{s.name}</span>
                    <span>{t('containment.map.hh', { n: s.households })}</span>
                  </div>
                </Tooltip>
              ))}
            </Flex>
          </div>
        ))}
      </Flex>
    </Card>
  );
}

interface Option {
  value: number;
  label: string;
  type: string;
  isLeaf: boolean;
  children?: Option[];
}
const toOption = (p: PlaceNode): Option => ({ value: p.id, label: p.name, type: p.type, isLeaf: p.type === 'compound' });
const ABOVE_COMPOUND = new Set(['center', 'department', 'community', 'station', 'compound']);

/** Picks one compound to draw (any in scope, sealed or not); clearing it goes back to the sealed ones. */
function CompoundPicker({ onChange }: { onChange: (id: number | null) => void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    void cmApi.places(null).then((r) => setOptions(r.items.filter((p) => ABOVE_COMPOUND.has(p.type)).map(toOption)));
  }, []);
  return (
    <Cascader<Option>
      data-testid="map-compound-picker"
      options={options}
      placeholder={t('containment.map.pickCompound')}
      aria-label={t('containment.map.pickCompound')}
      style={{ width: 320 }}
      allowClear
      loadData={async (selected) => {
        const target = selected[selected.length - 1]!;
        target.children = (await cmApi.places(target.value)).items.filter((p) => ABOVE_COMPOUND.has(p.type)).map(toOption);
        setOptions((o) => [...o]);
      }}
      onChange={(_, selected) => {
        const last = selected?.[selected.length - 1];
        onChange(last && last.type === 'compound' ? last.value : null);
      }}
    />
  );
}

/** The sealed-places map: compounds with orders in force or proposed, drawn schematically (no map tiles: it works offline). */
export default function SealedMapPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [compoundId, setCompoundId] = useState<number | null>(null);
  const q = useQuery({ queryKey: cmKeys.map(compoundId), queryFn: () => cmApi.map(compoundId), refetchInterval: 60000 });
  useLiveTopic('containment', 'containment.changed', () => void qc.invalidateQueries({ queryKey: cmKeys.all }));
  return (
    <>
      <PageHeader
        title={t('containment.map.title')}
        subtitle={t('containment.map.subtitle')}
        extra={
          <Flex vertical align="end" gap={8}>
            <Legend />
            <CompoundPicker onChange={setCompoundId} />
          </Flex>
        }
      />
      {q.error ? <QueryError error={q.error} /> : null}
      {!q.data ? (
        <PageSpin />
      ) : q.data.compounds.length === 0 ? (
        <Card>
          <Empty description={t('containment.map.empty')} />
        </Card>
      ) : (
        q.data.compounds.map((c) => <CompoundBlock key={c.id} c={c} />)
      )}
    </>
  );
}
