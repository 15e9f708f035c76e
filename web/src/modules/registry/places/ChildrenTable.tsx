import { Card, Tag } from 'antd';
import { DataTable } from '../../../platform/ui/DataTable';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Place, PlaceWithCounts } from '@jiayuan/contracts';
import { useI18n } from '../../../platform/i18n/i18n';
import { fetchChildren, placeKeys } from '../../../platform/places/places.api';
import { PlaceTypeIcon } from './PlaceTypeIcon';

/** The places directly under this one, with their counts. */
export function ChildrenTable({ parent }: { parent: Place }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: placeKeys.children(parent.id), queryFn: () => fetchChildren(parent.id) });
  return (
    <Card title={t('places.children')}>
      <DataTable<PlaceWithCounts>
        rowKey="id"
        size="middle"
        data-testid="children-table"
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('places.noChildren') }}
        columns={[
          {
            title: t('places.name'),
            dataIndex: 'name',
            render: (v: string, r) => (
              <Link to={`/registry/${r.id}`}>
                <PlaceTypeIcon type={r.type} /> {v}
              </Link>
            ),
          },
          { title: t('places.type'), dataIndex: 'type', render: (v: string) => <Tag>{t(`codes.placeType.${v}`)}</Tag> },
          { title: t('places.code'), dataIndex: 'code', render: (v: string | null) => v ?? '—' },
          { title: t('places.childCount'), dataIndex: 'childCount', align: 'right' },
          { title: t('places.households'), dataIndex: 'households', align: 'right' },
          { title: t('places.residents'), dataIndex: 'residents', align: 'right' },
        ]}
      />
    </Card>
  );
}
