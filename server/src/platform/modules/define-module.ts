import type { LocalizedText } from '@jiayuan/contracts';
import type { ResidentLink } from '../auth/resident-link.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Ctx, Platform } from '../context.js';
import type { DashboardCardSource } from '../dashboard/dashboard.service.js';
import type { Executor } from '../db/database.js';
import type { FigureSource } from '../figures/figures.registry.js';
import type { ApiCaller } from '../http/in-process.js';
import type { Importer } from '../imports/importer.js';
import type { ObligationTarget } from '../obligations/obligations.service.js';
import type { JobDefinition } from '../scheduler/scheduler.js';

/** A table partitioned by day on a timestamptz column; the scheduler keeps its partitions two weeks ahead. */
export interface PartitionedTableSpec {
  table: string;
  /** Holds health readings: its days past the retention period are dropped whole. */
  healthData?: boolean;
}

/** The places and accounts of the demo data set that modules seed their demo records on. */
export interface DemoSetting {
  community: number;
  compound: number;
  employer: number;
  /** Demo account ids by username (admin, community, property, …). */
  users: ReadonlyMap<string, number>;
  /** The first residents working for `employer` in `community`, and the first flats of `compound`. */
  employees: readonly number[];
  flats: readonly number[];
  /** Today, the local date. */
  today: string;
}

/**
 * Everything a module adds to the app, in one place: the platform's lists (routes, jobs, cards,
 * figures, importers, …) are built by iterating the modules (server/src/modules.ts), so a new
 * module touches only its own folder and one line there. Every part is optional.
 */
export interface ModuleManifest {
  name: string;
  /** Routes under /api. */
  routes?: readonly ((platform: Platform) => FastifyPluginAsyncZod)[];
  /** Routes mounted elsewhere (the Open311 API under /open311). */
  mounts?: readonly { prefix: string; routes: (platform: Platform) => FastifyPluginAsyncZod }[];
  /** Periodic jobs; `everyMs` may depend on the configuration. */
  jobs?: readonly (Omit<JobDefinition, 'everyMs'> & { everyMs: number | ((config: Config) => number) })[];
  dashboardCards?: readonly DashboardCardSource[];
  /** The figures the module can compute for a scope, a date range and a grouping (the daily report reads these). */
  figures?: readonly FigureSource[];
  /** Rule target types other than place types: what a recurring duty can be owed to (households under a place…). */
  obligationTargets?: Readonly<Record<string, (ex: Executor, rootPath: string) => Promise<ObligationTarget[]>>>;
  /** The module keeping the residents tells the identity piece who signs in by phone code (the registry). */
  residentLink?: ResidentLink;
  /** The headings of the module's kinds of to-do. */
  todoKinds?: Readonly<Record<string, LocalizedText>>;
  importers?: readonly Importer[];
  partitionedTables?: readonly PartitionedTableSpec[];
  /** Live topics the module publishes on (declared with defineLiveTopic where published). */
  liveTopics?: readonly string[];
  /** Demo records made once, when the demo data set is first loaded (`npm run demo`). */
  seedDemo?: (ctx: Ctx, demo: DemoSetting) => Promise<void>;
  /** Today's demo activity, made by the demo accounts themselves through the API (every `npm run demo` of a fresh folder). */
  seedDemoDay?: (as: (username: string) => Promise<ApiCaller>, demo: DemoSetting) => Promise<void>;
}

export function defineModule<const M extends ModuleManifest>(manifest: M): M {
  return manifest;
}
