import { Suspense, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import { PageSpin } from '../platform/ui/PageSpin';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from '../platform/api/problem';
import { MeProvider } from '../platform/auth/me';
import { antdLocaleOf, useI18n } from '../platform/i18n/i18n';
import { LiveEventsProvider } from '../platform/live/live';
import { router } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15000,
      refetchOnWindowFocus: false,
      // 4xx answers do not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

function Themed({ children }: { children: ReactNode }) {
  const { lang, t } = useI18n();
  // Our own words for rules without a message: antd's say 请输入 on a select and print a rule's regex.
  const validateMessages = {
    required: t('validate.required'),
    whitespace: t('validate.required'),
    pattern: { mismatch: t('validate.mismatch') },
    string: { max: t('validate.max'), min: t('validate.min'), range: t('validate.range'), len: t('validate.range') },
    number: { range: t('validate.numberRange'), min: t('validate.numberRange'), max: t('validate.numberRange') },
    types: { email: t('validate.invalid'), number: t('validate.invalid'), integer: t('validate.invalid'), url: t('validate.invalid'), date: t('validate.invalid') },
  };
  return (
    <ConfigProvider
      form={{ validateMessages }}
      locale={antdLocaleOf(lang)}
      theme={{
        token: {
          colorPrimary: '#1668dc',
          borderRadius: 6,
          // Secondary text carries addresses and deadlines: 7:1 on white (antd's 45 % black is 3.35:1, WCAG AA needs 4.5:1).
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          // Select placeholders are text, not ::placeholder: 4.7:1 instead of antd's 25 % black.
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif",
        },
        components: { Layout: { siderBg: '#0b1f3a', triggerBg: '#0f2a4f' }, Menu: { darkItemBg: '#0b1f3a', darkSubMenuItemBg: '#081830' } },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Themed>
        <MeProvider>
          <LiveEventsProvider>
            <Suspense fallback={<PageSpin />}>
              <RouterProvider router={router} />
            </Suspense>
          </LiveEventsProvider>
        </MeProvider>
      </Themed>
    </QueryClientProvider>
  );
}
