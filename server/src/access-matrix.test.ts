import * as access from './modules/access/access.access-cases.js';
import * as containment from './modules/containment/containment.access-cases.js';
import * as duty from './modules/duty/duty.access-cases.js';
import * as inbound from './modules/inbound/inbound.access-cases.js';
import * as observation from './modules/observation/observation.access-cases.js';
import * as registry from './modules/registry/registry.access-cases.js';
import * as screening from './modules/screening/screening.access-cases.js';
import * as servicedesk from './modules/servicedesk/servicedesk.access-cases.js';
import * as platform from './platform/access-cases.js';
import { collectCases, createAccessMatrix, describeAccessMatrix, type ModuleAccessCases } from './test-support/access-matrix.js';

/**
 * Every /api route, read from the app itself, called by every role, an anonymous caller, a resident
 * signed in by phone, and each of them on records of another community: 401 without a session, 403
 * without the route's permission, 404 for a record outside the caller's scope, and otherwise an
 * answer that is neither a refusal nor a server error. A new route without a case fails the first test.
 *
 * The harness is test-support/access-matrix.ts; each module keeps its cases (and its hand-written
 * sensitive lines) beside its code, in `<m>.access-cases.ts`. A new module adds one line here. Their
 * fixtures are made in this order.
 */
const MODULES: ModuleAccessCases[] = [platform, registry, screening, inbound, observation, servicedesk, containment, access, duty];

const matrix = await createAccessMatrix();
const { cases, sensitive } = collectCases(matrix.context, MODULES);
describeAccessMatrix(matrix, cases, sensitive);
