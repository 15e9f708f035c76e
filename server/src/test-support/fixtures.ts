import { idNumberCheckChar } from '@jiayuan/contracts';
import type { TestClient } from './http-client.js';

/** A valid citizen ID for a birth date and a sequence number (region 370502: Dongying, Dongcheng). */
export function makeIdNumber(birth = '19800101', seq = 123, region = '370502'): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export interface SmallTree {
  center: number;
  department: number;
  communityA: number;
  communityB: number;
  compoundA: number;
  compoundB: number;
  buildingA: number;
  buildingB: number;
  dwellingsA: number[];
  dwellingsB: number[];
}

/** Builds centre → department → two communities, each with a compound, a laid-out building. */
export async function buildSmallTree(admin: TestClient): Promise<SmallTree> {
  const post = async (body: object) => {
    const r = await admin.post('/api/places', body);
    if (r.status !== 201) throw new Error(`create place failed ${r.status} ${JSON.stringify(r.json)}`);
    return r.json.id as number;
  };
  const center = await post({ parentId: null, type: 'center', name: '西城协调中心' });
  const department = await post({ parentId: center, type: 'department', name: '文汇居民事务协调部' });
  const communityA = await post({ parentId: department, type: 'community', name: '荟萃社区' });
  const communityB = await post({ parentId: department, type: 'community', name: '敬业社区' });
  const compoundA = await post({ parentId: communityA, type: 'compound', name: '建工小区' });
  const compoundB = await post({ parentId: communityB, type: 'compound', name: '白云小区' });
  const buildingA = await post({ parentId: compoundA, type: 'building', name: '3号楼' });
  const buildingB = await post({ parentId: compoundB, type: 'building', name: '1号楼' });
  for (const b of [buildingA, buildingB]) {
    const r = await admin.post(`/api/places/${b}/layout`, { stairwells: 2, floors: 3, flatsPerFloor: 2 });
    if (r.status !== 201) throw new Error(`layout failed ${r.status} ${JSON.stringify(r.json)}`);
  }
  const dwellingsUnder = async (building: number) => {
    const stairwells = (await admin.get(`/api/places?parentId=${building}`)).json.items as { id: number }[];
    const out: number[] = [];
    for (const s of stairwells) out.push(...((await admin.get(`/api/places?parentId=${s.id}`)).json.items as { id: number }[]).map((d) => d.id));
    return out;
  };
  return {
    center,
    department,
    communityA,
    communityB,
    compoundA,
    compoundB,
    buildingA,
    buildingB,
    dwellingsA: await dwellingsUnder(buildingA),
    dwellingsB: await dwellingsUnder(buildingB),
  };
}
