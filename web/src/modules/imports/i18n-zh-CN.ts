// The imports module's zh-CN texts: one chunk, fetched with every module's before a console page is drawn
// (platform/i18n/i18n.ts); vite.config.ts keeps the other language out of it.
import { zh as imports } from './imports.i18n';

export default imports;
