import { toDay } from './dates';
import { days, LOT_STATUS_KO, reasonOf, type Text2 } from './text';
import type { IsoDate, Lot } from './types';

/**
 * First-expired-first-out: which lots ship first, and why. A lot is sellable when it is
 * available, has stock, has not reached its expiration date (a lot is expired on that date)
 * and keeps at least the customer's minimum remaining shelf life.
 */
export interface FefoOptions {
  /** Only lots of this SKU (required when `lots` mixes SKUs in allocateFefo). */
  sku?: string;
  /** Only lots in this warehouse. */
  warehouse?: string;
  /** Days of shelf life the customer needs left; default 0. */
  minRemainingDays?: number;
}

export interface RankedLot {
  /** 1 = ships first from its warehouse. */
  rank: number;
  lot: Lot;
  daysToExpiry: number;
  reason: string;
  /** The same reason in Korean. */
  reasonKo: string;
}

export type SkipCode = 'expired' | 'quarantine' | 'not-available' | 'short-life' | 'empty';

export interface SkippedLot {
  lot: Lot;
  code: SkipCode;
  reason: string;
  /** The same reason in Korean. */
  reasonKo: string;
}

export interface FefoRanking {
  asOf: IsoDate;
  ranked: RankedLot[];
  skipped: SkippedLot[];
}

export function rankFefo(lots: readonly Lot[], asOf: IsoDate, opts: FefoOptions = {}): FefoRanking {
  const today = toDay(asOf);
  const minLife = Math.max(0, opts.minRemainingDays ?? 0);
  const sellable: { lot: Lot; exp: number; rec: number }[] = [];
  const skipped: SkippedLot[] = [];
  for (const lot of lots) {
    if (opts.sku !== undefined && lot.sku !== opts.sku) continue;
    if (opts.warehouse !== undefined && lot.warehouse !== opts.warehouse) continue;
    const exp = toDay(lot.expirationDate);
    const left = exp - today;
    const skip = skipReason(lot, left, minLife);
    if (skip) skipped.push({ lot, code: skip.code, ...reasonOf(skip.reason) });
    else sellable.push({ lot, exp, rec: toDay(lot.receivedDate) });
  }
  sellable.sort((a, b) => a.exp - b.exp || a.rec - b.rec || (a.lot.lotId < b.lot.lotId ? -1 : a.lot.lotId > b.lot.lotId ? 1 : 0));
  // Stock ships from the warehouse that holds it: rank and reason compare a lot with the lots of
  // its own warehouse (the list stays in FEFO order across warehouses).
  const byWarehouse = new Map<string, typeof sellable>();
  for (const s of sellable) {
    const w = byWarehouse.get(s.lot.warehouse);
    if (w) w.push(s);
    else byWarehouse.set(s.lot.warehouse, [s]);
  }
  const at = new Map<string, number>();
  const ranked = sellable.map((s): RankedLot => {
    const same = byWarehouse.get(s.lot.warehouse)!;
    const i = at.get(s.lot.warehouse) ?? 0;
    at.set(s.lot.warehouse, i + 1);
    return { rank: i + 1, lot: s.lot, daysToExpiry: s.exp - today, ...reasonOf(rankReason(s, same[i + 1], same.length)) };
  });
  return { asOf, ranked, skipped };
}

function skipReason(lot: Lot, left: number, minLife: number): { code: SkipCode; reason: Text2 } | undefined {
  const skip = (code: SkipCode, en: string, ko: string) => ({ code, reason: { en, ko } });
  if (lot.status === 'quarantine') return skip('quarantine', 'quarantined: not sellable until released', '격리됨: 해제 전까지 판매 불가');
  if (lot.status !== 'available')
    return skip('not-available', `status is ${lot.status}: not sellable`, `상태 ${LOT_STATUS_KO[lot.status] ?? lot.status}: 판매 불가`);
  if (left <= 0) {
    return left === 0
      ? skip('expired', `expires today (${lot.expirationDate})`, `오늘 만료(${lot.expirationDate})`)
      : skip('expired', `expired on ${lot.expirationDate}, ${days(-left)} ago`, `${lot.expirationDate}에 만료, ${-left}일 지남`);
  }
  if (left < minLife) {
    return skip(
      'short-life',
      `only ${days(left)} of shelf life left; customer requires ${minLife}`,
      `잔여 유통기한 ${left}일뿐; 고객 요구 ${minLife}일`,
    );
  }
  if (!(lot.quantityOnHand > 0)) return skip('empty', 'no stock on hand', '재고 없음');
  return undefined;
}

function rankReason(
  s: { lot: Lot; exp: number; rec: number },
  next: { lot: Lot; exp: number; rec: number } | undefined,
  count: number,
): Text2 {
  if (!next)
    return count === 1
      ? { en: 'only sellable lot', ko: '판매 가능한 유일한 로트' }
      : { en: 'ships last: latest expiry', ko: '마지막 출고: 유통기한이 가장 늦음' };
  const id = next.lot.lotId;
  const before = (en: string, ko: string): Text2 => ({ en: `ships before ${id}: ${en}`, ko: `${id}보다 먼저 출고: ${ko}` });
  if (next.exp > s.exp) return before(`expires ${days(next.exp - s.exp)} earlier`, `유통기한이 ${next.exp - s.exp}일 빠름`);
  if (next.rec > s.rec)
    return before(`same expiry, received ${days(next.rec - s.rec)} earlier`, `유통기한이 같고 ${next.rec - s.rec}일 먼저 입고됨`);
  return before('same expiry and receipt date, lot id sorts first', '유통기한과 입고일이 같고 로트 번호가 앞섬');
}

export interface LotPick {
  lotId: string;
  warehouse: string;
  quantity: number;
  expirationDate: IsoDate;
}

export interface FefoAllocation {
  requested: number;
  allocated: number;
  /** Units that could not be covered by sellable stock (0 when complete). */
  shortage: number;
  complete: boolean;
  picks: LotPick[];
  skipped: SkippedLot[];
}

/** Splits an outgoing quantity over lots in FEFO order (used by stock OUT movements). */
export function allocateFefo(lots: readonly Lot[], quantity: number, asOf: IsoDate, opts: FefoOptions = {}): FefoAllocation {
  if (!Number.isFinite(quantity) || quantity < 0) throw new RangeError('quantity must be a non-negative number');
  if (opts.sku === undefined && new Set(lots.map((l) => l.sku)).size > 1) throw new RangeError('lots span several SKUs: pass opts.sku');
  const { ranked, skipped } = rankFefo(lots, asOf, opts);
  const picks: LotPick[] = [];
  let left = quantity;
  for (const r of ranked) {
    if (left <= 0) break;
    const take = Math.min(left, r.lot.quantityOnHand);
    picks.push({ lotId: r.lot.lotId, warehouse: r.lot.warehouse, quantity: take, expirationDate: r.lot.expirationDate });
    left -= take;
  }
  // Fractional units (kg, litres) leave float dust; it is not a shortage.
  if (left < 1e-9 * Math.max(1, quantity)) left = 0;
  const allocated = quantity - left;
  return { requested: quantity, allocated, shortage: left, complete: left === 0, picks, skipped };
}
