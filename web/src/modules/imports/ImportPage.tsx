import { Card, Steps } from 'antd';
import { useNavigate, useParams } from 'react-router';
import type { ImportJobView } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { ImportJobPanel } from '../../platform/imports/ImportJobPanel';
import { ImportUpload } from '../../platform/imports/ImportUpload';
import { useImportJob } from '../../platform/imports/imports.api';

function stepOf(job: ImportJobView | undefined): number {
  if (!job) return 0;
  if (job.status === 'validating') return 1;
  if (job.status === 'validated' || job.status === 'importing') return 2;
  return 3;
}

/** 导入: template → upload → validation with progress → error report → confirm → done. */
export default function ImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const q = useImportJob(id);

  return (
    <>
      {q.data?.kind === 'places' ? (
        <PageHeader title={t('imports.places.title')} subtitle={t('imports.places.subtitle')} />
      ) : (
        <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={stepOf(q.data)}
          status={q.data?.status === 'failed' ? 'error' : undefined}
          items={[
            { title: t('imports.step.upload') },
            { title: t('imports.step.validate') },
            { title: t('imports.step.confirm') },
            { title: t('imports.step.done') },
          ]}
        />
      </Card>
      {id === null ? (
        <ImportUpload onUploaded={(job) => void navigate(`/imports/${job.id}`)} />
      ) : q.error ? (
        <QueryError error={q.error} />
      ) : !q.data ? (
        <PageSpin />
      ) : (
        <ImportJobPanel job={q.data} onRestart={() => void navigate('/imports')} />
      )}
    </>
  );
}
