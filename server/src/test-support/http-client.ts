import type { Role, ScopeInput } from '@jiayuan/contracts';
import type { App } from '../app.js';
import { insertUser } from '../platform/auth/identity.repository.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Platform } from '../platform/context.js';
import { signInInProcess } from '../platform/http/in-process.js';

export const TEST_PASSWORD = 'Test-password-1';

let addresses = 0;
/** A fresh client address (10.x.y.z) for a request that counts against a per-address limit. */
export function nextTestAddress(): string {
  const n = ++addresses;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}
let hashed: Promise<string> | null = null;

/** A signed-in browser-like client: session cookie plus the CSRF header on writes. */
export class TestClient {
  constructor(
    readonly app: App,
    readonly cookie: string | null,
    readonly csrf: string | null,
    readonly lang: 'zh-CN' | 'en-US' = 'zh-CN',
    readonly bearer: string | null = null,
  ) {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { 'accept-language': this.lang, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.inject({ method, url, headers: h, ...(body !== undefined ? { payload: body as object } : {}) });
    let json: unknown;
    try {
      json = res.json();
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json: json as any, headers: res.headers, body: res.rawPayload };
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  put(url: string, body: unknown = {}) {
    return this.request('PUT', url, body);
  }
  patch(url: string, body: unknown = {}) {
    return this.request('PATCH', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

export function anonymous(app: App, lang: 'zh-CN' | 'en-US' = 'zh-CN') {
  return new TestClient(app, null, null, lang);
}

/** Signs in through the real login endpoint and reads the CSRF token from /api/me. */
export async function signIn(app: App, username: string, password = TEST_PASSWORD): Promise<TestClient> {
  // Each sign-in comes from an address of its own: the sign-in rate limit is per address, and a
  // test file signs in many people.
  const { cookie, csrf } = await signInInProcess(app, username, password, nextTestAddress());
  return new TestClient(app, cookie, csrf);
}

let counter = 0;
/** Creates a staff user with the roles and scope and returns a signed-in client for them. */
export async function userWith(
  platform: Platform,
  app: App,
  roles: Role[],
  scope: Partial<ScopeInput> = {},
  username = `user${++counter}${roles[0] ?? ''}`.replace(/_/g, ''),
): Promise<TestClient & { userId: number }> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const user = await insertUser(platform.db, {
    username,
    displayName: username,
    roles,
    scope: { all: scope.all ?? false, placeIds: scope.placeIds ?? [], employerIds: scope.employerIds ?? [] },
    passwordHash: await hashed,
  });
  const client = await signIn(app, username);
  return Object.assign(client, { userId: user.id });
}
