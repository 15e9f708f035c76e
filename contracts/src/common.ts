import { z } from 'zod';
import { LocalizedText } from './i18n.js';

export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const IdParams = z.object({ id: Id });
export const Timestamp = z.string().meta({ format: 'date-time' });
/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real date');

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** A page of rows with the total so tables can paginate. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const FieldError = z.object({ path: z.string(), code: z.string(), message: LocalizedText });
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details with a stable code and the message in both UI languages. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    messages: LocalizedText,
    errors: z.array(FieldError).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const Ok = z.object({ ok: z.literal(true) });
