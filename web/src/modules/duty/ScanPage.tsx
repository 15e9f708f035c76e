import { Flex, Typography } from 'antd';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { QrCheckIn } from '../../platform/ui/QrCheckIn';
import { shiftTime } from './ClaimItem';
import { DutyShell } from './DutyShell';
import { dutyApi, hoursText } from './duty.api';

/** Checking in and out at the post: the phone's camera reads the post's QR code; the server decides which it is. */
export default function ScanPage() {
  const { t } = useI18n();
  return (
    <DutyShell title={t('duty.scan.title')} back="/resident/duty" testId="duty-scan">
      <QrCheckIn
        scan={dutyApi.scan}
        queryKey={['duty']}
        texts={{ hint: t('duty.scan.hint'), noCamera: t('duty.scan.noCamera'), again: t('duty.scan.again') }}
        result={(done) => ({
          title: done.status === 'checkedIn' ? t('duty.scan.in') : t('duty.scan.out'),
          subTitle: (
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
          ),
        })}
      />
    </DutyShell>
  );
}
