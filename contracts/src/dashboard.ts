import { z } from 'zod';
import { LocalDate } from './common.js';
import { LocalizedText } from './i18n.js';

/** One figure on a dashboard card: a count with its label, a tone, and where it leads. */
export const DashboardFigure = z.object({
  key: z.string(),
  label: LocalizedText,
  value: z.number().nullable(),
  unit: z.enum(['count', 'minutes', 'percent']).default('count'),
  tone: z.enum(['normal', 'good', 'warning', 'danger']).default('normal'),
  link: z.string().nullable().default(null),
});
export type DashboardFigure = z.infer<typeof DashboardFigure>;

/**
 * A card any module contributes to the coordinator's first screen. Cards come from a
 * server-side registry (each module registers its own), so later modules add theirs.
 */
export const DashboardCard = z.object({
  key: z.string(),
  order: z.number(),
  title: LocalizedText,
  figures: z.array(DashboardFigure),
  /** Optional rows (e.g. the most overdue items), each a label, a detail and a link. */
  rows: z
    .array(z.object({ label: z.string(), detail: LocalizedText.nullable(), at: z.string().nullable(), link: z.string().nullable(), tone: z.enum(['normal', 'warning', 'danger']) }))
    .default([]),
});
export type DashboardCard = z.infer<typeof DashboardCard>;

export const DashboardView = z.object({ date: LocalDate, cards: z.array(DashboardCard) }).meta({ id: 'Dashboard' });
export type DashboardView = z.infer<typeof DashboardView>;
