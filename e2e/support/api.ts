import { expect, request, type APIRequestContext } from '@playwright/test';

/**
 * Seeds data through the HTTP API as the first admin, the way another system would:
 * one session, the CSRF token from /api/me on every write.
 */
export class AdminApi {
  private constructor(
    private readonly ctx: APIRequestContext,
    private readonly csrf: string,
  ) {}

  static async signIn(baseURL: string): Promise<AdminApi> {
    return AdminApi.as(baseURL, 'admin', process.env.E2E_ADMIN_PASSWORD!);
  }

  /**
   * The same client, signed in as any user. A password an administrator set must be changed
   * before anything else, through the API too: it becomes `<password>-new`, as on the page.
   */
  static async as(baseURL: string, username: string, password: string): Promise<AdminApi> {
    const ctx = await request.newContext({ baseURL });
    return new AdminApi(ctx, await apiSignIn(ctx, username, password));
  }

  async post<T = Record<string, unknown>>(path: string, data: unknown, expected = [200, 201, 202]): Promise<T> {
    const r = await this.ctx.post(`/api${path}`, { data, headers: { 'x-csrf-token': this.csrf } });
    expect(expected, `${path}: ${r.status()} ${await r.text()}`).toContain(r.status());
    return (await r.json()) as T;
  }

  async put<T = Record<string, unknown>>(path: string, data: unknown): Promise<T> {
    const r = await this.ctx.put(`/api${path}`, { data, headers: { 'x-csrf-token': this.csrf } });
    expect(r.status(), `${path}: ${r.status()} ${await r.text()}`).toBe(200);
    return (await r.json()) as T;
  }

  /** Any other method (PUT, DELETE), for what the helpers above do not cover. */
  async send<T = Record<string, unknown>>(method: 'PUT' | 'DELETE' | 'PATCH', path: string, data?: unknown, expected = [200, 201]): Promise<T> {
    const r = await this.ctx.fetch(`/api${path}`, { method, data, headers: { 'x-csrf-token': this.csrf } });
    expect(expected, `${path}: ${r.status()} ${await r.text()}`).toContain(r.status());
    return (await r.json()) as T;
  }

  async get<T = Record<string, unknown>>(path: string): Promise<T> {
    const r = await this.ctx.get(`/api${path}`);
    expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
    return (await r.json()) as T;
  }

  place(parentId: number | null, type: string, name: string) {
    return this.post<{ id: number; label: string }>('/places', { parentId, type, name });
  }

  /** Centre → department → community → compound → building laid out as stairwells × floors × flats. */
  /** A public repair category served by `teamIds`: accept in 30 min, arrive in 60, resolve in 1 working day. */
  async repairCategory(code: string, name: { 'zh-CN': string; 'en-US': string }, teamIds: number[]) {
    return this.post<{ id: number }>('/servicedesk/categories', {
      parentId: null,
      code,
      name,
      kind: 'repair',
      teamIds,
      emergency: false,
      limits: { accept: { amount: 30, unit: 'clock_minutes' }, arrive: { amount: 60, unit: 'clock_minutes' }, resolve: { amount: 1, unit: 'working_days' } },
      escalateAfterMinutes: 60,
      publicVisible: true,
      attributes: [],
    });
  }

  async community(name: string, opts: { centre?: number; flats?: number } = {}) {
    const centre = opts.centre ?? (await this.place(null, 'center', `${name}中心`)).id;
    const dept = await this.place(centre, 'department', `${name}协调部`);
    const community = await this.place(dept.id, 'community', name);
    const compound = await this.place(community.id, 'compound', `${name}小区`);
    const building = await this.place(compound.id, 'building', '1号楼');
    await this.post(`/places/${building.id}/layout`, { stairwells: 1, floors: 3, flatsPerFloor: opts.flats ?? 2 });
    const stairwells = await this.get<{ items: { id: number }[] }>(`/places?parentId=${building.id}`);
    const flats = await this.get<{ items: { id: number; name: string }[] }>(`/places?parentId=${stairwells.items[0]!.id}`);
    return { centre, department: dept.id, community: community.id, compound: compound.id, building: building.id, flats: flats.items };
  }

  resident(dwellingId: number, name: string, idNumber: string, phone?: string) {
    return this.post<{ id: number; idNumberMasked: string }>('/residents', { dwellingId, name, idNumber, phone: phone ?? null });
  }

  /** A staff user with a password of our choosing (they must change it at first sign-in). */
  user(username: string, displayName: string, roles: string[], scope: { all?: boolean; placeIds?: number[]; employerIds?: number[] }, password: string) {
    return this.post<{ user: { id: number } }>('/users', {
      username,
      displayName,
      roles,
      scope: { all: scope.all ?? false, placeIds: scope.placeIds ?? [], employerIds: scope.employerIds ?? [] },
      password,
    });
  }

  async dispose() {
    await this.ctx.dispose();
  }
}

/**
 * Signs an API client in and answers its CSRF token. A user whose password an administrator set
 * is refused everything but the password change until they choose their own: like `signIn` on
 * the page, this chooses `<password>-new`, so a later sign-in of the same user uses that.
 */
export async function apiSignIn(ctx: APIRequestContext, username: string, password: string): Promise<string> {
  const login = await ctx.post('/api/auth/login', { data: { username, password } });
  expect(login.status(), await login.text()).toBe(200);
  const me = (await (await ctx.get('/api/me')).json()) as { csrfToken: string; mustChangePassword: boolean };
  if (me.mustChangePassword) {
    const changed = await ctx.post('/api/me/password', {
      data: { currentPassword: password, newPassword: `${password}-new` },
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(changed.status(), await changed.text()).toBe(200);
  }
  return me.csrfToken;
}

/** A short suffix that keeps names unique between runs against the same database. */
export function unique(): string {
  return Date.now().toString(36).slice(-5);
}
