import { ApartmentOutlined, BankOutlined, ClusterOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [
  { key: 'registry', path: '/registry', labelKey: 'menu.registry', icon: <ApartmentOutlined />, permission: 'place.read', order: 40 },
  { key: 'households', path: '/households', labelKey: 'menu.households', icon: <HomeOutlined />, permission: 'household.read', order: 50 },
  { key: 'residents', path: '/residents', labelKey: 'menu.residents', icon: <TeamOutlined />, permission: 'resident.read', order: 60 },
  { key: 'grids', path: '/grids', labelKey: 'menu.grids', icon: <ClusterOutlined />, permission: 'place.read', order: 80 },
  { key: 'employers', path: '/employers', labelKey: 'menu.employers', icon: <BankOutlined />, permission: 'employer.read', order: 90 },
];
export default menu;
