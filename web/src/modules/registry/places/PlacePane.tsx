import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Descriptions, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PLACE_CHILDREN, type PlaceDetail } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { errorText } from '../../../platform/api/problem';
import { useMe } from '../../../platform/auth/me';
import { useI18n } from '../../../platform/i18n/i18n';
import { PageSpin } from '../../../platform/ui/PageSpin';
import { QueryError } from '../../../platform/ui/QueryError';
import { fetchPlace, placeKeys } from '../../../platform/places/places.api';
import { ResidentForm } from '../residents/ResidentForm';
import { ResidentsTable } from '../residents/ResidentsTable';
import { BuildingHead } from './BuildingRoles';
import { BuildingView } from './BuildingView';
import { ChildrenTable } from './ChildrenTable';
import { DwellingGrid } from './DwellingGrid';
import { LayoutForm } from './LayoutForm';
import { PlaceFormModal } from './PlaceFormModal';
import { PlaceTypeIcon } from './PlaceTypeIcon';

interface Props {
  placeId: number;
  onDeleted: (parentId: number | null) => void;
}

/** One place: where it is, what it holds, and what the user may do with it. */
export function PlacePane({ placeId, onDeleted }: Props) {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [modal, setModal] = useState<'add' | 'rename' | null>(null);
  const [addingResident, setAddingResident] = useState(false);
  const q = useQuery({ queryKey: placeKeys.detail(placeId), queryFn: () => fetchPlace(placeId) });
  const del = useMutation({
    mutationFn: () => api.delete(`/places/${placeId}`),
    onSuccess: () => {
      message.success(t('places.deleted'));
      void qc.invalidateQueries({ queryKey: placeKeys.all });
      onDeleted(q.data?.parentId ?? null);
    },
    onError: (err) => message.error(errorText(err, lang)),
  });

  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageSpin />;
  const p: PlaceDetail = q.data;
  // The tree, this pane and every table read the same cache.
  const refresh = () => void qc.invalidateQueries({ queryKey: placeKeys.all });
  const childTypes = PLACE_CHILDREN[p.type];

  return (
    <Flex vertical gap={16}>
      <Card>
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[...p.ancestors.map((a) => ({ title: <Link to={`/registry/${a.id}`}>{a.name}</Link> })), { title: p.name }]}
        />
        <Flex justify="space-between" align="start" wrap gap={12}>
          <Space align="center" size={12}>
            <span style={{ fontSize: 24 }}>
              <PlaceTypeIcon type={p.type} />
            </span>
            <div>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="place-title">
                {p.name}
              </Typography.Title>
              <Tag color="blue">{t(`codes.placeType.${p.type}`)}</Tag>
              {p.code ? <Typography.Text type="secondary">{p.code}</Typography.Text> : null}
            </div>
          </Space>
          <Space wrap>
            {can('resident.read') ? (
              <Link to={`/residents?placeId=${p.id}&placeLabel=${encodeURIComponent(p.label)}`}>
                <Button icon={<TeamOutlined />}>{t('places.viewResidents')}</Button>
              </Link>
            ) : null}
            {p.actions.includes('addChild') && childTypes.length ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('add')} data-testid="place-add-child">
                {t('places.addChild')}
              </Button>
            ) : null}
            {p.actions.includes('update') ? (
              <Button icon={<EditOutlined />} onClick={() => setModal('rename')} data-testid="place-rename">
                {t('places.rename')}
              </Button>
            ) : null}
            {p.actions.includes('delete') ? (
              <Popconfirm title={t('places.deleteConfirm', { name: p.name })} onConfirm={() => del.mutate()} okButtonProps={{ danger: true }}>
                <Button danger icon={<DeleteOutlined />} loading={del.isPending} data-testid="place-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        </Flex>
        <Descriptions
          size="small"
          style={{ marginTop: 16 }}
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'label', label: t('places.fullName'), children: p.label, span: 2 },
            { key: 'h', label: t('places.households'), children: <span data-testid="place-households">{p.households}</span> },
            { key: 'r', label: t('places.residents'), children: <span data-testid="place-residents">{p.residents}</span> },
            ...(p.type !== 'dwelling' ? [{ key: 'c', label: t('places.childCount'), children: p.childCount }] : []),
            ...(typeof p.attrs.floor === 'number' ? [{ key: 'f', label: t('places.floor'), children: String(p.attrs.floor) }] : []),
            ...(p.type === 'building'
              ? [
                  { key: 'head', label: t('places.head'), children: <BuildingHead building={p} /> },
                  {
                    key: 'grid',
                    label: t('places.grid'),
                    children: p.grid ? `${p.grid.name}${p.grid.gridWorkerName ? ` · ${p.grid.gridWorkerName}` : ''}` : t('places.noGrid'),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      {p.type === 'building' && p.childCount === 0 && p.actions.includes('layout') ? <LayoutForm building={p} onDone={refresh} /> : null}
      {p.type === 'building' && p.childCount > 0 ? <BuildingView building={p} /> : null}
      {p.type === 'stairwell' ? (
        <Card title={t('places.dwellings')}>
          <DwellingGrid stairwellId={p.id} />
        </Card>
      ) : null}
      {p.type === 'dwelling' && can('resident.read') ? (
        <Card
          title={t('places.residentsHere')}
          extra={
            can('resident.manage') ? (
              <Button icon={<UserAddOutlined />} onClick={() => setAddingResident(true)} data-testid="dwelling-add-resident">
                {t('places.newResidentHere')}
              </Button>
            ) : null
          }
        >
          <ResidentsTable filters={{ placeId: p.id }} compact />
        </Card>
      ) : null}
      {p.type !== 'dwelling' && p.type !== 'stairwell' && p.type !== 'building' ? <ChildrenTable parent={p} /> : null}

      {addingResident ? (
        <ResidentForm
          initialDwelling={{ id: p.id, label: p.label }}
          onClose={() => setAddingResident(false)}
          onSaved={() => {
            setAddingResident(false);
            void qc.invalidateQueries({ queryKey: ['residents'] });
            refresh();
          }}
        />
      ) : null}
      {modal ? (
        <PlaceFormModal
          mode={modal}
          place={p}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            refresh();
          }}
        />
      ) : null}
    </Flex>
  );
}
