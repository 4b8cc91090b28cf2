// The plan's lot actions fitted around what people and earlier decisions already ask of a lot.
// The engine allocates a lot's units once across its own actions (ADR 030) but knows nothing of
// open hand-made actions or of approved plan actions a refresh leaves alone; this trims the new
// and updated plan proposals of each lot so that together they ask no more than it holds (ADR 031).
import { lotNumberOf } from '../domain/lot-number';
import type { ActionCandidate } from './plan-adapter';

/** The units of one lot (sku, printed lot number, warehouse) already asked for outside the plan's new proposals. */
export interface LotTaken {
  sku: string;
  lotId: string;
  warehouse: string;
  /** Units on hand in that warehouse. */
  onHand: number;
  /** Units the other open actions ask, and which those are (for the reason): "markdown <id>". */
  taken: number;
  by: string[];
  /** The same in Korean, each kind as the pages name it ("가격 인하 <id>"); the English when absent. */
  byKo?: string[];
}

const LOT_KINDS = new Set(['transfer', 'markdown', 'sell', 'write_off']);
/** Which plan proposals give way first when a lot's units run short: the least certain use first. */
const CUT_ORDER: Record<string, number> = { markdown: 0, transfer: 1, sell: 2, write_off: 3 };

export const lotKeyOf = (sku: string, lotNumber: string, warehouse: string) => `${sku}|${lotNumber}|${warehouse}`.toLowerCase();

/**
 * `candidates` with each lot's plan proposals cut (least certain first: markdown, transfer, sale,
 * write-off) so that they ask at most `onHand − taken` units; a proposal cut to 0 is dropped. Value
 * scales with the units; the reason says what the other actions ask. Candidates of lots not in
 * `taken` (keyed by `lotKeyOf`) and reorders pass unchanged, in their order.
 */
export function fitToCommitments(candidates: readonly ActionCandidate[], taken: ReadonlyMap<string, LotTaken>): ActionCandidate[] {
  const byLot = new Map<string, ActionCandidate[]>();
  for (const c of candidates) {
    if (!c.lotId || !c.warehouse || !LOT_KINDS.has(c.kind)) continue;
    const k = lotKeyOf(c.sku, lotNumberOf(c.lotId), c.warehouse);
    if (!taken.has(k)) continue;
    byLot.set(k, [...(byLot.get(k) ?? []), c]);
  }
  const replaced = new Map<ActionCandidate, ActionCandidate | null>();
  for (const [k, list] of byLot) {
    const t = taken.get(k)!;
    let excess = list.reduce((n, c) => n + c.quantity, 0) + t.taken - t.onHand;
    for (const c of [...list].sort((a, b) => CUT_ORDER[a.kind] - CUT_ORDER[b.kind])) {
      if (excess <= 0) break;
      const cut = Math.min(c.quantity, excess);
      excess -= cut;
      const quantity = c.quantity - cut;
      if (quantity <= 0) {
        replaced.set(c, null);
        continue;
      }
      const left = Math.max(0, t.onHand - t.taken);
      replaced.set(c, {
        ...c,
        quantity,
        value: Math.round(c.value * (quantity / c.quantity) * 100) / 100,
        reason: `${c.reason} Open actions already ask ${t.taken} of the lot's ${t.onHand} units (${t.by.join(', ')}): this asks ${quantity} of the ${left} left.`,
        reasonKo: `${c.reasonKo} 열린 작업이 이미 로트 ${t.onHand}개 중 ${t.taken}개를 요청했습니다(${(t.byKo ?? t.by).join(', ')}). 남은 ${left}개 중 ${quantity}개를 요청합니다.`,
        evidence: { ...c.evidence, committedElsewhere: t.taken, plannedUnits: c.quantity },
      });
    }
  }
  if (!replaced.size) return [...candidates];
  return candidates.flatMap((c) => {
    if (!replaced.has(c)) return [c];
    const r = replaced.get(c);
    return r ? [r] : [];
  });
}
