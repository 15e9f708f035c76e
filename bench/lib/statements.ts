// Statements and round trips per request type, read from a server's /metrics when it counts them
// (JIAYUAN_COUNT_STATEMENTS=true): jiayuan_http_db_*_total over jiayuan_http_requests_total.

export interface RouteStatements {
  route: string;
  requests: number;
  statements: number;
  roundTrips: number;
}

const LINE = /^(jiayuan_http_requests_total|jiayuan_http_db_statements_total|jiayuan_http_db_round_trips_total)\{([^}]*)\} (\S+)$/;

/** Parses a scrape into per-route sums ("POST /api/x/:id"). */
export function statementsOf(text: string): Map<string, RouteStatements> {
  const out = new Map<string, RouteStatements>();
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    const route = `${labels.method} ${labels.route}`;
    const r = out.get(route) ?? { route, requests: 0, statements: 0, roundTrips: 0 };
    const v = Number(m[3]);
    if (m[1] === 'jiayuan_http_requests_total') r.requests += v;
    else if (m[1] === 'jiayuan_http_db_statements_total') r.statements += v;
    else r.roundTrips += v;
    out.set(route, r);
  }
  return out;
}

/** Subtracts an earlier scrape (the set-up's requests) from a later one. */
export function since(later: Map<string, RouteStatements>, earlier: Map<string, RouteStatements>): RouteStatements[] {
  return [...later.values()]
    .map((r) => {
      const e = earlier.get(r.route);
      return e ? { ...r, requests: r.requests - e.requests, statements: r.statements - e.statements, roundTrips: r.roundTrips - e.roundTrips } : r;
    })
    .filter((r) => r.requests > 0 && r.roundTrips > 0 && !r.route.includes('/metrics'));
}

export async function scrapeStatements(base: string) {
  return statementsOf(await (await fetch(`${base}/metrics`)).text());
}

export const statementsTable = (rows: RouteStatements[]) =>
  `| request | requests | statements / request | round trips / request |\n|---|---|---|---|\n${rows
    .sort((a, b) => b.requests - a.requests)
    .map((r) => `| \`${r.route}\` | ${r.requests.toLocaleString()} | ${(r.statements / r.requests).toFixed(1)} | ${(r.roundTrips / r.requests).toFixed(1)} |`)
    .join('\n')}`;
