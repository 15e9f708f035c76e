import type { FormInstance } from 'antd';
import type { Lang } from '@jiayuan/contracts';
import { ApiError } from './problem';

/**
 * Puts the server's field errors (`errors[].path` like `scope.placeIds` or `idNumber`) onto
 * the form's fields. Returns true if at least one landed on a field the form has.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, lang: Lang, aliases: Record<string, string> = {}): boolean {
  if (!(err instanceof ApiError)) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const e of err.fieldErrors) {
    const path = aliases[e.path] ?? e.path;
    const name = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (!known.has(String(name[0]))) continue;
    fields.push({ name, errors: [e.message[lang]] });
  }
  // Some errors carry no path but clearly belong to one field.
  const byCode = aliases[`code:${err.code}`];
  if (byCode && fields.length === 0) fields.push({ name: byCode.split('.'), errors: [err.message_(lang)] });
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
