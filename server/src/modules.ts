import type { ModuleManifest } from './platform/modules/define-module.js';
import { registryModule } from './modules/registry/index.js';
import { screeningModule } from './modules/screening/index.js';
import { observationModule } from './modules/observation/index.js';
import { inboundModule } from './modules/inbound/index.js';
import { servicedeskModule } from './modules/servicedesk/index.js';
import { containmentModule } from './modules/containment/index.js';
import { accessModule } from './modules/access/index.js';
import { dutyModule } from './modules/duty/index.js';
import { volunteersModule } from './modules/volunteers/index.js';

/**
 * Every module of the app, each described by its manifest (modules/<m>/index.ts). The app's
 * routes, jobs, dashboard cards, figures, importers, to-do kinds, partitions and demo data are
 * built from this list: a new module adds one line here (and its permissions one line in
 * contracts/src/access.ts, its web half one line in web/src/app/modules.ts).
 */
export const MODULES: readonly ModuleManifest[] = [
  registryModule,
  screeningModule,
  observationModule,
  inboundModule,
  servicedeskModule,
  containmentModule,
  accessModule,
  dutyModule,
  volunteersModule,
];
