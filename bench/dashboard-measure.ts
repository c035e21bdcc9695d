import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds so far: this process (generator and clients), the API child, PostgreSQL, and the whole machine. */
export interface Cpu {
  bench: number;
  api: number;
  postgres: number;
  /** Every process on the machine (from /proc/stat), to show what else ran at the same time. */
  machine: number;
}

/**
 * Reads /proc: our own CPU, our API child's, and PostgreSQL's: the whole embedded server when we
 * started it (its background writers, and the backends and autovacuum workers that have ended,
 * which the postmaster reaped into its own children's time), else the live backends serving `database`.
 */
export function cpuSeconds(database: string): Cpu {
  const own = process.cpuUsage();
  // The first line of /proc/stat: user nice system idle iowait irq softirq steal, in 1/100 s.
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const cpu: Cpu = { bench: (own.user + own.system) / 1e6, api: 0, postgres: 0, machine: (user + nice + system + irq + softirq) / 100 };
  const processes = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        // utime + stime, and cutime + cstime of reaped children, in clock ticks of 1/100 s
        const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
        return [{ pid: Number(pid), parent: Number(fields[1]), command, seconds: (utime + stime) / 100, reaped: (cutime + cstime) / 100 }];
      } catch {
        return []; // it ended while we looked
      }
    });
  const postmaster = processes.find((p) => p.parent === process.pid && /postgres/.test(p.command) && !p.command.includes('main.js'));
  if (postmaster) cpu.postgres += postmaster.reaped;
  for (const p of processes) {
    if (p.parent === process.pid && p.command.includes('apps/api/src/main.js')) cpu.api += p.seconds;
    else if (postmaster ? p.pid === postmaster.pid || p.parent === postmaster.pid : p.command.startsWith('postgres: ') && p.command.includes(database)) cpu.postgres += p.seconds;
  }
  return cpu;
}

export function cpuSince(before: Cpu, after: Cpu): Cpu {
  return { bench: after.bench - before.bench, api: after.api - before.api, postgres: after.postgres - before.postgres, machine: after.machine - before.machine };
}

/** This process's RSS high-water mark, in MB. */
export function ownPeakRssMb(): number {
  const line = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return line ? Number(line[1]) / 1024 : 0;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
