import { defineWebModule } from '../../platform/modules';

/** A staff member's to-do list (the obligations assigned to them or their places). */
export default defineWebModule({
  name: 'todos',
  routes: { console: [{ path: 'todos', page: () => import('./TodosPage').then((m) => ({ default: m.TodosPage })) }] },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
});
