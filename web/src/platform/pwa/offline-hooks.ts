import { useEffect, useState } from 'react';

/** Whether the browser believes it is online, kept current. */
export function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** Registers the service worker that keeps the app shell on the device (vite-plugin-pwa / Workbox). */
export function useServiceWorker() {
  useEffect(() => {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
  }, []);
}
