import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES } from '@jiayuan/contracts';
import { buildMenu, visibleMenu, type MenuEntry } from '../platform/layout/menu';
import { MODULES } from './modules';
import { homeFor } from './home';

const menus = async () => (await Promise.all(MODULES.map(async (m) => (m.menu ? (await m.menu()).default : [])))).flat();
const consolePath = (p: string) => (p === '*' ? p : `/${p}`);
const allPaths = () =>
  MODULES.flatMap((m) => [
    ...(m.routes?.console ?? []).map((r) => consolePath(r.path)),
    ...(m.routes?.bare ?? []).map((r) => r.path),
    ...(m.routes?.resident ?? []).map((r) => r.path),
  ]);
const shape = (entries: MenuEntry[]): unknown[] => entries.map((e) => (e.children ? { [e.key]: shape(e.children) } : e.key));

describe('the web modules list', () => {
  it('names each module once and gives no address to two pages', () => {
    const names = MODULES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const paths = allPaths();
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
  });

  it('leads every menu entry to a page of some module, behind a permission that exists', async () => {
    const paths = new Set(allPaths());
    const entries = await menus();
    expect(entries.filter((e) => !paths.has(e.path)).map((e) => e.key)).toEqual([]);
    const known = (p: string) => (PERMISSIONS as readonly string[]).includes(p);
    expect(entries.filter((e) => e.permission && ![e.permission].flat().every(known)).map((e) => e.key)).toEqual([]);
    const keys = entries.map((e) => e.key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('lands every role on a page that exists', () => {
    const paths = new Set(allPaths());
    for (const phone of [false, true]) expect(ROLES.map((r) => homeFor([r], phone)).filter((p) => !paths.has(p))).toEqual([]);
  });

  it('gives every module with texts both languages', () => {
    expect(MODULES.filter((m) => m.texts && !(m.texts['zh-CN'] && m.texts['en-US'])).map((m) => m.name)).toEqual([]);
  });

  it('builds the side menu in the order the console always had, groups where the platform puts them', async () => {
    expect(shape(buildMenu(await menus()))).toEqual([
      'dashboard',
      'todos',
      {
        epidemic: [
          'inbound',
          'observation',
          'inboundFigures',
          'inboundSettings',
          'observationSettings',
          'containmentOrders',
          'containmentMap',
          'containmentCases',
          'containmentSettings',
          'duty-call-ups',
          'duty-posts',
          'duty-calendar',
          'duty-members',
          'duty-teams',
          'duty-coverage',
          'duty-settings',
        ],
      },
      'registry',
      'households',
      'residents',
      'imports',
      'grids',
      'employers',
      'screening',
      'screeningVisit',
      { servicedesk: ['sd-board', 'sd-orders', 'sd-field', 'sd-figures', 'sd-accountability', 'sd-settings'] },
      { volunteering: ['vol-needs', 'vol-people', 'vol-activities', 'vol-dispatches', 'vol-hours', 'vol-bank', 'vol-awards', 'vol-figures'] },
      { access: ['access-passes', 'access-gates', 'access-scanner', 'access-figures'] },
      'duties',
      { admin: ['users', 'tokens', 'calendar'] },
      'audit',
    ]);
  });

  it('leaves out of the menu what a user may not open, and a group none of whose entries they may', async () => {
    const menu = buildMenu(await menus());
    const can = (p: string) => ['inbound.read', 'audit.read'].includes(p);
    expect(shape(visibleMenu(can, menu))).toEqual(['todos', { epidemic: ['inbound', 'inboundFigures'] }, 'audit']);
    // An entry behind several permissions shows to the holder of any one of them (a unit's liaison answering dispatches).
    const liaison = (p: string) => p === 'volunteers.dispatch.answer';
    expect(shape(visibleMenu(liaison, menu))).toEqual(['todos', { volunteering: ['vol-dispatches'] }]);
  });

  it('follows the live topics of every module that publishes one', () => {
    const topics = MODULES.flatMap((m) => m.liveTopics ?? []).map((t) => t.topic);
    expect(topics.sort()).toEqual(['containment', 'duty', 'inbound', 'observation', 'screening', 'servicedesk', 'volunteers']);
  });
});
