import { registerResidentLink } from '../auth/resident-link.js';
import { registerDashboardCard } from '../dashboard/dashboard.service.js';
import { registerFigures } from '../figures/figures.registry.js';
import { registerImporter } from '../imports/imports.service.js';
import { registerObligationKinds } from '../obligations/obligation-kinds.js';
import { registerObligationTargets } from '../obligations/obligations.service.js';
import type { ModuleManifest, PartitionedTableSpec } from './define-module.js';

/** Hands the modules' cards, figures, importers, to-do kinds, duty targets and resident link to the platform's registries (idempotent). */
export function installModules(modules: readonly ModuleManifest[]) {
  for (const m of modules) {
    for (const card of m.dashboardCards ?? []) registerDashboardCard(card);
    for (const figures of m.figures ?? []) registerFigures(figures);
    for (const importer of m.importers ?? []) registerImporter(importer);
    if (m.todoKinds) registerObligationKinds(m.todoKinds);
    for (const [targetType, resolve] of Object.entries(m.obligationTargets ?? {})) registerObligationTargets(targetType, resolve);
    if (m.residentLink) registerResidentLink(m.residentLink);
  }
}

/** The platform's own day-partitioned table: the audit log (kept, never dropped for retention). */
const PLATFORM_PARTITIONED: readonly PartitionedTableSpec[] = [{ table: 'audit_log' }];

/** Every day-partitioned table: the platform's and the modules'. */
export function partitionedTables(modules: readonly ModuleManifest[]): PartitionedTableSpec[] {
  return [...PLATFORM_PARTITIONED, ...modules.flatMap((m) => m.partitionedTables ?? [])];
}
