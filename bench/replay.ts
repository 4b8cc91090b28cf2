/**
 * Replay benchmark (not a test): `npx tsx bench/replay.ts [--runs 3] [--tenant sample_data]`.
 * Replays the demo tenant's second year (112 SKUs, every SKU–warehouse) under Lotwise, min/max
 * and naive, and prints wall-clock and CPU seconds per run and their medians. Goal: a 112-SKU,
 * 2-year replay in under a minute. CPU time is printed because wall-clock time on a shared
 * machine measures the neighbours as much as the code.
 */
import { runReplay } from '../worker/domain/replay/replay';
import { loadTenant } from '../scripts/replay-input';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(opt('runs', '3')));
const DIR = opt('tenant', 'sample_data');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const { products, lines } = await loadTenant(DIR);
const first = Math.min(...lines.map((l) => l.day));
const last = Math.max(...lines.map((l) => l.day));
const input = { products, lines, startDay: first + 365, endDay: last, reviewPeriodDays: 7, seed: 1 };
const wall: number[] = [];
const cpu: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const t = performance.now();
  const c = process.cpuUsage();
  const res = runReplay(input);
  const used = process.cpuUsage(c);
  wall.push((performance.now() - t) / 1000);
  cpu.push((used.user + used.system) / 1e6);
  const lw = res.policies.lotwise;
  console.log(
    `run ${r + 1}: ${wall[r].toFixed(1)} s wall, ${cpu[r].toFixed(1)} s CPU — ${products.length} SKUs, ${res.cells} cells, ${res.days} days; lotwise fill ${lw.fillRate.toFixed(2)} %`,
  );
}
console.log(`median: ${median(wall).toFixed(1)} s wall, ${median(cpu).toFixed(1)} s CPU (goal < 60 s)`);
