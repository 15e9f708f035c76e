import { CheckSquareOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [{ key: 'todos', path: '/todos', labelKey: 'menu.todos', icon: <CheckSquareOutlined />, order: 20 }];
export default menu;
