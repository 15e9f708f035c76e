import type { FastifyInstance } from 'fastify';

/** A session made through the real sign-in endpoint, without a network: its cookie and CSRF token. */
export async function signInInProcess(app: FastifyInstance, username: string, password: string, remoteAddress = '127.0.0.1') {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie);
  const cookie = raw.split(';')[0]!;
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  return { cookie, csrf: String((me.json() as { csrfToken: string }).csrfToken) };
}

/** Someone using the API: answers the response body, and throws on anything but success. */
export interface ApiCaller {
  call<T = unknown>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T>;
}

/**
 * A user who acts through the API in this process (app.inject), every request through the same
 * validation, access rules and transactions as a browser's: the demo's day of activity.
 */
export async function inProcessCaller(app: FastifyInstance, username: string, password: string): Promise<ApiCaller> {
  const { cookie, csrf } = await signInInProcess(app, username, password);
  return {
    async call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) };
      const res = await app.inject({ method, url: `/api${url}`, headers, ...(body === undefined ? {} : { payload: body as object }) });
      if (res.statusCode >= 300) throw new Error(`${username} ${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json() as T;
    },
  };
}
