import { useState } from 'react';
import { Alert, Button, Card, Result, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { QrScanner } from '../../platform/ui/QrScanner';
import { VolShell } from './VolShell';
import { hm, volApi } from './volunteers.api';

/** Checking in and out at an activity: the phone's camera reads the activity's QR code at the venue; the server decides which it is. */
export default function ScanPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [cameraError, setCameraError] = useState<string | null>(null);
  const scan = useMutation({
    mutationFn: (token: string) => volApi.scan(token),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['vol'] }),
  });
  const done = scan.data;
  const paused = scan.isPending || !!done || !!scan.error;
  return (
    <VolShell title={t('vol.scan.title')} back="/resident/volunteers" testId="vol-scan">
      {!paused ? (
        <>
          <Typography.Paragraph style={{ fontSize: 16, margin: 0 }}>{t('vol.scan.hint')}</Typography.Paragraph>
          <QrScanner paused={false} onCode={(code) => scan.mutate(code)} onError={() => setCameraError(t('vol.scan.noCamera'))} />
          {cameraError ? <Alert type="warning" showIcon message={cameraError} /> : null}
        </>
      ) : null}
      {scan.isPending ? <Card loading /> : null}
      {done ? (
        <Card data-testid="scan-result" data-status={done.status}>
          <Result
            status="success"
            title={done.status === 'checkedIn' ? t('vol.scan.in') : t('vol.scan.out')}
            subTitle={
              done.status === 'checkedIn' ? t('vol.scan.inAt', { at: fmtDateTime(done.checkedInAt) }) : t('vol.scan.outHint', { hm: hm(done.minutes, t) })
            }
          />
        </Card>
      ) : null}
      {scan.error ? <Alert type="error" showIcon message={errorText(scan.error, lang)} data-testid="scan-error" /> : null}
      {paused && !scan.isPending ? (
        <Button size="large" block onClick={() => scan.reset()} data-testid="scan-again">
          {t('vol.scan.again')}
        </Button>
      ) : null}
    </VolShell>
  );
}
