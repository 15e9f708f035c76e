import { AuditOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [{ key: 'audit', path: '/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read', order: 160 }];
export default menu;
