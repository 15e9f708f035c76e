import { useSyncExternalStore } from 'react';

/** Below antd's `md` breakpoint (768 px) the console is laid out for a phone. */
export const PHONE_QUERY = '(max-width: 767px)';

function subscribe(onChange: () => void) {
  const mq = window.matchMedia(PHONE_QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

/** True on a phone-sized window, known from the first render (no desktop flash on a phone). */
export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(PHONE_QUERY).matches);
}
