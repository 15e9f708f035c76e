import {
  ApartmentOutlined,
  BankOutlined,
  BuildOutlined,
  ClusterOutlined,
  HomeOutlined,
  ShopOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { PlaceType } from '@jiayuan/contracts';

const ICONS: Record<PlaceType, React.ReactNode> = {
  center: <BankOutlined />,
  department: <ApartmentOutlined />,
  community: <TeamOutlined />,
  station: <ShopOutlined />,
  compound: <ClusterOutlined />,
  building: <BuildOutlined />,
  stairwell: <UnorderedListOutlined />,
  dwelling: <HomeOutlined />,
};

export function PlaceTypeIcon({ type }: { type: PlaceType }) {
  return <span style={{ color: '#1668dc' }}>{ICONS[type]}</span>;
}
