import { useState } from 'react';
import { Alert, App, Button, Card, Col, Progress, Result, Row, Space, Statistic, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ImportJobView } from '@jiayuan/contracts';
import { api, apiUrl } from '../api/client';
import { errorText } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { ImportErrorsTable } from './ImportErrorsTable';
import { importKey } from './imports.api';

/** One import job in whatever state it is in, with exactly the buttons its `actions` allow. */
export function ImportJobPanel({ job, onRestart }: { job: ImportJobView; onRestart: () => void }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (what: 'commit' | 'commitValidOnly' | 'cancel') => {
    setBusy(what);
    try {
      const next =
        what === 'cancel'
          ? await api.post<ImportJobView>(`/imports/${job.id}/cancel`)
          : await api.post<ImportJobView>(`/imports/${job.id}/commit`, { onlyValid: what === 'commitValidOnly' });
      qc.setQueryData(importKey(job.id), next);
    } catch (err) {
      message.error(errorText(err, lang));
      void qc.invalidateQueries({ queryKey: importKey(job.id) });
    } finally {
      setBusy(null);
    }
  };
  const again = (
    <Button onClick={onRestart} data-testid="import-again">
      {t('imports.uploadAnother')}
    </Button>
  );

  if (job.status === 'validating' || job.status === 'importing') {
    const pct = job.totalRows ? Math.min(100, Math.round((job.processedRows / job.totalRows) * 100)) : 0;
    return (
      <Card data-testid="import-progress" data-status={job.status}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          <FileExcelOutlined /> {job.fileName}
        </Typography.Title>
        <Typography.Text>
          {job.status === 'validating' ? t('imports.validating', { done: job.processedRows, total: job.totalRows || '…' }) : t('imports.importing')}
        </Typography.Text>
        <Progress percent={job.status === 'importing' ? 100 : pct} status="active" aria-label={job.fileName} />
        {job.actions.includes('cancel') ? (
          <Button onClick={() => void act('cancel')} loading={busy === 'cancel'} data-testid="import-cancel">
            {t('common.cancel')}
          </Button>
        ) : null}
      </Card>
    );
  }
  if (job.status === 'failed') {
    return <Result status="error" title={t('imports.failed')} subTitle={pick(job.failure)} extra={again} data-testid="import-failed" />;
  }
  if (job.status === 'cancelled') {
    return <Result status="info" title={t('imports.cancelled')} subTitle={job.fileName} extra={again} data-testid="import-cancelled" />;
  }
  if (job.status === 'imported') {
    const places = job.kind === 'places';
    return (
      <Result
        status="success"
        data-testid="import-done"
        title={places ? t('imports.places.doneTitle', { count: job.importedRows }) : t('imports.doneTitle', { count: job.importedRows })}
        subTitle={job.onlyValid && job.errorRows ? t('imports.doneSkipped', { count: job.errorRows }) : job.fileName}
        extra={[
          places ? (
            <Link key="r" to="/registry">
              <Button type="primary" data-testid="import-view-places">
                {t('imports.places.viewPlaces')}
              </Button>
            </Link>
          ) : (
            <Link key="r" to={job.placeId ? `/residents?placeId=${job.placeId}` : '/residents'}>
              <Button type="primary" data-testid="import-view-residents">
                {t('imports.viewResidents')}
              </Button>
            </Link>
          ),
          <span key="a">{again}</span>,
        ]}
      />
    );
  }

  // validated
  const clean = job.errorRows === 0;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-result" data-status={job.status}>
      <Card>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          <FileExcelOutlined /> {job.fileName}
        </Typography.Title>
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={8}>
            <Statistic title={t('imports.totalRows')} value={job.totalRows} />
          </Col>
          <Col span={8}>
            <Statistic title={t('imports.validRows')} value={job.validRows} styles={{ content: { color: '#389e0d' } }} prefix={<CheckCircleOutlined />} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('imports.errorRows')}
              value={job.errorRows}
              styles={{ content: { color: clean ? undefined : '#cf1322' } }}
              prefix={<CloseCircleOutlined />}
              data-testid="import-error-count"
            />
          </Col>
        </Row>
        <Alert
          type={clean ? 'success' : 'warning'}
          showIcon
          title={clean ? t('imports.allValid') : t('imports.hasErrors', { count: job.errorRows })}
          style={{ marginBottom: 16 }}
        />
        <Space wrap>
          {job.actions.includes('commit') ? (
            <Button type="primary" onClick={() => void act('commit')} loading={busy === 'commit'} data-testid="import-commit-all">
              {t('imports.commitAll')}
            </Button>
          ) : null}
          {job.actions.includes('commitValidOnly') ? (
            <Button type="primary" onClick={() => void act('commitValidOnly')} loading={busy === 'commitValidOnly'} data-testid="import-commit-valid">
              {t('imports.commitValid', { n: job.errorRows })}
            </Button>
          ) : null}
          {job.actions.includes('cancel') ? (
            <Button onClick={() => void act('cancel')} loading={busy === 'cancel'} data-testid="import-cancel">
              {t('common.cancel')}
            </Button>
          ) : null}
          {!clean ? (
            <a href={apiUrl(`/imports/${job.id}/errors.xlsx`)} download data-testid="import-error-report">
              <Button icon={<DownloadOutlined />}>{t('imports.downloadErrors')}</Button>
            </a>
          ) : null}
        </Space>
      </Card>
      {!clean ? (
        <Card title={t('imports.errorsTitle')}>
          <ImportErrorsTable jobId={job.id} />
        </Card>
      ) : null}
    </Space>
  );
}
