// The zh-CN texts of the sign-in page and the console's frame: all a first visit to /login
// needs. The modules' texts are in i18n-zh-CN.modules.ts, loaded before any other page is drawn
// (issue 10, item 23). Only the language in use is loaded: the other one comes with a switch of
// language, see platform/i18n/i18n.ts.
import { mergeBundles } from './platform/i18n/merge';
// antd's own words (pickers, pagination, empty states) in the same language, in the same chunk.
export { default as antdLocale } from 'antd/es/locale/zh_CN';
import { zh as common } from './platform/i18n/common.i18n';
import { zh as layout } from './platform/layout/layout.i18n';

export default mergeBundles([common, layout]);
