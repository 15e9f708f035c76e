// The zh-CN texts of the platform's console parts beyond the sign-in page (codes, charts, imports),
// fetched before any other page is drawn, together with every module's own texts (each module's
// i18n-zh-CN.ts, see platform/i18n/i18n.ts); the build puts them all in one chunk (vite.config.ts).
import { mergeBundles } from './platform/i18n/merge';
import { zh as codes } from './platform/i18n/codes.i18n';
import { zh as charts } from './platform/ui/charts/charts.i18n';
import { zh as imports } from './platform/imports/imports.i18n';

export default mergeBundles([{ codes }, charts, imports]);
