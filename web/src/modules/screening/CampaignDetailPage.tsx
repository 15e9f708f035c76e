import { App, Button, Card, Descriptions, Popconfirm, Tabs, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import type { Campaign } from '@jiayuan/contracts';
import { api, apiUrl } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { AssignmentsPanel } from './AssignmentsPanel';
import { STATUS_COLOR } from './CampaignsPage';
import { CoveragePanel } from './CoveragePanel';
import { FindingsPanel } from './FindingsPanel';
import { QuestionsEditor } from './QuestionsEditor';

/** One campaign: progress (live), who visits where, people to follow up, and the questions. */
export default function CampaignDetailPage() {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const q = useQuery({ queryKey: ['screening', 'campaign', id], queryFn: () => api.get<Campaign>(`/screening/campaigns/${id}`) });
  const act = useMutation({
    mutationFn: (path: 'start' | 'close' | 'rounds') => api.post<Campaign>(`/screening/campaigns/${id}/${path}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['screening'] }),
    onError: (err) => message.error(errorText(err, lang)),
  });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <PageSpin />;
  const c = q.data;
  const action = (name: 'start' | 'close' | 'newRound', path: 'start' | 'close' | 'rounds', confirm: string, danger = false) =>
    c.actions.includes(name) ? (
      <Popconfirm key={name} title={confirm} onConfirm={() => act.mutate(path)} okButtonProps={{ danger }}>
        <Button type={name === 'start' ? 'primary' : 'default'} danger={danger} loading={act.isPending} data-testid={`campaign-${name}`}>
          {t(`screening.action.${name}`)}
        </Button>
      </Popconfirm>
    ) : null;
  return (
    <>
      <PageHeader
        title={
          <span>
            {c.name}{' '}
            <Tag color={STATUS_COLOR[c.status]} data-testid="campaign-status">
              {t(`screening.status.${c.status}`)}
            </Tag>
          </span>
        }
        subtitle={`${c.places.map((p) => p.label).join('、')} · ${c.startsOn} ~ ${c.endsOn} · ${t('screening.roundN', { n: c.round })}`}
        extra={[
          action('start', 'start', t('screening.action.confirmStart')),
          action('newRound', 'rounds', t('screening.action.confirmRound', { n: c.round + 1 })),
          action('close', 'close', t('screening.action.confirmClose'), true),
          can('screening.export') && c.status !== 'draft' ? (
            <a key="export" href={apiUrl(`/screening/campaigns/${id}/coverage.xlsx`)} download data-testid="coverage-export">
              <Button icon={<DownloadOutlined />}>{t('screening.action.export')}</Button>
            </a>
          ) : null,
        ]}
      />
      <Card>
        <Tabs
          activeKey={params.get('tab') ?? (c.status === 'draft' ? 'questions' : 'coverage')}
          onChange={(tab) => setParams({ tab }, { replace: true })}
          items={[
            ...(c.status !== 'draft' ? [{ key: 'coverage', label: t('screening.tab.coverage'), children: <CoveragePanel campaign={c} /> }] : []),
            { key: 'assignments', label: t('screening.tab.assignments'), children: <AssignmentsPanel campaign={c} /> },
            ...(c.status !== 'draft' ? [{ key: 'findings', label: t('screening.tab.findings'), children: <FindingsPanel campaignId={c.id} /> }] : []),
            {
              key: 'questions',
              label: t('screening.tab.questions'),
              children: (
                <>
                  <Descriptions
                    size="small"
                    column={2}
                    style={{ marginBottom: 12 }}
                    items={[
                      { key: 'by', label: t('common.createdAt'), children: `${fmtDateTime(c.createdAt)} ${c.createdByName ?? ''}` },
                      { key: 'note', label: t('screening.form.note'), children: c.note ?? '—' },
                    ]}
                  />
                  <QuestionsEditor value={c.questions} readOnly />
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
