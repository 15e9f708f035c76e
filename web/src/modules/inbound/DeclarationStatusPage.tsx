import { Alert, App, Button, Card, Result, Steps, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PageSpin } from '../../platform/ui/PageSpin';
import { ApprovalNoticeView } from './ApprovalNoticeView';
import { STATUS_COLORS, inboundApi, type DeclarationStatusView } from './inbound.api';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';

/** Where a declaration stands; once approved, the notice with its QR code, and "I have arrived". */
export function DeclarationStatusCard({ s, onSelfReport, reporting }: { s: DeclarationStatusView; onSelfReport: () => void; reporting: boolean }) {
  const { t, lang } = useI18n();
  const step = { submitted: 0, routed: 1, approved: 2, notified: 2, arrived: 3, rejected: 1, withdrawn: 0 }[s.status];
  return (
    <>
      <Card style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {s.reference}{' '}
          <Tag color={STATUS_COLORS[s.status]} data-testid="declaration-status" data-status={s.status}>
            {t(`inbound.status.${s.status}`)}
          </Tag>
        </Typography.Title>
        <Steps
          direction="vertical"
          size="small"
          current={step}
          status={s.status === 'rejected' ? 'error' : 'process'}
          items={(['submitted', 'review', 'approved', 'arrived'] as const).map((k) => ({ title: t(`inbound.declare.stage.${k}`) }))}
        />
        {s.communityName ? (
          <div>
            {t('inbound.field.community')}
            {lang === 'zh-CN' ? '：' : ': '}
            {s.communityName}
          </div>
        ) : null}
        {s.decisionReason ? <Alert type={s.status === 'rejected' ? 'error' : 'info'} style={{ marginTop: 8 }} title={s.decisionReason} /> : null}
        {s.selfReportedAt ? (
          <Alert type="success" style={{ marginTop: 8 }} title={t('inbound.declare.reported', { at: fmtDateTime(s.selfReportedAt) })} />
        ) : null}
        {s.canSelfReport ? (
          <Button type="primary" size="large" block style={{ marginTop: 12 }} loading={reporting} onClick={onSelfReport} data-testid="self-report">
            {t('inbound.declare.iArrived')}
          </Button>
        ) : null}
      </Card>
      {s.notice ? <ApprovalNoticeView notice={s.notice} /> : null}
    </>
  );
}

/** The public status page of a declaration, opened with its tracking pass (`?t=`). */
export default function DeclarationStatusPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const token = useSearchParams()[0].get('t') ?? '';
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['declaration', token], queryFn: () => inboundApi.track(token), enabled: !!token, refetchInterval: 30000 });
  const report = useMutation({
    mutationFn: () => inboundApi.selfReport(token),
    onSuccess: (s) => {
      qc.setQueryData(['declaration', token], s);
      message.success(t('inbound.declare.reportedToast'));
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  return (
    <div className="jy-phone" data-testid="declaration-status-page">
      <div className="jy-phone-head">
        <PhoneTitle style={{ fontSize: 19, fontWeight: 600 }} text={t('inbound.declare.statusTitle')} />
        <LanguageSwitch size="small" />
      </div>
      <div style={{ padding: 12 }}>
        {!token ? (
          <Result
            status="info"
            title={t('inbound.declare.noToken')}
            subTitle={t('inbound.declare.noTokenHint', {
              view: t('inbound.declare.viewStatus'),
              declare: t('inbound.declare.title'),
              mine: t('inbound.declare.mine'),
            })}
            extra={
              <Link to="/declare" data-testid="declare-link">
                {t('inbound.declare.title')}
              </Link>
            }
            data-testid="declaration-no-token"
          />
        ) : q.error ? (
          <Result status="warning" title={errorText(q.error, lang)} extra={<Link to="/declare">{t('inbound.declare.title')}</Link>} />
        ) : q.data ? (
          <DeclarationStatusCard s={q.data} onSelfReport={() => report.mutate()} reporting={report.isPending} />
        ) : (
          <PageSpin />
        )}
      </div>
    </div>
  );
}
