import { Button, Card, Col, Empty, Row } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n } from '../../../platform/i18n/i18n';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { PlacePane } from './PlacePane';
import { PlaceTree } from './PlaceTree';
import { fetchChildren, placeKeys } from '../shared/registry.api';
import { useMaySetUpPlaces } from '../setup/PlaceSetupPage';

/** 区域: the place tree on the left, the selected place on the right. */
export default function RegistryPage() {
  const { t } = useI18n();
  const params = useParams();
  const navigate = useNavigate();
  const selectedId = params.placeId ? Number(params.placeId) : null;
  const maySetUp = useMaySetUpPlaces();
  const roots = useQuery({ queryKey: placeKeys.children(null), queryFn: () => fetchChildren(null) });
  const empty = roots.data?.length === 0;

  return (
    <>
      <PageHeader title={t('places.title')} subtitle={t('places.subtitle')} />
      {/* Side by side from a laptop up; on a phone the tree comes first and the place under it. */}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={{ flex: '340px' }}>
          <Card
            size="small"
            title={t('places.tree')}
            extra={
              maySetUp && !empty ? (
                <Link to="/setup" data-testid="registry-add-center">
                  <Button size="small" type="text" icon={<PlusOutlined />}>
                    {t('setup.addCenter')}
                  </Button>
                </Link>
              ) : null
            }
            styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}>
            <PlaceTree selectedId={selectedId} onSelect={(id) => void navigate(`/registry/${id}`)} />
          </Card>
        </Col>
        <Col xs={24} lg={{ flex: '1 1 0' }} style={{ minWidth: 0 }}>
          {selectedId ? (
            <PlacePane
              key={selectedId}
              placeId={selectedId}
              onDeleted={(parentId) => {
                void navigate(parentId ? `/registry/${parentId}` : '/registry');
              }}
            />
          ) : empty ? (
            <Card data-testid="registry-first-run">
              <Empty description={<><strong>{t('setup.emptyTitle')}</strong><br />{maySetUp ? t('setup.emptyText') : t('setup.noPlacesYet')}</>}>
                {maySetUp ? (
                  <Link to="/setup">
                    <Button type="primary" icon={<PlusOutlined />} data-testid="registry-start-setup">
                      {t('setup.start')}
                    </Button>
                  </Link>
                ) : null}
              </Empty>
            </Card>
          ) : (
            <Card>
              <Empty description={t('places.pickOne')} data-testid="registry-empty" />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
