import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Result, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, HomeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { InboundRequestView } from '@jiayuan/contracts';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { inboundApi } from './inbound.api';
import { QrScanner } from '../../platform/ui/QrScanner';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';

/** Why the camera failed, as one of the reasons the page can say in words (never the browser's error name). */
const CAMERA_REASONS = ['NotFoundError', 'NotAllowedError', 'NotReadableError', 'SecurityError'] as const;
function cameraReason(e: unknown): string {
  const name = (e as { name?: unknown } | null)?.name;
  return typeof name === 'string' && (CAMERA_REASONS as readonly string[]).includes(name) ? name : 'other';
}

type Scan = { valid: boolean; problem: string | null; request: InboundRequestView | null };

/** Arrival check-in on the phone: scan the notice's QR code, see who it is, confirm. */
export default function ScanPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [scan, setScan] = useState<Scan | null>(null);
  const [done, setDone] = useState<InboundRequestView | null>(null);
  const [camera, setCamera] = useState<string | null>(null);
  const [manual, setManual] = useState('');
  const check = useMutation({ mutationFn: inboundApi.scan, onSuccess: setScan, onError: (e) => message.error(errorText(e, lang)) });
  const confirm = useMutation({
    mutationFn: (r: InboundRequestView) => inboundApi.step(r.id, 'check-in', { method: 'scan', version: r.version }),
    onSuccess: (r) => {
      setDone(r);
      setScan(null);
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const again = () => {
    setScan(null);
    setDone(null);
  };
  const r = scan?.request;
  return (
    <div className="jy-phone" data-testid="scan-page">
      <div className="jy-phone-head">
        <PhoneTitle style={{ fontSize: 20, fontWeight: 600 }} text={t('inbound.scan.title')} />
        <Flex gap={8} align="center">
          <LanguageSwitch size="small" />
          <Link to="/inbound" style={{ color: '#fff' }}>
            <HomeOutlined />
          </Link>
        </Flex>
      </div>
      <div style={{ padding: 12 }}>
        {done ? (
          <Result
            status="success"
            title={<span data-testid="scan-done">{t('inbound.scan.checkedIn', { name: done.name })}</span>}
            subTitle={done.observationCaseId ? t('inbound.scan.observationOpened') : null}
            extra={[
              done.observationCaseId ? (
                <Link key="case" to={`/observation/cases/${done.observationCaseId}`} data-testid="scan-observation">
                  {t('inbound.openObservation')}
                </Link>
              ) : null,
              <Button key="again" type="primary" size="large" onClick={again} data-testid="scan-again">
                {t('inbound.scan.next')}
              </Button>,
            ]}
          />
        ) : (
          <>
            <QrScanner paused={!!scan || check.isPending} onCode={(code) => check.mutate(code)} onError={(e) => setCamera(cameraReason(e))} />
            {camera ? (
              <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('inbound.scan.noCamera')} description={t(`inbound.scan.cameraWhy.${camera}`)} />
            ) : (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {t('inbound.scan.hint')}
              </Typography.Paragraph>
            )}
            {scan ? (
              <Card
                style={{ marginTop: 12, borderColor: scan.valid ? '#52c41a' : '#ff4d4f', borderWidth: 2 }}
                data-testid="scan-result"
                data-valid={scan.valid}
              >
                <Flex align="center" gap={10} style={{ fontSize: 22, fontWeight: 600, marginBottom: 8 }}>
                  {scan.valid ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
                  {r ? r.name : t('inbound.scan.invalid')}
                </Flex>
                {scan.problem ? <Alert type="error" title={t(`inbound.scan.problem.${scan.problem}`)} style={{ marginBottom: 8 }} /> : null}
                {r ? (
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t('inbound.field.idNumber')}>{r.idNumberMasked}</Descriptions.Item>
                    <Descriptions.Item label={t('inbound.field.from')}>{r.fromCity}</Descriptions.Item>
                    <Descriptions.Item label={t('inbound.field.dwelling')}>{r.dwellingLabel ?? r.address}</Descriptions.Item>
                    <Descriptions.Item label={t('inbound.field.measure')}>
                      {r.measure ? (
                        <Tag color="orange">
                          {t(`inbound.measure.${r.measure.kind}`)} {r.measure.days ? t('inbound.nDays', { count: r.measure.days }) : ''}
                        </Tag>
                      ) : (
                        '—'
                      )}
                    </Descriptions.Item>
                  </Descriptions>
                ) : null}
                <Flex gap={8} style={{ marginTop: 12 }}>
                  {scan.valid && r ? (
                    <Button type="primary" size="large" block loading={confirm.isPending} onClick={() => confirm.mutate(r)} data-testid="scan-confirm">
                      {t('inbound.scan.confirm')}
                    </Button>
                  ) : null}
                  <Button size="large" block onClick={again}>
                    {t('inbound.scan.cancel')}
                  </Button>
                </Flex>
              </Card>
            ) : null}
            <Card size="small" style={{ marginTop: 12 }} title={t('inbound.scan.manual')}>
              <Flex gap={8}>
                <Input value={manual} onChange={(e) => setManual(e.target.value)} placeholder={t('inbound.scan.manualPlaceholder')} data-testid="scan-manual" />
                <Button onClick={() => manual.trim() && check.mutate(manual.trim())}>{t('inbound.scan.check')}</Button>
              </Flex>
            </Card>
          </>
        )}
      </div>
    </div>
  );
}
