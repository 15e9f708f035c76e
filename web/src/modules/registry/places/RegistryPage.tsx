import { Button, Card, Col, Empty, Row } from 'antd';
import { LeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n } from '../../../platform/i18n/i18n';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { PlacePane } from './PlacePane';
import { PlaceTree } from './PlaceTree';
import { fetchChildren, placeKeys } from '../../../platform/places/places.api';
import { useMaySetUpPlaces } from '../setup/PlaceSetupPage';
import { useIsPhone } from '../../../platform/layout/useIsPhone';

/**
 * 区域: the place tree on the left, the selected place on the right; on a phone one at a time, the
 * tree kept (as it was opened) behind the place, a tap away.
 */
export default function RegistryPage() {
  const { t } = useI18n();
  const params = useParams();
  const navigate = useNavigate();
  const selectedId = params.placeId ? Number(params.placeId) : null;
  const maySetUp = useMaySetUpPlaces();
  const roots = useQuery({ queryKey: placeKeys.children(null), queryFn: () => fetchChildren(null) });
  const empty = roots.data?.length === 0;
  const phone = useIsPhone();
  const treeHidden = phone && selectedId !== null;

  return (
    <>
      <PageHeader title={t('places.title')} subtitle={t('places.subtitle')} />
      <Row gutter={[16, 12]} wrap={phone}>
        <Col flex={phone ? '100%' : '340px'} style={treeHidden ? { display: 'none' } : undefined}>
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
            styles={{ body: phone ? undefined : { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}
          >
            <PlaceTree selectedId={selectedId} onSelect={(id) => void navigate(`/registry/${id}`)} />
          </Card>
        </Col>
        <Col flex={phone ? '100%' : 'auto'} style={{ minWidth: 0, ...(phone && !selectedId && !empty ? { display: 'none' } : null) }}>
          {treeHidden ? (
            <Link to="/registry" data-testid="registry-back-to-tree" style={{ display: 'inline-block', marginBottom: 8 }}>
              <LeftOutlined /> {t('places.tree')}
            </Link>
          ) : null}
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
              <Empty
                description={
                  <>
                    <strong>{t('setup.emptyTitle')}</strong>
                    <br />
                    {maySetUp ? t('setup.emptyText') : t('setup.noPlacesYet')}
                  </>
                }
              >
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
