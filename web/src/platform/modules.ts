import type { ComponentType, ReactNode } from 'react';
import type { DashboardCard, Lang, Permission } from '@jiayuan/contracts';

/**
 * A web module's manifest: everything the app shell needs to know about it. Each
 * `modules/<name>/index.ts` exports one (`defineWebModule`), and the one list of modules
 * (app/modules.ts) hands them to the platform (`installModules`); the platform names no module.
 *
 * A manifest is part of every first load (the router is built from it), so it holds only paths,
 * names and loaders: pages, texts, menu entries (their icons), dashboard cards and resident tiles
 * each come in their own chunk when first needed.
 */
export interface WebModule {
  name: string;
  routes?: {
    /** Pages inside the staff console (side menu, header); `path` is relative to `/`. */
    console?: ModuleRoute[];
    /** Pages without the console around them (printable, phone, public); `path` is absolute. */
    bare?: BareRoute[];
    /** A resident's pages (signed in as a resident); `path` is absolute. */
    resident?: ModuleRoute[];
  };
  /** The module's side-menu entries, each in a group of the platform's (layout/menu.tsx) or on top. */
  menu?: () => Promise<{ default: MenuEntryDef[] }>;
  /** The module's texts, one chunk per language (`i18n-zh-CN.ts`/`i18n-en-US.ts` beside the manifest). */
  texts?: Record<Lang, () => Promise<{ default: object }>>;
  /** Renderers of the server's dashboard cards, by card key; a card with none is drawn as figures. */
  dashboardCards?: Record<string, () => Promise<{ default: DashboardCardRenderer }>>;
  /** Live topics the dashboard listens to: an event of one of them refreshes its cards. */
  liveTopics?: LiveTopicRef[];
  /** Cards on a resident's home page, placed by `order` among every module's tiles. */
  residentTiles?: ResidentTile[];
}

export type PageLoader = () => Promise<{ default: ComponentType }>;

export interface ModuleRoute {
  path: string;
  page: PageLoader;
}

export interface BareRoute extends ModuleRoute {
  /** Who must be signed in; none: the page is public or checks itself (offline pages). */
  auth?: 'staff';
  /** The sign-in page's own texts suffice (the sign-in page): the modules' texts are not waited for. */
  shellTextsOnly?: boolean;
}

/** The groups of the side menu: the platform's, so that modules share them (see layout/menu.tsx). */
export type MenuGroupKey = 'epidemic' | 'servicedesk' | 'volunteering' | 'access' | 'admin';

export interface MenuEntryDef {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** Who sees it: holders of this permission (of any one of them, for a list). */
  permission?: Permission | readonly Permission[];
  /** The group it sits in; none: on the menu's top level. */
  group?: MenuGroupKey;
  /** Place in its group (or on the top level, among the groups' own orders); lower first. */
  order: number;
}

export type DashboardCardRenderer = ComponentType<{ card: DashboardCard }>;

export interface LiveTopicRef {
  /** The topic joined (the server's `defineLiveTopic`). */
  topic: string;
  /** The event type its changes come as. */
  event: string;
}

export interface ResidentTile {
  key: string;
  order: number;
  tile: PageLoader;
}

/** A module's manifest, checked against the shape the platform reads. */
export function defineWebModule(module: WebModule): WebModule {
  return module;
}

let installed: readonly WebModule[] | null = null;
let resolveInstalled: (list: readonly WebModule[]) => void = () => undefined;
const whenInstalled = new Promise<readonly WebModule[]>((resolve) => (resolveInstalled = resolve));

/** Hands the app's list of modules to the platform; once, before the first page is drawn. */
export function installModules(list: readonly WebModule[]) {
  const names = new Set<string>();
  for (const m of list) {
    if (names.has(m.name)) throw new Error(`web module ${m.name} is listed twice`);
    names.add(m.name);
  }
  installed = list;
  resolveInstalled(list);
}

/** The installed modules (see app/modules.ts). */
export function webModules(): readonly WebModule[] {
  if (!installed) throw new Error('no web modules installed yet (app/modules.ts)');
  return installed;
}

/** The installed modules, once the app has listed them. */
export function webModulesReady(): Promise<readonly WebModule[]> {
  return whenInstalled;
}

/** Every module's live topics, for a page that follows them all (the dashboard). */
export function allLiveTopics(): LiveTopicRef[] {
  return webModules().flatMap((m) => m.liveTopics ?? []);
}
