import { Card, Descriptions, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Finding } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { FindingActions, reasonTags } from './FindingsPanel';

/** One person to follow up (the link in a health worker's to-do), with the decisions at hand. */
export default function FindingPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['screening', 'finding', id], queryFn: () => api.get<Finding>(`/screening/findings/${id}`) });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <PageSpin />;
  const f = q.data;
  return (
    <>
      <PageHeader
        title={t('screening.findings.detail')}
        subtitle={f.dwellingLabel}
        extra={f.status === 'open' ? <FindingActions f={f} onDone={() => void qc.invalidateQueries({ queryKey: ['screening'] })} /> : null}
      />
      <Card>
        <Descriptions
          column={2}
          items={[
            {
              key: 'p',
              label: t('screening.findings.person'),
              children: (
                <span>
                  {f.personName} {f.registered ? null : <Tag color="orange">{t('screening.findings.unregistered')}</Tag>}
                </span>
              ),
            },
            { key: 's', label: t('screening.col.status'), children: <span data-testid="finding-status">{t(`screening.findings.status.${f.status}`)}</span> },
            { key: 'r', label: t('screening.findings.reasons'), children: reasonTags(f, t) },
            { key: 't', label: t('screening.findings.temperature'), children: f.temperature === null ? '—' : `${f.temperature.toFixed(1)}°C` },
            { key: 'v', label: t('screening.findings.visitedAt'), children: `${fmtDateTime(f.visitedAt)} ${f.visitorName ?? ''}` },
            {
              key: 'c',
              label: t('screening.findings.campaign'),
              children: <Link to={`/screening/campaigns/${f.campaignId}?tab=findings`}>#{f.campaignId}</Link>,
            },
            { key: 'a', label: t('screening.findings.answers'), span: 2, children: <pre className="jy-json">{JSON.stringify(f.answers, null, 2)}</pre> },
            ...(f.note ? [{ key: 'n', label: t('screening.findings.resolveNote'), span: 2, children: f.note }] : []),
          ]}
        />
      </Card>
    </>
  );
}
