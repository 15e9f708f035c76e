import type { CSSProperties } from 'react';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from './hooks';

/**
 * The title in a phone page's dark bar: the page's one h1, and the window's title ("<page> - 家园"),
 * as PageHeader is on the console's pages (issue 10, item 24).
 */
export function PhoneTitle({ text, style, testId }: { text: string; style?: CSSProperties; testId?: string }) {
  const { t } = useI18n();
  useDocumentTitle(text, t('app.name'));
  return (
    <h1 className="jy-phone-title" style={style} data-testid={testId}>
      {text}
    </h1>
  );
}
