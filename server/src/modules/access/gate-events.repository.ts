import type { GateEventKind } from '@jiayuan/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { auditInsertFrom, auditInsertFromText } from '../../platform/audit/audit.service.js';
import { executeCount, queryRows, type Database, type Executor, type Tx } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/sql-state.js';
import { accessGates } from './passes.schema.js';

export interface GateEventRow {
  gate_id: number;
  client_id: string;
  at: string;
  subject: string;
  direction: string;
  pass_id: number | null;
  resident_id: number | null;
  plate: string | null;
  visitor: boolean;
  temperature: number | null;
  fever: boolean;
  decision: string;
  reason: string | null;
  place_path: string;
  recorded_by: number | null;
  recorded_by_token: number | null;
}

const needsQuoting = /["\\]/;

/** One element of a PostgreSQL array literal (text form). */
function arrayElement(v: string | number | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v !== 'string') return String(v);
  return `"${needsQuoting.test(v) ? v.replace(/["\\]/g, '\\$&') : v}"`;
}

/** A PostgreSQL array literal of the values (text form), for `unnest`: one parameter per column. */
function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) out += (i > 0 ? ',' : '') + arrayElement(values[i]!);
  return out + '}';
}

const EVENT_COLUMNS = [
  'gate_id',
  'client_id',
  'at',
  'subject',
  'direction',
  'pass_id',
  'resident_id',
  'plate',
  'visitor',
  'temperature',
  'fever',
  'decision',
  'reason',
  'place_path',
  'recorded_by',
  'recorded_by_token',
] as const satisfies readonly (keyof GateEventRow)[];
const EVENT_TYPES = [
  'bigint',
  'uuid',
  'timestamptz',
  'text',
  'text',
  'bigint',
  'bigint',
  'text',
  'boolean',
  'numeric',
  'boolean',
  'text',
  'text',
  'text',
  'bigint',
  'bigint',
];

/** The array literal of each column, built in one pass over the rows (a sync holds 2,000). */
function eventColumns(rows: readonly GateEventRow[], columns: readonly (keyof GateEventRow)[] = EVENT_COLUMNS): string[] {
  const out = columns.map(() => '{');
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const sep = i > 0 ? ',' : '';
    for (let c = 0; c < columns.length; c++) out[c] += sep + arrayElement(r[columns[c]!]);
  }
  return out.map((s) => s + '}');
}

/** What differs between the events of one sync; who recorded them is the request's, the place path its gate's. */
const SYNC_COLUMNS = EVENT_COLUMNS.filter((c) => c !== 'place_path' && c !== 'recorded_by' && c !== 'recorded_by_token');
const SYNC_TYPES = SYNC_COLUMNS.map((c) => EVENT_TYPES[EVENT_COLUMNS.indexOf(c)]!);

/** The key an event is told apart by in answers (`gate/client id`, the client id in lower case). */
export function eventKey(gateId: number, clientId: string): string {
  return `${gateId}/${clientId}`;
}

/** A stored event with more to do than being stored: a visitor, a fever, a ticket's use. */
function hasFollowUp(r: GateEventRow): boolean {
  return r.visitor || r.fever || (r.decision === 'allowed' && r.pass_id !== null);
}

/**
 * Inserts the events of one request in one statement: one array per column unpacked by
 * `unnest` (a fixed number of parameters whatever the batch size, no JSON to build or parse),
 * who recorded them given once, each gate's place path joined from its row. Events already
 * there (same gate, time and client id) are skipped. Answers how many were new, and the new
 * ones that have more to do (of an event sent twice in one batch, both copies).
 *
 * New events are the rule (a device sends an event again only when it lost the answer to its
 * sync), so they go in first as a plain INSERT under a savepoint: a third of the database's
 * work per event less than `ON CONFLICT DO NOTHING` (no speculative insertion, nothing to
 * return). If one of them is already there, the unique key refuses the statement, the
 * savepoint undoes it, and the batch goes in again skipping those already stored.
 */
