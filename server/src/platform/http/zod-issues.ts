import type { FieldError } from '@jiayuan/contracts';
import { z } from 'zod';

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** A text that was only spaces, control or zero-width characters (`text()` in the contracts). */
const TEXT_EMPTY = {
  'zh-CN': '不能为空（空格、控制字符和不可见字符不计）',
  'en-US': 'Must not be empty (spaces, control and invisible characters do not count)',
};

const isTextEmpty = (issue: Record<string, unknown>) => (issue.params as { textEmpty?: unknown } | undefined)?.textEmpty === true;

function render(map: typeof zh, issue: Record<string, unknown>): string {
  if (isTextEmpty(issue)) return TEXT_EMPTY[map === zh ? 'zh-CN' : 'en-US'];
  const out = map(issue as never);
  if (typeof out === 'string') return out;
  return out?.message ?? String(issue.message ?? issue.code);
}

/** Turns schema-validation failures into field errors with messages in both UI languages. */
export function fieldErrorsFromValidation(items: ValidationItem[]): FieldError[] {
  return items.map((v) => {
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const issue = { code: v.keyword, path: path ? path.split('.') : [], message: v.message, ...(v.params ?? {}) };
    return { path, code: isTextEmpty(issue) ? 'text_empty' : v.keyword, message: { 'zh-CN': render(zh, issue), 'en-US': render(en, issue) } };
  });
}

/** The same for a zod error raised inside a use-case. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => {
    const issue = i as unknown as Record<string, unknown>;
    return {
      path: i.path.join('.'),
      code: isTextEmpty(issue) ? 'text_empty' : i.code,
      message: { 'zh-CN': render(zh, issue), 'en-US': render(en, issue) },
    };
  });
}
