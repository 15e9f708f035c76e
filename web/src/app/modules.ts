import type { WebModule } from '../platform/modules';
import access from '../modules/access';
import admin from '../modules/admin';
import audit from '../modules/audit';
import auth from '../modules/auth';
import containment from '../modules/containment';
import dashboard from '../modules/dashboard';
import duty from '../modules/duty';
import imports from '../modules/imports';
import inbound from '../modules/inbound';
import observation from '../modules/observation';
import registry from '../modules/registry';
import resident from '../modules/resident';
import screening from '../modules/screening';
import servicedesk from '../modules/servicedesk';
import todos from '../modules/todos';
import volunteers from '../modules/volunteers';

/**
 * The web app's modules: the one place that names them. Routes, the side menu, texts, dashboard
 * cards, live topics and the resident's tiles all come from these manifests (platform/modules.ts);
 * a new module adds its line here and nothing else outside its own folder.
 */
export const MODULES: readonly WebModule[] = [
  auth,
  todos,
  dashboard,
  inbound,
  observation,
  containment,
  duty,
  registry,
  imports,
  screening,
  servicedesk,
  volunteers,
  access,
  admin,
  audit,
  resident,
];