export async function insertEvents(
  tx: Tx,
  rows: GateEventRow[],
  by: { userId: number | null; tokenId: number | null },
): Promise<{ inserted: number; followUps: GateEventRow[] }> {
  if (rows.length === 0) return { inserted: 0, followUps: [] };
  const arrays = sql.join(
    eventColumns(rows, SYNC_COLUMNS).map((a, i) => sql`${a}::${sql.raw(SYNC_TYPES[i]!)}[]`),
    sql`, `,
  );
  const insert = sql`INSERT INTO gate_events (${sql.raw(SYNC_COLUMNS.join(', '))}, place_path, recorded_by, recorded_by_token, received_at)
    SELECT r.*, g.place_path, ${by.userId}::bigint, ${by.tokenId}::bigint, now()
    FROM unnest(${arrays}) AS r(${sql.raw(SYNC_COLUMNS.join(', '))})
    JOIN access_gates g ON g.id = r.gate_id`;
  try {
    const inserted = await tx.transaction((sp) => executeCount(sp, insert));
    return { inserted, followUps: rows.filter(hasFollowUp) };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const fresh = await queryRows<{ gate_id: number; client_id: string }>(
    tx,
    sql`WITH ins AS (${insert} ON CONFLICT (gate_id, client_id, at) DO NOTHING RETURNING gate_id, client_id)
        SELECT gate_id::int AS gate_id, client_id::text AS client_id FROM ins`,
  );
  const keys = new Set(fresh.map((r) => eventKey(r.gate_id, r.client_id)));
  return { inserted: fresh.length, followUps: rows.filter((r) => hasFollowUp(r) && keys.has(eventKey(r.gate_id, r.client_id))) };
}

export interface FigureRow {
  gate_id: number;
  day: string;
  entries: number;
  exits: number;
  refused: number;
  vehicles: number;
  visitors: number;
  fevers: number;
}

/**
 * Counts per gate and local day over [from, to). The gates in scope are found first, then their
 * events by the unique key (gate_id, at, client_id): no index on the events' place path.
 */
/** What each column of the gate figures counts: the figures and the event list behind a number read the same condition. */
export const GATE_EVENT_KIND_WHERE: Record<GateEventKind, SQL> = {
  entries: sql`(direction = 'in' AND decision = 'allowed')`,
  exits: sql`(direction = 'out' AND decision = 'allowed')`,
  refused: sql`(decision = 'refused')`,
  vehicles: sql`(subject = 'vehicle')`,
  visitors: sql`(visitor)`,
  fevers: sql`(fever)`,
};

/** The events of the gates in the caller's scope (or of one gate, already checked) in [from, to). */
function eventsWhere(actor: Actor, from: Date, to: Date, gateId: number | undefined): SQL {
  const gates = gateId ? sql`gate_id = ${gateId}` : sql`gate_id IN (SELECT id FROM access_gates WHERE ${scopeWhere(actor, { path: accessGates.placePath })})`;
  return sql`at >= ${from.toISOString()}::timestamptz AND at < ${to.toISOString()}::timestamptz AND ${gates}`;
}

export async function figures(ex: Executor, actor: Actor, from: Date, to: Date, tz: string, gateId: number | undefined) {
  const where = eventsWhere(actor, from, to, gateId);
  const day = sql`to_char(at AT TIME ZONE ${tz}, 'YYYY-MM-DD')`;
  const k = GATE_EVENT_KIND_WHERE;
  const totals = await queryRows<FigureRow>(
    ex,
    sql`SELECT gate_id::int AS gate_id, ${day} AS day,
          count(*) FILTER (WHERE ${k.entries})::int AS entries,
          count(*) FILTER (WHERE ${k.exits})::int AS exits,
          count(*) FILTER (WHERE ${k.refused})::int AS refused,
          count(*) FILTER (WHERE ${k.vehicles})::int AS vehicles,
          count(*) FILTER (WHERE ${k.visitors})::int AS visitors,
          count(*) FILTER (WHERE ${k.fevers})::int AS fevers
        FROM gate_events WHERE ${where} GROUP BY 1, 2 ORDER BY 2, 1`,
  );
  const reasons = await queryRows<{ gate_id: number; day: string; reason: string; n: number }>(
    ex,
    sql`SELECT gate_id::int AS gate_id, ${day} AS day, coalesce(reason, 'invalid') AS reason, count(*)::int AS n
        FROM gate_events WHERE ${where} AND decision = 'refused' GROUP BY 1, 2, 3`,
  );
  return { totals, reasons };
}

export interface ListedEventRow {
  gate_id: number;
  at: string;
  direction: 'in' | 'out';
  subject: string;
  decision: 'allowed' | 'refused';
  reason: string | null;
  resident_id: number | null;
  plate: string | null;
  visitor: boolean;
  fever: boolean;
  by_device: boolean;
  /** The name on the pass shown, for an event by pass. */
  holder_name: string | null;
}

/** One page of the events a figure counts, newest first, with the total. */
export async function listEvents(
  ex: Executor,
  actor: Actor,
  q: { from: Date; to: Date; gateId: number | undefined; kind: GateEventKind | undefined; reason: string | undefined; limit: number; offset: number },
) {
  const conds = [eventsWhere(actor, q.from, q.to, q.gateId)];
  if (q.kind) conds.push(GATE_EVENT_KIND_WHERE[q.kind]);
  // A refusal stored without a reason is counted as 'invalid' by the figures; a passage let through
  // with a flag (a ticket shown by someone else than its holder: not_holder) is listed by its flag.
  if (q.reason) conds.push(sql`((decision = 'refused' AND coalesce(reason, 'invalid') = ${q.reason}) OR (decision <> 'refused' AND reason = ${q.reason}))`);
  const where = sql.join(conds, sql` AND `);
  const [items, [count]] = await Promise.all([
    queryRows<ListedEventRow>(
      ex,
      sql`SELECT gate_id::int AS gate_id, at, direction, subject, decision, reason, resident_id::int AS resident_id, plate, visitor, fever,
            (recorded_by_token IS NOT NULL) AS by_device,
            (SELECT holder_name FROM access_passes p WHERE p.id = gate_events.pass_id) AS holder_name
          FROM gate_events WHERE ${where} ORDER BY at DESC, client_id LIMIT ${q.limit} OFFSET ${q.offset}`,
    ),
    queryRows<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM gate_events WHERE ${where}`),
  ]);
  return { items, total: count?.n ?? 0 };
}

export interface AuditFields {
  at: Date;
  actorUserId: number | null;
  actorTokenId: number | null;
  actorName: string;
  ip: string | null;
  channel: string;
  requestId: string | null;
  after: Record<string, unknown>;
}

/**
 * One plain event (no visitor, no fever) in one statement: the insert, an entry ticket's use
 * and the audit row commit together without a transaction of their own — one round trip, the
 * path a gate device takes for every scan. Returns whether the event was new.
 */
export async function insertOneEventWithAudit(ex: Executor, r: GateEventRow, audit: AuditFields): Promise<boolean> {
  const row = await queryRows<{ n: number }>(
    ex,
    sql`WITH ins AS (
          INSERT INTO gate_events (gate_id, client_id, at, subject, direction, pass_id, resident_id, plate, visitor, temperature, fever, decision, reason, place_path, recorded_by, recorded_by_token, received_at)
          VALUES (${r.gate_id}, ${r.client_id}::uuid, ${r.at}::timestamptz, ${r.subject}, ${r.direction}, ${r.pass_id}, ${r.resident_id}, ${r.plate}, ${r.visitor}, ${r.temperature},
                  ${r.fever}, ${r.decision}, ${r.reason}, ${r.place_path}, ${r.recorded_by}, ${r.recorded_by_token}, now())
          ON CONFLICT (gate_id, client_id, at) DO NOTHING
          RETURNING id
        ), uses AS (
          UPDATE access_passes SET uses_count = uses_count + 1,
            list_version = CASE WHEN list_version IS NULL AND max_uses IS NOT NULL AND uses_count + 1 >= max_uses THEN nextval('pass_list_version') ELSE list_version END
          WHERE id = ${r.pass_id} AND kind = 'entry_ticket' AND ${r.decision === 'allowed'} AND EXISTS (SELECT 1 FROM ins)
          RETURNING id
        ), audit AS (
          ${auditInsertFrom(
            'access.gateEvent.record',
            'access_gate',
            sql`SELECT ${audit.at.toISOString()}::timestamptz, ${audit.actorUserId}::bigint, ${audit.actorTokenId}::bigint, ${audit.actorName}::text, ${String(r.gate_id)}::text, NULL::jsonb,
                       ${JSON.stringify({ events: [{ ...audit.after, requestId: audit.requestId }] })}::jsonb, ${audit.ip}::text, ${audit.channel}::text, ${audit.requestId}::text
                FROM ins`,
          )}
          RETURNING id
        )
        SELECT (SELECT count(*) FROM ins)::int AS n, (SELECT count(*) FROM uses)::int AS u, (SELECT count(*) FROM audit)::int AS a`,
  );
  return (row[0]?.n ?? 0) > 0;
}

/** One plain event waiting in the group commit, with what its own audit row says. */
export interface PlainEvent {
  row: GateEventRow;
  audit: AuditFields;
}

/**
 * The group commit's statement: the inserts, entry tickets' uses and the audit, as
 * `insertOneEventWithAudit` does for one. The audit is one row per device (actor) and commit,
 * as a batch sync's is: its `after.events` lists each new event as its own request described it
 * (client id, gate, decision, reason, direction, pass, visitor) with that request's id; the events
 * themselves, with their recording token, are in `gate_events`. One array per column
 * (`unnest`), so the text never changes and it is prepared once per connection: a group costs no
 * parsing or planning, only its rows.
 */
const GROUP_INSERT = `WITH input AS (
    SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[], $9::boolean[], $10::numeric[],
                         $11::boolean[], $12::text[], $13::text[], $14::text[], $15::bigint[], $16::bigint[],
                         $17::timestamptz[], $18::bigint[], $19::bigint[], $20::text[], $21::text[], $22::text[], $23::text[], $24::jsonb[])
      AS r(gate_id, client_id, at, subject, direction, pass_id, resident_id, plate, visitor, temperature, fever, decision, reason, place_path, recorded_by, recorded_by_token,
           a_at, a_user, a_token, a_name, a_ip, a_channel, a_request, a_after)
  ), ins AS (
    INSERT INTO gate_events (gate_id, client_id, at, subject, direction, pass_id, resident_id, plate, visitor, temperature, fever, decision, reason, place_path, recorded_by, recorded_by_token, received_at)
    SELECT gate_id, client_id, at, subject, direction, pass_id, resident_id, plate, visitor, temperature, fever, decision, reason, place_path, recorded_by, recorded_by_token, now()
    FROM input
    ON CONFLICT (gate_id, client_id, at) DO NOTHING
    RETURNING gate_id, client_id, at, pass_id, decision
  ), uses AS (
    UPDATE access_passes p SET uses_count = p.uses_count + c.n,
      list_version = CASE WHEN p.list_version IS NULL AND p.max_uses IS NOT NULL AND p.uses_count + c.n >= p.max_uses THEN nextval('pass_list_version') ELSE p.list_version END
    FROM (SELECT pass_id, count(*)::int AS n FROM ins WHERE decision = 'allowed' AND pass_id IS NOT NULL GROUP BY pass_id) c
    WHERE p.id = c.pass_id AND p.kind = 'entry_ticket'
    RETURNING p.id
  ), audit AS (
    ${auditInsertFromText(
      'access.gateEvent.record',
      'access_gate',
      `SELECT max(i.a_at), i.a_user, i.a_token, min(i.a_name), CASE WHEN min(i.gate_id) = max(i.gate_id) THEN min(i.gate_id)::text END, NULL::jsonb,
              jsonb_build_object('events', jsonb_agg(i.a_after || jsonb_build_object('requestId', i.a_request) ORDER BY i.a_at, i.client_id)),
              min(i.a_ip), min(i.a_channel), CASE WHEN count(*) = 1 THEN min(i.a_request) END
       FROM ins JOIN input i ON i.gate_id = ins.gate_id AND i.client_id = ins.client_id AND i.at = ins.at
       GROUP BY i.a_user, i.a_token`,
    )}
    RETURNING id
  )
  SELECT ins.gate_id::int AS gate_id, ins.client_id::text AS client_id FROM ins`;

/**
 * Plain events of several requests (group commit) in one statement and one commit. The events
 * must be distinct on (gate, client id, time). Answers the keys (`eventKey`) of those that
 * were new.
 */
export async function insertPlainEventsWithAudit(database: Pick<Database, 'prepared'>, list: PlainEvent[]): Promise<Set<string>> {
  if (list.length === 0) return new Set();
  const audit = <K extends keyof AuditFields>(k: K, as: (v: AuditFields[K]) => string | number | null) => arrayLiteral(list.map((e) => as(e.audit[k])));
  const same = <T extends string | number | null>(v: T) => v;
  const rows = await database.prepared<{ gate_id: number; client_id: string }>('jiayuan_gate_events_group_v1', GROUP_INSERT, [
    ...eventColumns(list.map((e) => e.row)),
    audit('at', (d) => d.toISOString()),
    audit('actorUserId', same),
    audit('actorTokenId', same),
    audit('actorName', same),
    audit('ip', same),
    audit('channel', same),
    audit('requestId', same),
    audit('after', (a) => JSON.stringify(a)),
  ]);
  return new Set(rows.map((r) => eventKey(r.gate_id, r.client_id)));
}
