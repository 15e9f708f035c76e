import { idNumberCheckChar, type ResidentTag, type Role } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../platform/audit/audit.service.js';
import { systemActor } from '../platform/access/actor.js';
import type { Platform } from '../platform/context.js';
import { copyLine, type CopyValue } from '../platform/db/copy-format.js';
import { queryOne, type Tx } from '../platform/db/database.js';
import { localDate } from '../platform/time.js';
import { COMMUNITY_NAMES, COMPOUND_WORDS, employerName, personName } from './names.js';
import { Random } from './random.js';
import type { ScenarioShape } from './shapes.js';

interface Node {
  parent: number; // local index, -1 for the root
  type: string;
  name: string;
  sortOrder: number;
  floor?: number;
}

export interface GenerateOptions {
  seed: number;
  /** false: places, employers, staff and grids only (e.g. to import residents into). */
  withResidents?: boolean;
  log?: (message: string) => void;
}

export interface GenerateResult {
  places: number;
  dwellings: number;
  households: number;
  residents: number;
  employers: number;
  users: number;
  seconds: number;
  centerId: number;
}

const OTHER_REGIONS = ['110105', '410901', '420102', '130102', '320102', '510104', '610113', '370102'];
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '177',
  '180',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
];
const HOUSEHOLD_SIZES = [1, 1, 2, 2, 2, 3, 3, 3, 4, 5];

/** Lays out the place tree in memory, parents before children. */
function buildTree(shape: ScenarioShape, rng: Random): Node[] {
  const nodes: Node[] = [{ parent: -1, type: 'center', name: shape.center, sortOrder: 0 }];
  const departments = shape.departments.map((name, i) => nodes.push({ parent: 0, type: 'department', name, sortOrder: i + 1 }) - 1);
  for (let c = 0; c < shape.communities; c++) {
    const dept = departments[c % departments.length]!;
    const base = COMMUNITY_NAMES[c % COMMUNITY_NAMES.length]!;
    const name = `${base}${c >= COMMUNITY_NAMES.length ? Math.floor(c / COMMUNITY_NAMES.length) + 1 : ''}社区`;
    const community = nodes.push({ parent: dept, type: 'community', name, sortOrder: c + 1 }) - 1;
    let holder = community;
    if (shape.stations) holder = nodes.push({ parent: community, type: 'station', name: name.replace('社区', '协调站'), sortOrder: 1 }) - 1;
    const compounds = rng.around(...shape.compoundsPerCommunity);
    for (let m = 0; m < compounds; m++) {
      const word = COMPOUND_WORDS[(c * 7 + m) % COMPOUND_WORDS.length]!;
      const compound = nodes.push({ parent: holder, type: 'compound', name: `${word}${m > 0 ? `${m + 1}区` : ''}小区`, sortOrder: m + 1 }) - 1;
      const buildings = rng.around(...shape.buildingsPerCompound);
      for (let b = 1; b <= buildings; b++) {
        const building = nodes.push({ parent: compound, type: 'building', name: `${b}号楼`, sortOrder: b }) - 1;
        const stairwells = rng.around(...shape.stairwellsPerBuilding);
        const floors = rng.around(...shape.floors, 2);
        for (let s = 1; s <= stairwells; s++) {
          const stairwell = nodes.push({ parent: building, type: 'stairwell', name: `${s}单元`, sortOrder: s }) - 1;
          for (let f = 1; f <= floors; f++) {
            for (let k = 1; k <= shape.flatsPerFloor; k++) {
              nodes.push({ parent: stairwell, type: 'dwelling', name: `${f}${String(k).padStart(2, '0')}`, sortOrder: f * 100 + k, floor: f });
            }
          }
        }
      }
    }
  }
  return nodes;
}

