import fs from 'node:fs';
import type { App } from '../app.js';
import { TestClient } from './http-client.js';

const teamIdsOf = (teams: number | number[] | null | undefined) => (teams == null ? [] : Array.isArray(teams) ? teams : [teams]);

/** A repair category: accept in 30 minutes, arrive in an hour, resolve within a working day. */
export function repairCategory(code: string, teams: number | number[] | null | undefined, over: Record<string, unknown> = {}) {
  return {
    parentId: null,
    code,
    name: { 'zh-CN': `水管漏水${code}`, 'en-US': `Water leak ${code}` },
    kind: 'repair',
    teamIds: teamIdsOf(teams),
    emergency: false,
    limits: {
      accept: { amount: 30, unit: 'clock_minutes' },
      arrive: { amount: 60, unit: 'clock_minutes' },
      resolve: { amount: 1, unit: 'working_days' },
    },
    escalateAfterMinutes: 60,
    publicVisible: true,
    attributes: [],
    ...over,
  };
}

/** A complaint category: first response within two working hours, resolution in three working days. */
export function complaintCategory(code: string, teams: number | number[] | null | undefined, over: Record<string, unknown> = {}) {
  return {
    parentId: null,
    code,
    name: { 'zh-CN': `物业服务投诉${code}`, 'en-US': `Property service complaint ${code}` },
    kind: 'complaint',
    teamIds: teamIdsOf(teams),
    emergency: false,
    limits: { accept: { amount: 2, unit: 'working_hours' }, arrive: null, resolve: { amount: 3, unit: 'working_days' } },
    escalateAfterMinutes: 60,
    publicVisible: false,
    attributes: [],
    ...over,
  };
}

export async function ok<T = any>(res: Promise<{ status: number; json: any }> | { status: number; json: any }, what = 'request'): Promise<T> {
  const r = await res;
  if (r.status < 200 || r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json as T;
}

/** Posts one transition with the order's current version. */
export async function step(client: TestClient, id: number, body: Record<string, unknown>, reader: TestClient = client) {
  const version = (await reader.get(`/api/servicedesk/orders/${id}`)).json.version;
  return client.post(`/api/servicedesk/orders/${id}/transitions`, { ...body, version });
}

/** A tiny valid PNG (1×1), for photo uploads. */
export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Signs a resident in with a one-time code read from the SMS outbox, as the phone page does. */
export async function residentClient(t: { app: App; smsOutbox: string }, phone: string): Promise<TestClient> {
  const sent = await t.app.inject({ method: 'POST', url: '/api/auth/otp', payload: { phone } });
  if (sent.statusCode !== 202) throw new Error(`otp: ${sent.statusCode} ${sent.body}`);
  const last = fs.readFileSync(t.smsOutbox, 'utf8').trim().split('\n').at(-1)!;
  const code = /(\d{6})/.exec(JSON.parse(last).text)![1]!;
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
  if (res.statusCode !== 200) throw new Error(`otp verify: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  return new TestClient(t.app, cookie, me.json().csrfToken);
}
