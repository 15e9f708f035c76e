import type { ReactNode } from 'react';
import { Drawer } from 'antd';
import { useI18n } from '../i18n/i18n';
import { Brand } from './Brand';

/** The side menu on a phone, sliding in from the left: loaded the first time it is opened. */
export default function MenuDrawer({ open, onClose, menu }: { open: boolean; onClose: () => void; menu: ReactNode }) {
  const { t } = useI18n();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="left"
      size={280}
      closable={false}
      styles={{ body: { padding: 0, background: '#0b1f3a' }, header: { display: 'none' } }}
      data-testid="menu-drawer"
    >
      <nav data-testid="side-menu" aria-label={t('layout.mainMenu')} style={{ minHeight: '100%', background: '#0b1f3a' }}>
        <Brand collapsed={false} />
        {menu}
      </nav>
    </Drawer>
  );
}
