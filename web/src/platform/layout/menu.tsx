import type { ReactNode } from 'react';
import { CustomerServiceOutlined, HeartOutlined, SafetyOutlined, SettingOutlined, SmileOutlined } from '@ant-design/icons';
import type { Permission } from '@jiayuan/contracts';
import { webModulesReady, type MenuEntryDef, type MenuGroupKey } from '../modules';

export interface MenuEntry {
  key: string;
  path?: string;
  labelKey: string;
  icon: ReactNode;
  permission?: Permission | readonly Permission[];
  children?: MenuEntry[];
}

/**
 * The side menu's groups: the platform's, so modules share them. Each sits on the top level at
 * its `order` among the modules' top-level entries; a group no visible entry is in is left out.
 */
const GROUPS: Record<MenuGroupKey, { labelKey: string; icon: ReactNode; order: number }> = {
  epidemic: { labelKey: 'menu.epidemic', icon: <HeartOutlined />, order: 30 },
  servicedesk: { labelKey: 'menu.servicedesk', icon: <CustomerServiceOutlined />, order: 120 },
  volunteering: { labelKey: 'menu.volunteering', icon: <SmileOutlined />, order: 125 },
  access: { labelKey: 'menu.access', icon: <SafetyOutlined />, order: 130 },
  admin: { labelKey: 'menu.admin', icon: <SettingOutlined />, order: 150 },
};
/** The groups open when the console is first shown. */
export const MENU_GROUPS = Object.keys(GROUPS) as MenuGroupKey[];

/** The staff console's side menu built from the modules' entries (see buildMenu). */
let MENU: MenuEntry[] = [];

/** The menu from every module's entries: groups and top-level entries by order, a group's entries by theirs. */
export function buildMenu(defs: readonly MenuEntryDef[]): MenuEntry[] {
  const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
  const entry = ({ key, path, labelKey, icon, permission }: MenuEntryDef): MenuEntry => ({ key, path, labelKey, icon, permission });
  const top: { order: number; entry: MenuEntry }[] = defs.filter((d) => !d.group).map((d) => ({ order: d.order, entry: entry(d) }));
  for (const [key, g] of Object.entries(GROUPS)) {
    const children = defs
      .filter((d) => d.group === key)
      .sort(byOrder)
      .map(entry);
    if (children.length) top.push({ order: g.order, entry: { key, labelKey: g.labelKey, icon: g.icon, children } });
  }
  return top.sort(byOrder).map((t) => t.entry);
}

let menuLoad: Promise<void> | null = null;
/** Loads every module's menu entries (one chunk, see vite.config.ts); the console's frame waits for it. */
export function loadMenu(): Promise<void> {
  menuLoad ??= webModulesReady()
    .then((modules) => Promise.all(modules.map((m) => (m.menu ? m.menu().then((x) => x.default) : []))))
    .then(
      (lists) => {
        MENU = buildMenu(lists.flat());
      },
      (err: unknown) => {
        // A chunk that did not come (a dropped connection) is asked for again next time.
        menuLoad = null;
        throw err;
      },
    );
  return menuLoad;
}

export function visibleMenu(can: (p: Permission) => boolean, entries: MenuEntry[] = MENU): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const e of entries) {
    if (e.children) {
      const kids = visibleMenu(can, e.children);
      if (kids.length) out.push({ ...e, children: kids });
    } else if (!e.permission || (typeof e.permission === 'string' ? can(e.permission) : e.permission.some(can))) out.push(e);
  }
  return out;
}

/** The menu key for a URL, longest path first so /admin/users beats /. */
export function menuKeyFor(pathname: string, entries: MenuEntry[] = MENU): string {
  const flat = entries.flatMap((e) => (e.children ? e.children : [e])).filter((e) => e.path);
  const hit = flat
    .filter((e) => (e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`)))
    .sort((a, b) => b.path!.length - a.path!.length)[0];
  return hit?.key ?? '';
}

/** The menu entry a URL belongs to (for the window's title), if any. */
export function menuEntryFor(pathname: string, entries: MenuEntry[] = MENU): MenuEntry | undefined {
  const key = menuKeyFor(pathname, entries);
  return entries.flatMap((e) => (e.children ? e.children : [e])).find((e) => e.key === key);
}
