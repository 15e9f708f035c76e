import * as platform from './platform/access-cases.js';
import { MODULES as MANIFESTS } from './modules.js';
import { collectCases, createAccessMatrix, describeAccessMatrix, type ModuleAccessCases } from './test-support/access-matrix.js';

/**
 * Every /api route, read from the app itself, called by every role, an anonymous caller, a resident
 * signed in by phone, and each of them on records of another community: 401 without a session, 403
 * without the route's permission, 404 for a record outside the caller's scope, and otherwise an
 * answer that is neither a refusal nor a server error. A new route without a case fails the first test.
 *
 * The harness is test-support/access-matrix.ts; each module keeps its cases (and its hand-written
 * sensitive lines) beside its code, in `server/src/modules/<m>/<m>.access-cases.ts`, found here by that name for
 * every module of the app's list (a module without the file fails at once). Their fixtures are made in the list's
 * order, the platform's first.
 */
declare global {
  interface ImportMeta {
    /** Vite's (vitest's) import of every file a pattern matches. */
    glob<T>(pattern: string, options: { eager: true }): Record<string, T>;
  }
}
const found = import.meta.glob<ModuleAccessCases>('./modules/*/*.access-cases.ts', { eager: true });
const casesOf = new Map(Object.entries(found).map(([file, cases]) => [file.split('/')[2]!, cases]));
const MODULES: ModuleAccessCases[] = [
  platform,
  ...MANIFESTS.map((m) => {
    const cases = casesOf.get(m.name);
    if (!cases) throw new Error(`module ${m.name} has no access cases: server/src/modules/${m.name}/${m.name}.access-cases.ts`);
    return cases;
  }),
];

const matrix = await createAccessMatrix();
const { cases, sensitive } = collectCases(matrix.context, MODULES);
describeAccessMatrix(matrix, cases, sensitive);
