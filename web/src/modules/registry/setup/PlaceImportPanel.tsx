import { useEffect, useState } from 'react';
import { Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../../platform/i18n/i18n';
import { PageSpin } from '../../../platform/ui/PageSpin';
import { QueryError } from '../../../platform/ui/QueryError';
import { ImportJobPanel } from '../../../platform/imports/ImportJobPanel';
import { ImportUpload } from '../../../platform/imports/ImportUpload';
import { useImportJob } from '../../../platform/imports/imports.api';

/**
 * 从 Excel 导入区域: the place tree from a workbook, one path per row, through the same
 * upload → check → confirm steps as the residents' import. With no centre yet, its name may
 * be given here instead of in a column of the file.
 */
export function PlaceImportPanel({ hasTree }: { hasTree: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [centerName, setCenterName] = useState('');
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useImportJob(jobId);
  const imported = job.data?.status === 'imported';
  useEffect(() => {
    if (imported) void qc.invalidateQueries({ queryKey: ['places'] });
  }, [imported, qc]);

  if (jobId !== null) {
    if (job.error) return <QueryError error={job.error} />;
    if (!job.data) return <PageSpin />;
    return <ImportJobPanel job={job.data} onRestart={() => setJobId(null)} />;
  }
  const name = centerName.trim();
  return (
    <>
      {!hasTree ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Form layout="vertical">
            <Form.Item
              label={t('setup.import.center')}
              htmlFor="setup-import-center"
              extra={t('setup.import.centerHint')}
              style={{ marginBottom: 0, maxWidth: 480 }}
            >
              <Input
                id="setup-import-center"
                value={centerName}
                onChange={(e) => setCenterName(e.target.value)}
                maxLength={60}
                data-testid="setup-import-center"
              />
            </Form.Item>
          </Form>
        </Card>
      ) : null}
      <ImportUpload kind="places" fields={name ? { centerName: name } : {}} onUploaded={(j) => setJobId(j.id)} />
    </>
  );
}
