// The local workerd processes a benchmark started (every process below this one named workerd),
// read from /proc: their resident memory and the CPU time they used, so a benchmark can report
// what the server itself spent apart from its load generator sharing the machine.
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  name: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      out.push({ pid: Number(d), ppid: Number(/PPid:\s+(\d+)/.exec(status)?.[1]), name: /Name:\s+(\S+)/.exec(status)?.[1] ?? '' });
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Pids of the workerd processes below this process. */
function myWorkerd(): number[] {
  const all = processes();
  const parent = new Map(all.map((p) => [p.pid, p.ppid]));
  const mine = (pid: number): boolean => {
    for (let p = pid, n = 0; p > 1 && n < 20; p = parent.get(p) ?? 0, n++) if (p === process.pid) return true;
    return false;
  };
  return all.filter((p) => p.name.startsWith('workerd') && mine(p.pid)).map((p) => p.pid);
}

const read = (pid: number, file: string): string => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
};

/** Resident memory (kB) of this benchmark's workerd processes together. */
export function workerdRssKb(): number {
  return myWorkerd().reduce((kb, pid) => kb + Number(/VmRSS:\s+(\d+)/.exec(read(pid, 'status'))?.[1] ?? 0), 0);
}

/**
 * CPU time (s, user + system) this benchmark's workerd processes have used so far. The difference
 * over a run divided by its requests is the server's CPU per request, whatever the load generator
 * on the same machine costs. Linux only (0 elsewhere).
 */
export function workerdCpuSeconds(): number {
  const tick = 100; // USER_HZ: /proc reports clock ticks of 1/100 s on Linux
  return myWorkerd().reduce((s, pid) => {
    // Fields after the command's closing parenthesis: utime is the 12th, stime the 13th.
    const rest = read(pid, 'stat').split(') ').at(-1)?.split(' ') ?? [];
    return s + (Number(rest[11] ?? 0) + Number(rest[12] ?? 0)) / tick;
  }, 0);
}
