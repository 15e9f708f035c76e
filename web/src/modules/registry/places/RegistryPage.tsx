import { Card, Col, Empty, Row } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useI18n } from '../../../platform/i18n/i18n';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { PlacePane } from './PlacePane';
import { PlaceTree } from './PlaceTree';

/** 区域: the place tree on the left, the selected place on the right. */
export default function RegistryPage() {
  const { t } = useI18n();
  const params = useParams();
  const navigate = useNavigate();
  const selectedId = params.placeId ? Number(params.placeId) : null;

  return (
    <>
      <PageHeader title={t('places.title')} subtitle={t('places.subtitle')} />
      <Row gutter={16} wrap={false}>
        <Col flex="340px">
          <Card size="small" title={t('places.tree')} styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}>
            <PlaceTree selectedId={selectedId} onSelect={(id) => void navigate(`/registry/${id}`)} />
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {selectedId ? (
            <PlacePane
              key={selectedId}
              placeId={selectedId}
              onDeleted={(parentId) => {
                void navigate(parentId ? `/registry/${parentId}` : '/registry');
              }}
            />
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
