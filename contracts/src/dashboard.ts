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
    .array(
      z.object({
        label: z.string(),
        detail: LocalizedText.nullable(),
        at: z.string().nullable(),
        link: z.string().nullable(),
        tone: z.enum(['normal', 'warning', 'danger']),
      }),
    )
    .default([]),
});
export type DashboardCard = z.infer<typeof DashboardCard>;

export const DashboardView = z.object({ date: LocalDate, cards: z.array(DashboardCard) }).meta({ id: 'Dashboard' });
export type DashboardView = z.infer<typeof DashboardView>;

/** How a figure's rows can be grouped: by day, or by a kind of place or record. */
export const FIGURE_GROUPINGS = ['total', 'day', 'community', 'station', 'compound', 'employer', 'team', 'category', 'gate'] as const;
export const FigureGrouping = z.enum(FIGURE_GROUPINGS);
export type FigureGrouping = z.infer<typeof FigureGrouping>;

/** One measure of a figure set, with the definition a reader of the report needs (what is counted, when). */
export const FigureMeasure = z.object({
  key: z.string(),
  label: LocalizedText,
  definition: LocalizedText,
  /** A percent is a share 0..1; a score is an average rating. */
  unit: z.enum(['count', 'minutes', 'percent', 'score']),
});
export type FigureMeasure = z.infer<typeof FigureMeasure>;

/** A set of figures a module computes for a scope, a date range and a grouping (the dashboard and the daily report read these). */
export const FigureSetInfo = z.object({
  key: z.string(),
  module: z.string(),
  title: LocalizedText,
  groupings: z.array(FigureGrouping),
  measures: z.array(FigureMeasure),
});
export type FigureSetInfo = z.infer<typeof FigureSetInfo>;
export const FigureCatalog = z.object({ items: z.array(FigureSetInfo) }).meta({ id: 'FigureCatalog' });
export type FigureCatalog = z.infer<typeof FigureCatalog>;

export const FigureQuery = z.object({
  from: LocalDate,
  to: LocalDate,
  groupBy: FigureGrouping.default('total'),
});
export type FigureQuery = z.infer<typeof FigureQuery>;

/** One row of a figure set: the group (a day, a place id…), its name, and a value per measure (null: not defined, e.g. a median of nothing). */
export const FigureValuesRow = z.object({ group: z.string(), label: z.string(), values: z.record(z.string(), z.number().nullable()) });
export type FigureValuesRow = z.infer<typeof FigureValuesRow>;
export const FigureSetResult = z
  .object({ key: z.string(), from: LocalDate, to: LocalDate, groupBy: FigureGrouping, rows: z.array(FigureValuesRow), total: FigureValuesRow })
  .meta({ id: 'FigureSetResult' });
export type FigureSetResult = z.infer<typeof FigureSetResult>;
