import { Tag } from 'antd';
import { useI18n } from '../../platform/i18n/i18n';
import type { SignupView } from './volunteers.api';

export const SIGNUP_COLORS: Record<SignupView['status'], string> = {
  signedUp: 'blue',
  waiting: 'orange',
  cancelled: 'default',
  checkedIn: 'green',
  checkedOut: 'cyan',
  absent: 'red',
};

/** A sign-up's state in words: signed up, waiting as number N, checked in, attended with its minutes. */
export function SignupTag({ s }: { s: Pick<SignupView, 'status' | 'position'> }) {
  const { t } = useI18n();
  return (
    <Tag color={SIGNUP_COLORS[s.status]} data-testid="signup-status" data-status={s.status} data-position={s.position ?? ''}>
      {s.status === 'waiting' && s.position ? t('vol.signup.waitingAt', { n: s.position }) : t(`vol.signup.${s.status}`)}
    </Tag>
  );
}
