// The en-US texts of every module but the sign-in page's (see i18n-en-US.ts).
import { mergeBundles } from './i18n-merge';
import { en as codes } from './platform/i18n/codes.i18n';
import { en as todos } from './modules/todos/todos.i18n';
import { en as places } from './modules/registry/places.i18n';
import { en as residents } from './modules/registry/residents.i18n';
import { en as imports } from './platform/imports/imports.i18n';
import { en as admin } from './modules/admin/users.i18n';
import { en as audit } from './modules/audit/audit.i18n';
import { en as screening } from './modules/screening/screening.i18n';
import { en as inbound } from './modules/inbound/inbound.i18n';
import { en as observation } from './modules/observation/observation.i18n';
import { en as dashboard } from './modules/dashboard/dashboard.i18n';
import { en as servicedesk } from './modules/servicedesk/servicedesk.i18n';
import { en as containment } from './modules/containment/containment.i18n';
import { en as access } from './modules/access/access.i18n';
import { en as charts } from './platform/ui/charts/charts.i18n';
import { en as setup } from './modules/registry/setup/setup.i18n';

export default mergeBundles([{ codes }, todos, places, residents, imports, admin, audit, screening, inbound, observation, dashboard, servicedesk, containment, access, charts, setup]);
