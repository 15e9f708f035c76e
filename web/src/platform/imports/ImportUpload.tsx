import { useState } from 'react';
import { Alert, Button, Card, Col, Progress, Row, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportJobView } from '@jiayuan/contracts';
import { apiUrl, uploadFile } from '../api/client';
import { errorText } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import type { ImportKind } from './imports.api';

const TEMPLATES: Record<ImportKind, string> = { residents: '/residents/import-template.xlsx', places: '/places/import-template.xlsx' };

/**
 * Download the template, then drop the filled-in .xlsx here; shows the upload's progress.
 * `fields` go with the file (the place tree's centre, when there is none yet).
 */
export function ImportUpload({
  onUploaded,
  kind = 'residents',
  fields,
}: {
  onUploaded: (job: ImportJobView) => void;
  kind?: ImportKind;
  fields?: Record<string, string>;
}) {
  const { t, lang } = useI18n();
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');

  const send = async (file: File) => {
    setError(null);
    setName(file.name);
    setPercent(0);
    try {
      const job = await uploadFile<ImportJobView>(`/imports/${kind}`, file, setPercent, fields);
      onUploaded(job);
    } catch (err) {
      setError(err);
      setPercent(null);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={8}>
        <Card title={t('imports.templateTitle')} style={{ height: '100%' }}>
          <Typography.Paragraph type="secondary">{kind === 'places' ? t('imports.places.templateText') : t('imports.templateText')}</Typography.Paragraph>
          {kind === 'places' ? (
            <ul style={{ paddingInlineStart: 18, color: '#595959' }}>
              <li>{t('imports.places.rule1')}</li>
              <li>{t('imports.places.rule2')}</li>
              <li>{t('imports.places.rule3')}</li>
            </ul>
          ) : (
            <ul style={{ paddingInlineStart: 18, color: '#595959' }}>
              <li>{t('imports.rule1')}</li>
              <li>{t('imports.rule2')}</li>
              <li>{t('imports.rule3')}</li>
            </ul>
          )}
          <a href={apiUrl(TEMPLATES[kind])} download data-testid="import-template">
            <Button icon={<DownloadOutlined />}>{t('imports.downloadTemplate')}</Button>
          </a>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card title={t('imports.uploadTitle')}>
          {error ? (
            <Alert type="error" showIcon title={<span data-testid="import-upload-error">{errorText(error, lang)}</span>} style={{ marginBottom: 16 }} />
          ) : null}
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={percent !== null}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imports.dropHere')}</p>
            <p className="ant-upload-hint">{t('imports.dropHint')}</p>
          </Upload.Dragger>
          {percent !== null ? (
            <div style={{ marginTop: 16 }} data-testid="import-upload-progress">
              <Typography.Text>{t('imports.uploading', { name })}</Typography.Text>
              <Progress percent={percent} status="active" aria-label={t('imports.uploading', { name })} />
            </div>
          ) : null}
        </Card>
      </Col>
    </Row>
  );
}
