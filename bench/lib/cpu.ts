// Where the machine's CPU time went during one measurement: PostgreSQL's processes, the API
// server, this process (the load generator) and idle — read from /proc, Linux only.
import fs from 'node:fs';

const TICK_S = 0.01; // USER_HZ, 100 on Linux

/** utime + stime + cutime + cstime of a process: its own CPU time and that of children it has reaped. */
function ticks(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  } catch {
    return 0;
  }
}

/** PostgreSQL's processes (backends, and the postmaster that reaps them when they end). */
function postgresTicks(): number {
  let sum = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') sum += ticks(Number(d));
    } catch {
      // the process ended meanwhile
    }
  }
  return sum;
}

const idleTicks = () => Number(fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)[4]);

export interface CpuSplit {
  postgres: number;
  server: number;
  bench: number;
  idle: number;
}

/** Starts counting; the function returned answers the seconds of CPU each used since. */
export function cpuMeter(serverPid: number): () => CpuSplit {
  const start = { pg: postgresTicks(), srv: ticks(serverPid), me: ticks(process.pid), idle: idleTicks() };
  return () => ({
    postgres: (postgresTicks() - start.pg) * TICK_S,
    server: (ticks(serverPid) - start.srv) * TICK_S,
    bench: (ticks(process.pid) - start.me) * TICK_S,
    idle: (idleTicks() - start.idle) * TICK_S,
  });
}

export const cpuText = (c: CpuSplit) =>
  `PostgreSQL ${c.postgres.toFixed(1)} s, API server ${c.server.toFixed(1)} s, load generator ${c.bench.toFixed(1)} s, idle ${c.idle.toFixed(1)} s`;
