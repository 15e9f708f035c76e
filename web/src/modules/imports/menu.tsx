import { CloudUploadOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [
  { key: 'imports', path: '/imports', labelKey: 'menu.imports', icon: <CloudUploadOutlined />, permission: 'resident.import', order: 70 },
];
export default menu;
