import type { ApiCaller } from '../../platform/http/in-process.js';

interface RequestState {
  id: number;
  version: number;
  observationCaseId: number | null;
}

/** How far each of the day's returning people has come, in the order they are given. */
const STAGES = ['submitted', 'submitted', 'routed', 'routed', 'approved', 'rejected', 'notified', 'notified', 'arrived', 'arrived'] as const;
const ORIGINS: [string, 'low' | 'medium' | 'high'][] = [
  ['河南濮阳', 'low'],
  ['山东济南', 'low'],
  ['湖北武汉', 'high'],
  ['天津滨海', 'medium'],
  ['河北石家庄', 'low'],
  ['黑龙江七台河', 'high'],
  ['北京朝阳', 'medium'],
  ['江苏南京', 'low'],
  ['陕西西安', 'low'],
  ['辽宁沈阳', 'medium'],
];

/**
 * A morning of the six-step loop for the demo: employees of one unit who live in one community,
 * each taken as far as its stage by the parties themselves through the API — the liaison
 * submits, the department routes, the committee approves (or rejects), the liaison tells the
 * person, the committee scans the notice on arrival, and the health worker takes a first
 * reading (the last at 37.8 °C with a cough, so a fever alert waits). Every queue then has
 * something in it, with live clocks, and the dashboard's figures are today's.
 */
export async function seedInboundDay(
  p: { liaison: ApiCaller; department: ApiCaller; community: ApiCaller; health: ApiCaller },
  residentIds: number[],
  today: string,
) {
  const people = residentIds.slice(0, STAGES.length);
  for (const [i, residentId] of people.entries()) {
    const stage = STAGES[i]!;
    const [fromCity, fromRisk] = ORIGINS[i]!;
    let r = await p.liaison.call<RequestState>('POST', '/inbound/requests', {
      residentId,
      fromCity,
      fromRisk,
      plannedArrival: today,
      transport: i % 2 ? '自驾' : '火车',
      health: { symptoms: [], contactWithCase: false },
    });
    if (stage === 'submitted') continue;
    r = await p.department.call<RequestState>('POST', `/inbound/requests/${r.id}/route`, { version: r.version });
    if (stage === 'routed') continue;
    if (stage === 'rejected') {
      await p.community.call('POST', `/inbound/requests/${r.id}/reject`, {
        reason: '出发地为高风险地区，请暂缓返程，风险等级下调后再申请',
        version: r.version,
      });
      continue;
    }
    r = await p.community.call<RequestState>('POST', `/inbound/requests/${r.id}/approve`, {
      measure: { kind: 'home_observation', days: 14 },
      version: r.version,
    });
    if (stage === 'approved') continue;
    r = await p.liaison.call<RequestState>('POST', `/inbound/requests/${r.id}/notified`, { version: r.version });
    if (stage === 'notified') continue;
    const notice = await p.liaison.call<{ token: string }>('GET', `/inbound/requests/${r.id}/notice`);
    await p.community.call('POST', '/inbound/scan', { token: notice.token });
    r = await p.community.call<RequestState>('POST', `/inbound/requests/${r.id}/check-in`, { method: 'scan', version: r.version });
    const fever = i === people.length - 1;
    await p.health.call('POST', `/observation/cases/${r.observationCaseId}/readings`, { temperature: fever ? 37.8 : 36.6, symptoms: fever ? ['cough'] : [] });
  }
}