async function reserve(tx: Tx, table: string, n: number): Promise<number> {
  if (n === 0) return 0;
  const row = await queryOne<{ last: number }>(
    tx,
    sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), nextval(pg_get_serial_sequence(${table}, 'id')) + ${n - 1}) AS last`,
  );
  return row!.last - n + 1;
}

/**
 * Writes a scenario into the database in one transaction with COPY: the place tree, employers
 * and their liaisons, community staff, grids with building heads, and (unless asked not to)
 * households and residents with encrypted ID and phone numbers. Same seed, same data.
 */
export async function generateScenario(platform: Platform, shape: ScenarioShape, opts: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const rng = new Random(opts.seed);
  const { cipher, database } = platform;
  const today = localDate(platform.clock.now(), platform.config.timezone);
  const year = Number(today.slice(0, 4));
  const nodes = buildTree(shape, rng);
  const dwellings = nodes.filter((n) => n.type === 'dwelling').length;
  log(`${shape.name}: ${nodes.length} places (${dwellings} dwellings)`);

  return platform.db.transaction(async (txRaw) => {
    const tx = txRaw as Tx;
    const copy = (table: string, columns: string[], lines: string[]) => database.copyInto(tx, table, columns, lines);

    // Places.
    const placeBase = await reserve(tx, 'places', nodes.length);
    const paths: string[] = new Array(nodes.length);
    const depths: number[] = new Array(nodes.length);
    let lines: string[] = [];
    nodes.forEach((n, i) => {
      const id = placeBase + i;
      paths[i] = `${n.parent < 0 ? '' : paths[n.parent]}${id}.`;
      depths[i] = n.parent < 0 ? 0 : depths[n.parent]! + 1;
      lines.push(
        copyLine([
          id,
          n.parent < 0 ? null : placeBase + n.parent,
          n.type,
          n.name,
          paths[i]!,
          depths[i]!,
          n.sortOrder,
          n.floor ? JSON.stringify({ floor: n.floor }) : '{}',
        ]),
      );
    });
    await copy('places', ['id', 'parent_id', 'type', 'name', 'path', 'depth', 'sort_order', 'attrs'], lines);
    lines = [];
    log('places written');

    // Employers and their liaisons.
    const employerBase = await reserve(tx, 'employers', shape.employers);
    await copy(
      'employers',
      ['id', 'name', 'code'],
      Array.from({ length: shape.employers }, (_, i) => copyLine([employerBase + i, `${employerName(i)}`, `${shape.name}-E${String(i + 1).padStart(3, '0')}`])),
    );

    // Staff (no password: an admin issues one when they start) and one liaison per employer.
    const communities = nodes.map((n, i) => ({ n, i })).filter((x) => x.n.type === 'community');
    const staffCount = communities.length * shape.staffPerCommunity;
    const userBase = await reserve(tx, 'users', staffCount + shape.employers);
    const userLines: string[] = [];
    const staffByCommunity = new Map<number, number[]>();
    communities.forEach(({ i }, c) => {
      const ids: number[] = [];
      for (let s = 0; s < shape.staffPerCommunity; s++) {
        const id = userBase + c * shape.staffPerCommunity + s;
        ids.push(id);
        const role: Role = s === 0 ? 'community_staff' : s % 4 === 1 ? 'health_worker' : s % 4 === 2 ? 'station_staff' : 'community_staff';
        userLines.push(
          copyLine([
            id,
            `${shape.name}-c${String(c + 1).padStart(3, '0')}-${String(s + 1).padStart(2, '0')}`,
            personName(rng),
            'staff',
            [role],
            JSON.stringify({ all: false, placeIds: [placeBase + i], employerIds: [] }),
          ]),
        );
      }
      staffByCommunity.set(i, ids);
    });
    for (let e = 0; e < shape.employers; e++) {
      userLines.push(
        copyLine([
          userBase + staffCount + e,
          `${shape.name}-liaison-${String(e + 1).padStart(3, '0')}`,
          personName(rng),
          'staff',
          ['employer_liaison'],
          JSON.stringify({ all: false, placeIds: [], employerIds: [employerBase + e] }),
        ]),
      );
    }
    await copy('users', ['id', 'username', 'display_name', 'kind', 'roles', 'scope'], userLines);

    // Grids: runs of buildings within each community, each with a grid worker.
    const buildingsByCommunity = new Map<number, number[]>();
    const communityOf = (i: number): number => (nodes[i]!.type === 'community' ? i : communityOf(nodes[i]!.parent));
    nodes.forEach((n, i) => {
      if (n.type !== 'building') return;
      const c = communityOf(i);
      if (!buildingsByCommunity.has(c)) buildingsByCommunity.set(c, []);
      buildingsByCommunity.get(c)!.push(i);
    });
    const gridRows: CopyValue[][] = [];
    for (const [c, buildings] of buildingsByCommunity) {
      const staff = staffByCommunity.get(c)!;
      for (let g = 0; g * shape.buildingsPerGrid < buildings.length; g++) gridRows.push([placeBase + c, `第${g + 1}网格`, staff[g % staff.length]!]);
    }
    const gridBase = await reserve(tx, 'grids', gridRows.length);
    await copy(
      'grids',
      ['id', 'community_id', 'name', 'grid_worker_user_id'],
      gridRows.map((r, i) => copyLine([gridBase + i, ...r])),
    );
    let gi = 0;
    const gridLines: string[] = [];
    for (const [, buildings] of buildingsByCommunity) {
      for (let g = 0; g * shape.buildingsPerGrid < buildings.length; g++, gi++) {
        for (const b of buildings.slice(g * shape.buildingsPerGrid, (g + 1) * shape.buildingsPerGrid)) gridLines.push(copyLine([gridBase + gi, placeBase + b]));
      }
    }
    await copy('grid_buildings', ['grid_id', 'building_id'], gridLines);
    log('employers, staff and grids written');

    let households = 0;
    let residents = 0;
    if (opts.withResidents !== false) {
      const occupied = nodes.map((n, i) => ({ n, i })).filter((x) => x.n.type === 'dwelling' && rng.chance(shape.occupancy));
      const householdBase = await reserve(tx, 'households', occupied.length);
      const sizes = occupied.map(() => rng.pick(HOUSEHOLD_SIZES));
      const totalResidents = sizes.reduce((a, b) => a + b, 0);
      const residentBase = await reserve(tx, 'residents', totalResidents);
      const usedIds = new Set<string>();
      const usedPhones = new Set<string>();
      const heads = new Map<number, number>(); // building node → resident id
      const buildingOfDwelling = (i: number) => nodes[nodes[i]!.parent]!.parent;
      await copy(
        'households',
        ['id', 'dwelling_id', 'place_path'],
        occupied.map(({ i }, h) => copyLine([householdBase + h, placeBase + i, paths[i]!])),
      );
      let rLines: string[] = [];
      let rid = residentBase;
      const flush = async () => {
        if (rLines.length) await copy('residents', RESIDENT_COLUMNS, rLines);
        rLines = [];
      };
      for (let h = 0; h < occupied.length; h++) {
        const { i } = occupied[h]!;
        const householdId = householdBase + h;
        const path = paths[i]!;
        const size = sizes[h]!;
        const headAge = size === 1 && rng.chance(0.4) ? rng.int(65, 92) : rng.int(25, 80);
        const headSex = rng.chance(0.5) ? 'male' : 'female';
        const members: { relation: string; age: number; sex: 'male' | 'female' }[] = [{ relation: 'head', age: headAge, sex: headSex }];
        if (size >= 2) members.push({ relation: 'spouse', age: Math.max(20, headAge + rng.int(-5, 5)), sex: headSex === 'male' ? 'female' : 'male' });
        while (members.length < size) {
          if (headAge < 55 && rng.chance(0.2))
            members.push({ relation: 'parent', age: Math.min(99, headAge + rng.int(22, 32)), sex: rng.chance(0.5) ? 'male' : 'female' });
          else members.push({ relation: 'child', age: Math.max(0, headAge - rng.int(22, 36)), sex: rng.chance(0.5) ? 'male' : 'female' });
        }
        for (const m of members) {
          const birthYear = year - m.age;
          const month = rng.int(1, 12);
          const day = rng.int(1, 28);
          const birth = `${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
          const region = rng.chance(0.85) ? rng.pick(shape.regionCodes) : rng.pick(OTHER_REGIONS);
          let seq = rng.int(0, 498) * 2 + (m.sex === 'male' ? 1 : 0);
          let first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
          while (usedIds.has(first17)) {
            seq = (seq + 2) % 1000;
            first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
          }
          usedIds.add(first17);
          const idNumber = first17 + idNumberCheckChar(first17);
          let phone: string | null = null;
          if (m.age >= 14 && rng.chance(0.92)) {
            do phone = rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99999999)).padStart(8, '0');
            while (usedPhones.has(phone));
            usedPhones.add(phone);
          }
          const tags: ResidentTag[] = [];
          if (m.age >= 18 && rng.chance(0.09)) tags.push('party_member');
          if (m.age >= 16 && m.age <= 70 && rng.chance(0.05)) tags.push('volunteer');
          if (size === 1 && m.age >= 70) tags.push('care_lone_elderly');
          if (rng.chance(0.012)) tags.push('care_low_income');
          if (rng.chance(0.01)) tags.push('care_disability');
          if (m.age >= 50 && rng.chance(0.01)) tags.push('care_illness');
          const employer = m.age >= 22 && m.age <= 60 && rng.chance(0.55) ? employerBase + rng.int(0, shape.employers - 1) : null;
          rLines.push(
            copyLine([
              rid,
              householdId,
              path,
              personName(rng),
              'resident_id',
              cipher.encrypt('idNumber', idNumber),
              cipher.blindIndex('idNumber', idNumber),
              phone ? cipher.encrypt('phone', phone) : null,
              phone ? cipher.blindIndex('phone', phone) : null,
              `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
              m.sex,
              m.relation,
              employer,
              tags,
            ]),
          );
          const building = buildingOfDwelling(i);
          if (m.relation === 'head' && m.age < 75 && !heads.has(building)) heads.set(building, rid);
          rid++;
        }
        if (rLines.length >= 50000) {
          await flush();
          log(`residents: ${rid - residentBase}`);
        }
      }
      await flush();
      await copy(
        'building_heads',
        ['building_id', 'resident_id'],
        [...heads].map(([b, r]) => copyLine([placeBase + b, r])),
      );
      households = occupied.length;
      residents = totalResidents;
      log(`households ${households}, residents ${residents}`);
    }

    await recordAudit(
      tx,
      { platform, actor: systemActor('scenario'), origin: { ip: null, channel: 'system', requestId: null } },
      { action: 'scenario.generated', entityType: 'scenario', entityId: shape.name, after: { seed: opts.seed, places: nodes.length, households, residents } },
    );
    await tx.execute(sql`ANALYZE`);
    return {
      places: nodes.length,
      dwellings,
      households,
      residents,
      employers: shape.employers,
      users: staffCount + shape.employers,
      seconds: (Date.now() - started) / 1000,
      centerId: placeBase,
    };
  });
}

const RESIDENT_COLUMNS = [
  'id',
  'household_id',
  'place_path',
  'name',
  'id_type',
  'id_number_enc',
  'id_number_bi',
  'phone_enc',
  'phone_bi',
  'birth_date',
  'sex',
  'relation',
  'employer_id',
  'tags',
];
