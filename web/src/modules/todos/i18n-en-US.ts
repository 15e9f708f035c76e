// The todos module's en-US texts: one chunk, fetched with every module's before a console page is drawn
// (platform/i18n/i18n.ts); vite.config.ts keeps the other language out of it.
import { en as todos } from './todos.i18n';

export default todos;
