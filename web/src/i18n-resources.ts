import common from './platform/i18n/common.i18n';
import codes from './platform/i18n/codes.i18n';
import todos from './modules/todos/todos.i18n';
import places from './modules/registry/places.i18n';
import residents from './modules/registry/residents.i18n';
import imports from './modules/imports/imports.i18n';
import admin from './modules/admin/users.i18n';
import audit from './modules/audit/audit.i18n';
import screening from './modules/screening/screening.i18n';
import inbound from './modules/inbound/inbound.i18n';
import observation from './modules/observation/observation.i18n';
import dashboard from './modules/dashboard/dashboard.i18n';
import servicedesk from './modules/servicedesk/servicedesk.i18n';
import containment from './modules/containment/containment.i18n';
import access from './modules/access/access.i18n';
import charts from './platform/ui/charts/charts.i18n';
import setup from './modules/registry/setup/setup.i18n';
import layout from './platform/layout/layout.i18n';

type Tree = { [k: string]: string | Tree };
const bundles: { 'zh-CN': object; 'en-US': object }[] = [common, codes, todos, places, residents, imports, admin, audit, screening, inbound, observation, dashboard, servicedesk, containment, access, charts, setup, layout];

function merge(target: Tree, src: Tree): Tree {
  for (const [k, v] of Object.entries(src)) {
    if (typeof v === 'string') target[k] = v;
    else target[k] = merge((target[k] as Tree) ?? {}, v);
  }
  return target;
}

/** Every module's texts, one tree per language. */
export const resources = {
  'zh-CN': bundles.reduce<Tree>((acc, b) => merge(acc, b['zh-CN'] as Tree), {}),
  'en-US': bundles.reduce<Tree>((acc, b) => merge(acc, b['en-US'] as Tree), {}),
};
