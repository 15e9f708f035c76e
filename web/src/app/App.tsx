import { Suspense, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import { reducedMotion } from '../platform/ui/motion';
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

/**
 * Colours that carry text reach WCAG AA (4.5:1) on white and on their own light backgrounds, set
 * once here rather than per page (issue 10, item 24; axe-core checks every page in
 * e2e/accessibility.spec.ts). antd's defaults do not: #1677ff links are 4.1:1, #ff4d4f danger
 * text 3.3:1, warning #faad14 1.9:1, success #52c41a 2.3:1, and a preset tag's text (level 7 of
 * its palette on level 1) about 3.4:1 for green. Tags take level 9 of their palette instead.
 */
const PRESET_TAGS = ['blue', 'purple', 'cyan', 'green', 'magenta', 'pink', 'red', 'orange', 'yellow', 'volcano', 'geekblue', 'lime', 'gold'] as const;
const base = theme.getDesignToken() as unknown as Record<string, string>;
// antd 6 keeps each palette step twice (green7 and green-7) and writes the CSS variable
// (--ant-green-7) from the second: both keys are set, or the variable keeps antd's level 7.
const TAG_TEXT = Object.fromEntries(
  PRESET_TAGS.flatMap((c) => [
    [`${c}7`, base[`${c}9`]!],
    [`${c}-7`, base[`${c}9`]!],
  ]),
);
const AA_COLOURS = {
  colorPrimary: '#1668dc', // 4.8:1 on white, white on it too
  colorInfo: '#1668dc',
  colorLink: '#1668dc',
  colorError: '#cf1322', // 5.9:1
  colorWarning: '#874d00', // 6.8:1
  colorSuccess: '#237804', // 5.6:1
  ...TAG_TEXT,
};

function Themed({ children }: { children: ReactNode }) {
  const { lang, t } = useI18n();
  // Our own words for rules without a message: antd's say 请输入 on a select and print a rule's regex.
  const validateMessages = {
    required: t('validate.required'),
    whitespace: t('validate.required'),
    pattern: { mismatch: t('validate.mismatch') },
    string: { max: t('validate.max'), min: t('validate.min'), range: t('validate.range'), len: t('validate.range') },
    number: { range: t('validate.numberRange'), min: t('validate.numberRange'), max: t('validate.numberRange') },
    types: {
      email: t('validate.invalid'),
      number: t('validate.invalid'),
      integer: t('validate.invalid'),
      url: t('validate.invalid'),
      date: t('validate.invalid'),
    },
  };
  return (
    <ConfigProvider
      form={{ validateMessages }}
      locale={antdLocaleOf(lang)}
      theme={{
        token: {
          ...AA_COLOURS,
          motion: !reducedMotion,
          borderRadius: 6,
          // Secondary text carries addresses and deadlines: 7:1 on white (antd's 45 % black is 3.35:1, WCAG AA needs 4.5:1).
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          // Select placeholders are text, not ::placeholder: 4.7:1 instead of antd's 25 % black.
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          fontFamily:
            // Latin faces first, so English (and its ’ and “”) is not set in the CJK face's full-width forms.
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif",
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
