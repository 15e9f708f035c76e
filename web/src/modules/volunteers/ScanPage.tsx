import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { QrCheckIn } from '../../platform/ui/QrCheckIn';
import { VolShell } from './VolShell';
import { hm, volApi } from './volunteers.api';

/** Checking in and out at an activity: the phone's camera reads the activity's QR code at the venue; the server decides which it is. */
export default function ScanPage() {
  const { t } = useI18n();
  return (
    <VolShell title={t('vol.scan.title')} back="/resident/volunteers" testId="vol-scan">
      <QrCheckIn
        scan={volApi.scan}
        queryKey={['vol']}
        texts={{ hint: t('vol.scan.hint'), noCamera: t('vol.scan.noCamera'), again: t('vol.scan.again') }}
        result={(done) => ({
          title: done.status === 'checkedIn' ? t('vol.scan.in') : t('vol.scan.out'),
          subTitle:
            done.status === 'checkedIn' ? t('vol.scan.inAt', { at: fmtDateTime(done.checkedInAt) }) : t('vol.scan.outHint', { hm: hm(done.minutes, t) }),
        })}
      />
    </VolShell>
  );
}
