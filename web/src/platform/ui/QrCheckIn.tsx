import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Result, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { QrScanner } from './QrScanner';

/**
 * Checking in and out by the QR code at a place (a duty post, an activity's venue): the phone's camera
 * reads it, the server decides which it is; the answer, or the reason it was refused, then a button to
 * scan again. The module names its texts and draws what the answer says.
 */
export function QrCheckIn<T extends { status: string }>({
  scan,
  queryKey,
  texts,
  result,
}: {
  scan: (token: string) => Promise<T>;
  /** What the answer makes stale (the module's queries). */
  queryKey: readonly unknown[];
  texts: { hint: string; noCamera: string; again: string };
  result: (done: T) => { title: ReactNode; subTitle: ReactNode };
}) {
  const { lang } = useI18n();
  const qc = useQueryClient();
  const [cameraError, setCameraError] = useState<string | null>(null);
  const m = useMutation({ mutationFn: scan, onSuccess: () => void qc.invalidateQueries({ queryKey }) });
  const done = m.data;
  const paused = m.isPending || !!done || !!m.error;
  return (
    <>
      {!paused ? (
        <>
          <Typography.Paragraph style={{ fontSize: 16, margin: 0 }}>{texts.hint}</Typography.Paragraph>
          <QrScanner paused={false} onCode={(code) => m.mutate(code)} onError={() => setCameraError(texts.noCamera)} />
          {cameraError ? <Alert type="warning" showIcon message={cameraError} /> : null}
        </>
      ) : null}
      {m.isPending ? <Card loading /> : null}
      {done ? (
        <Card data-testid="scan-result" data-status={done.status}>
          <Result status="success" {...result(done)} />
        </Card>
      ) : null}
      {m.error ? <Alert type="error" showIcon message={errorText(m.error, lang)} data-testid="scan-error" /> : null}
      {paused && !m.isPending ? (
        <Button size="large" block onClick={() => m.reset()} data-testid="scan-again">
          {texts.again}
        </Button>
      ) : null}
    </>
  );
}
