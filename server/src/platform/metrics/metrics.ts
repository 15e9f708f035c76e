import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What a scrape reads from the running platform (pool, queues, open pages), asked at scrape time. */
export interface MetricsProbes {
  pool(): { max: number; total: number; idle: number | null; waiting: number | null };
  liveConnections(): number;
  gateGroupCommitQueue(): number;
}

interface RequestSeries {
  count: { inc(): void };
  duration: { observe(v: number): void };
}

/**
 * The platform's Prometheus metrics, one registry per platform (tests run several in one process).
 * Labels are route patterns, methods, status codes and job names: never an id, a name or a URL.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'jiayuan_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'jiayuan_http_request_duration_seconds',
    help: 'Time from the request received to the response sent, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  private readonly jobRuns = new Counter({
    name: 'jiayuan_scheduler_job_runs_total',
    help: 'Scheduled job runs this instance made, by job and outcome (ok or failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly dbStatements = new Counter({
    name: 'jiayuan_http_db_statements_total',
    help: 'SQL statements (not BEGIN/COMMIT) sent while answering requests, by method and route pattern; only with JIAYUAN_COUNT_STATEMENTS',
    labelNames: ['method', 'route'] as const,
    registers: [this.registry],
  });
  private readonly dbRoundTrips = new Counter({
    name: 'jiayuan_http_db_round_trips_total',
    help: 'Messages sent to the database and waited for (statements, BEGIN and COMMIT) while answering requests; only with JIAYUAN_COUNT_STATEMENTS',
    labelNames: ['method', 'route'] as const,
    registers: [this.registry],
  });
  /** The children of the request metrics, by "method route status": one Map look-up per request. */
  private readonly series = new Map<string, RequestSeries>();
  private probes: MetricsProbes | null = null;

  constructor(opts: { processMetrics?: boolean } = {}) {
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'jiayuan_' });
    const probes = () => this.probes;
    new Gauge({
      name: 'jiayuan_db_pool_connections',
      help: 'Database connections of this instance by state: max (configured), total (open), idle, waiting (queries waiting for a connection)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = probes()?.pool();
        if (!p) return;
        this.set({ state: 'max' }, p.max);
        this.set({ state: 'total' }, p.total);
        if (p.idle !== null) this.set({ state: 'idle' }, p.idle);
        if (p.waiting !== null) this.set({ state: 'waiting' }, p.waiting);
      },
    });
    new Gauge({
      name: 'jiayuan_live_connections',
      help: 'Pages holding a live-event connection (server-sent events) to this instance',
      registers: [this.registry],
      collect() {
        const p = probes();
        if (p) this.set(p.liveConnections());
      },
    });
    new Gauge({
      name: 'jiayuan_gate_group_commit_queue',
      help: 'Gate events waiting for the group commit (not yet in a statement)',
      registers: [this.registry],
      collect() {
        const p = probes();
        if (p) this.set(p.gateGroupCommitQueue());
      },
    });
  }

  /** Where the gauges read from; set once the platform's parts exist. */
  probe(probes: MetricsProbes) {
    this.probes = probes;
  }

  /** One answered request; `seconds` from reception to the response sent. */
  requestDone(method: string, route: string, status: number, seconds: number) {
    const key = `${method} ${route} ${status}`;
    let s = this.series.get(key);
    if (!s) {
      const labels = { method, route, status: String(status) };
      this.series.set(key, (s = { count: this.requests.labels(labels), duration: this.duration.labels(labels) }));
    }
    s.count.inc();
    s.duration.observe(seconds);
  }

  /** What one request sent to the database (when counting). */
  requestStatements(method: string, route: string, statements: number, roundTrips: number) {
    this.dbStatements.inc({ method, route }, statements);
    this.dbRoundTrips.inc({ method, route }, roundTrips);
  }

  /** One run of a scheduled job, finished. */
  jobDone(job: string, ok: boolean) {
    this.jobRuns.inc({ job, outcome: ok ? 'ok' : 'failed' });
  }

  /** The text a scrape answers. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType() {
    return this.registry.contentType;
  }
}
