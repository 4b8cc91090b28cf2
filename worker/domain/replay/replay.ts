import { lotwisePolicy, type LotwiseOptions } from './lotwise';
import { minMaxPolicy, naivePolicy } from './rules';
import { addTotals, buildCells, emptyTotals, metricsOf, simulateCell, type Cell, type CellTotals } from './simulate';
import type { PolicyMetrics, ReplayInput, ReplayPolicy } from './types';

/**
 * Replays a tenant's history under each policy on the same days, demand and lead-time draws
 * (simulate.ts has the rules) and sums the results over SKUs and warehouses.
 */
export interface ReplayResult {
  startDay: number;
  endDay: number;
  days: number;
  cells: number;
  policies: Record<string, PolicyMetrics>;
}

export type ReplayProgress = (done: number, total: number, policy: string) => void;
/** Receives each cell's counters under each policy (per-SKU diagnostics: `npm run replay -- --cells N`). */
export type ReplayCellSink = (cell: Cell, policy: string, totals: CellTotals) => void;

/** Lotwise, min/max and naive, in that order. */
export function defaultPolicies(cells: readonly Cell[], input: ReplayInput, lotwise: LotwiseOptions = {}): ReplayPolicy[] {
  return [lotwisePolicy(cells, input.startDay, lotwise), minMaxPolicy(), naivePolicy()];
}

export function runReplay(
  input: ReplayInput,
  policies?: (cells: readonly Cell[]) => ReplayPolicy[],
  onProgress?: ReplayProgress,
  onCell?: ReplayCellSink,
): ReplayResult {
  if (input.endDay < input.startDay) throw new RangeError('the replay must end on or after its start day');
  const cells = buildCells(input);
  const list = policies ? policies(cells) : defaultPolicies(cells, input);
  const days = input.endDay - input.startDay + 1;
  const out: Record<string, PolicyMetrics> = {};
  const total = cells.length * list.length;
  let done = 0;
  for (const policy of list) {
    const sum = emptyTotals();
    for (const cell of cells) {
      const t = simulateCell(cell, policy, input);
      onCell?.(cell, policy.name, t);
      addTotals(sum, t);
      onProgress?.(++done, total, policy.name);
    }
    out[policy.name] = metricsOf(sum, days);
  }
  return { startDay: input.startDay, endDay: input.endDay, days, cells: cells.length, policies: out };
}
