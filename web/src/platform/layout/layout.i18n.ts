import type { SameKeys } from '../i18n/types';

const zh = {
  layout: {
    openMenu: '打开菜单',
    closeMenu: '关闭菜单',
    collapseMenu: '收起菜单',
    expandMenu: '展开菜单',
    userMenu: '账户菜单',
    mainMenu: '主菜单',
    more: '展开全部',
    less: '收起',
  },
};

const en: SameKeys<typeof zh> = {
  layout: {
    openMenu: 'Open the menu',
    closeMenu: 'Close the menu',
    collapseMenu: 'Collapse the menu',
    expandMenu: 'Expand the menu',
    userMenu: 'Account menu',
    mainMenu: 'Main menu',
    more: 'Show all',
    less: 'Show less',
  },
};

export { zh, en };
