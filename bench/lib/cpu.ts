import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { ManagedProcess } from './processes';

/**
 * CPU time spent by benchmark processes (Linux /proc; elsewhere NaN). Every process the harness
 * starts leads its own process group, so a group's CPU covers a cluster primary and its workers.
 * CPU milliseconds per request do not depend on how busy the rest of the machine is, which makes
 * them the steadier figure on a shared machine.
 */

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU milliseconds (user + system) used so far by the live processes of these process groups. */
export function groupsCpuMs(groups: number[]): number {
  if (process.platform !== 'linux') return NaN;
  const wanted = new Set(groups);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (!wanted.has(Number(fields[2]))) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / clockTicks();
}

/** Accumulates, per key, the CPU a set of processes spends between start() and stop(). */
export class CpuAccount {
  private readonly totals = new Map<string, number>();
  private started = new Map<string, number>();

  constructor(private readonly groups: Record<string, ManagedProcess[]>) {}

  start(): void {
    this.started = new Map(Object.entries(this.groups).map(([name, procs]) => [name, groupsCpuMs(pids(procs))]));
  }

  /** Adds the CPU used since start() under `${key}/${group name}`. */
  stop(key: string): void {
    for (const [name, procs] of Object.entries(this.groups)) {
      const used = groupsCpuMs(pids(procs)) - (this.started.get(name) ?? NaN);
      this.totals.set(`${key}/${name}`, (this.totals.get(`${key}/${name}`) ?? 0) + used);
    }
  }

  /** CPU milliseconds of `group` per request while `key` ran. */
  perRequest(key: string, group: string, requests: number): number {
    const total = this.totals.get(`${key}/${group}`);
    return total === undefined || requests === 0 ? NaN : total / requests;
  }
}

function pids(procs: ManagedProcess[]): number[] {
  return procs.map((p) => p.child.pid).filter((pid): pid is number => pid !== undefined);
}
