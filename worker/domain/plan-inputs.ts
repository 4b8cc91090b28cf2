import { toDay } from './dates';
import type { PlanInput } from './plan-types';
import type { DailyDemand, Lot, Product } from './types';

/*
 * Shaping a tenant's raw inputs for planTenant: grouping, history alignment, checks.
 */

/**
 * The SKU's daily sales before asOf, zero-filled to the day before asOf, and — when any series
 * carries stock-out flags — one flag per day (1: the day began with no sellable stock; a day is
 * flagged when every series that covers it says so).
 */
export function historyOf(
  series: readonly DailyDemand[],
  today: number,
): { history: Float64Array; start: number; stockedOut?: Uint8Array } {
  if (series.length === 0) return { history: new Float64Array(0), start: today };
  const start = Math.min(...series.map((d) => toDay(d.startDate)));
  const history = new Float64Array(Math.max(0, today - start));
  const flagged = series.some((d) => d.stockedOut?.length);
  const out = flagged ? new Uint8Array(history.length) : undefined;
  const seen = flagged ? new Uint8Array(history.length) : undefined;
  for (const d of series) {
    const off = toDay(d.startDate) - start;
    for (let i = 0; i < d.values.length && off + i < history.length; i++) {
      const v = d.values[i];
      if (Number.isFinite(v) && v > 0) history[off + i] += v;
      if (out && seen) {
        const o = d.stockedOut?.[i] === true;
        out[off + i] = seen[off + i] ? out[off + i] & (o ? 1 : 0) : o ? 1 : 0;
        seen[off + i] = 1;
      }
    }
  }
  return out ? { history, start, stockedOut: out } : { history, start };
}

/** Long enough for the 90-day summaries, lead time plus a new lot's life, and every lot's expiry. */
export function horizonFor(p: Product, lots: readonly Lot[], today: number): number {
  const expiries = lots.map((l) => toDay(l.expirationDate) - today);
  return Math.min(730, Math.max(90, p.leadTimeDays + 7 + p.shelfLifeDays, ...expiries));
}

export function unknownSkus(input: PlanInput, known: Set<string>): string[] {
  const out: string[] = [];
  const check = (what: string, skus: string[]) => {
    const missing = [...new Set(skus.filter((x) => !known.has(x)))];
    if (missing.length)
      out.push(
        `${what} for unknown SKU(s) ignored: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`,
      );
  };
  check(
    'lots',
    input.lots.map((l) => l.sku),
  );
  check(
    'inbound shipments',
    input.inbound.map((x) => x.sku),
  );
  check(
    'demand',
    input.demand.map((d) => d.sku),
  );
  return out;
}

export function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
