// The audit module's en-US texts: one chunk, fetched with every module's before a console page is drawn
// (platform/i18n/i18n.ts); vite.config.ts keeps the other language out of it.
import { en as audit } from './audit.i18n';

export default audit;
