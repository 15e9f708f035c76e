import { useState } from 'react';
import { Alert, Button, Card, Flex, Result, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { QrScanner } from '../../platform/ui/QrScanner';
import { shiftTime } from './ClaimItem';
import { DutyShell } from './DutyShell';
import { dutyApi, hoursText, type ClaimView } from './duty.api';

/** Checking in and out at the post: the phone's camera reads the post's QR code; the server decides which it is. */
export default function ScanPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [cameraError, setCameraError] = useState<string | null>(null);
  const scan = useMutation({
    mutationFn: (token: string) => dutyApi.scan(token),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['duty'] }),
  });
  const done: ClaimView | undefined = scan.data;
  const paused = scan.isPending || !!done || !!scan.error;
  return (
    <DutyShell title={t('duty.scan.title')} back="/resident/duty" testId="duty-scan">
      {!paused ? (
        <>
          <Typography.Paragraph style={{ fontSize: 16, margin: 0 }}>{t('duty.scan.hint')}</Typography.Paragraph>
          <QrScanner paused={false} onCode={(code) => scan.mutate(code)} onError={() => setCameraError(t('duty.scan.noCamera'))} />
          {cameraError ? <Alert type="warning" showIcon message={cameraError} /> : null}
        </>
      ) : null}
      {scan.isPending ? <Card loading /> : null}
      {done ? (
        <Card data-testid="scan-result" data-status={done.status}>
          <Result
            status="success"
            title={done.status === 'checkedIn' ? t('duty.scan.in') : t('duty.scan.out')}
            subTitle={
              <Flex vertical gap={4}>
                <span style={{ fontSize: 16 }}>{done.postName}</span>
                <span>{shiftTime(done.startsAt, done.endsAt)}</span>
                {done.status === 'checkedIn' ? <span>{t('duty.scan.inAt', { at: fmtDateTime(done.checkedInAt) })}</span> : null}
                {done.servedMinutes != null ? (
                  <Typography.Text strong data-testid="scan-served" data-minutes={done.servedMinutes}>
                    {t('duty.claim.served', { hours: hoursText(done.servedMinutes, t) })}
                  </Typography.Text>
                ) : null}
              </Flex>
            }
          />
        </Card>
      ) : null}
      {scan.error ? <Alert type="error" showIcon message={errorText(scan.error, lang)} data-testid="scan-error" /> : null}
      {paused && !scan.isPending ? (
        <Button size="large" block onClick={() => scan.reset()} data-testid="scan-again">
          {t('duty.scan.again')}
        </Button>
      ) : null}
    </DutyShell>
  );
}
