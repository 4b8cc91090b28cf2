import { fromDay, toDay } from './dates';
import { rankFefo } from './fefo';
import { extendMean } from './projection';
import { countInverse } from './forecast/quantiles';
import type { Uncertainty } from './forecast/summary';
import { createRng, seedFrom } from './random';
import { normalQuantile } from './stats';
import type { IsoDate, Lot } from './types';
import { daysNeeded, loosestRule, productSegment, type ShelfLifeSegment } from './shelf-life';
import { days as dayCount, pct, reasonOf, type Text2 } from './text';

/**
 * Waste risk by Monte Carlo: many demand paths drawn from the forecast distribution are
 * consumed FEFO from a SKU's sellable lots; whatever is still on hand when a lot reaches its
 * sell-by date (expiry minus the loosest minimum remaining life among the customers who buy the
 * SKU) expires unsold. Demand is split by the buyers' shelf-life rules (shelf-life.ts): each
 * segment takes its share FEFO from the lots that still meet its rule. Lots no buyer can take
 * today (expired or below every buyer's rule) are a certain loss: their whole value is at risk,
 * with the options left (markdown, a customer with a shorter rule, a transfer, write-off).
 * Each path has a shared level factor (the forecast may be too high or low for weeks) and
 * daily count noise. Uniforms are drawn per path and day and turned into demand by inverse
 * CDF, so more stock or less demand can only add waste on every path (common random numbers).
 */
export type ExpiryBucket = 'within-30' | 'within-60' | 'within-90' | 'later';

/** What can still be done with a lot that will not sell to the customers who buy the SKU here. */
export interface LossOption {
  action: 'markdown' | 'sell-to-customer' | 'transfer' | 'write-off';
  detail: string;
  /** The same detail in Korean (ADR 025); absent in plans stored before it was written. */
  detailKo?: string;
  /** For sell-to-customer: customers whose own rule accepts the lot (biggest buyers first). */
  customers?: string[];
  /** For transfer: a warehouse whose buyers accept the lot after the transfer lead time. */
  warehouse?: string;
}

export interface LotWasteRisk {
  lotId: string;
  warehouse: string;
  quantity: number;
  expirationDate: IsoDate;
  /** Last day the lot can still ship to the customers who buy the SKU (loosest rule among them). */
  sellByDate: IsoDate;
  daysToExpiry: number;
  expiryBucket: ExpiryBucket;
  expectedWasteUnits: number;
  probabilityOfWaste: number;
  /** Expected waste value at lot cost, to the cent (certain loss: the whole lot). */
  valueAtRisk: number;
  /** Expired, or too short-dated for every customer who buys the SKU here: lost unless acted on. */
  certainLoss: boolean;
  reason: string;
  /** The same reason in Korean; absent in plans stored before it was written. */
  reasonKo?: string;
  /** For certain losses: markdown, sale to a customer with a shorter rule, transfer, write-off. */
  options: LossOption[];
  /** Units of the lot the plan's transfers send to another warehouse (allocation.ts); a markdown or sale takes only the rest. Absent: none. */
  transferUnits?: number;
}

export interface SkuWasteRisk {
  sku: string;
  /** Includes the certain losses. */
  expectedWasteUnits: number;
  probabilityAnyWaste: number;
  /** Σ lots' valueAtRisk (expected waste value + certain loss), to the cent. */
  valueAtRisk: number;
  /** Expired or too short-dated for the SKU's customers today: certain loss (part of valueAtRisk). */
  unsellableUnits: number;
  unsellableValue: number;
  lots: LotWasteRisk[];
}

export interface LossAlternatives {
  /** Customers (any SKU) with their own rule, e.g. a discounter accepting 7 days. */
  customers?: readonly { customerId: string; minRemainingDays: number }[];
  /** Other warehouses and the loosest rule of the SKU's buyers there. */
  warehouses?: readonly { warehouse: string; minRemainingDays: number }[];
  transferLeadTimeDays?: number;
}

export interface WasteInput {
  sku: string;
  lots: readonly Lot[];
  asOf: IsoDate;
  /** The product's rule; used when `segments` is absent. */
  minRemainingDays: number;
  /** Demand split by the buying customers' shelf-life rules (shelf-life.ts). */
  segments?: readonly ShelfLifeSegment[];
  /** Mean daily demand from asOf on; padded with its last four weeks' mean if short. */
  demandMean: ArrayLike<number>;
  uncertainty: Uncertainty;
  alternatives?: LossAlternatives;
}

export interface WasteOptions {
  paths?: number;
  seed?: number;
  /** Lots that stay sellable past this many days are not simulated further. */
  horizonCapDays?: number;
}

const cents = (x: number) => Math.round(x * 100) / 100;

export function simulateWasteRisk(input: WasteInput, opts: WasteOptions = {}): SkuWasteRisk {
  const paths = Math.max(1, Math.floor(opts.paths ?? 200));
  const today = toDay(input.asOf);
  const segments = input.segments ?? productSegment(input.minRemainingDays);
  const loosest = loosestRule(segments);
  const need = segments.map((g) => daysNeeded(g.minRemainingDays));
  const share = segments.map((g) => g.share);
  const { ranked, skipped } = rankFefo(input.lots, input.asOf, { sku: input.sku, minRemainingDays: loosest });
  const lots = ranked.map((r) => r.lot);
  const L = lots.length;
  const qty = Float64Array.from(lots, (l) => l.quantityOnHand);
  const expiresOn = Int32Array.from(lots, (l) => toDay(l.expirationDate) - today);
  // First day each lot can no longer ship to anyone (same rule as FEFO: ≥ 1 day and ≥ the loosest rule).
  const minLeft = daysNeeded(loosest);
  const sellBy = Int32Array.from(expiresOn, (e) => e - minLeft + 1);
  const T = Math.min(opts.horizonCapDays ?? 365, L ? Math.max(...sellBy) : 0);
  const mean = extendMean(input.demandMean, T);
  const { dispersion, levelSd } = input.uncertainty;
  const sigma = Math.sqrt(Math.log(1 + levelSd * levelSd));
  const waste = new Float64Array(L);
  const wasted = new Float64Array(L);
  const rem = new Float64Array(L);
  let anyWaste = 0;
  const base = seedFrom(input.sku, opts.seed ?? 0);
  for (let p = 0; p < paths; p++) {
    const rng = createRng(seedFrom(String(p), base));
    const level = sigma > 0 ? Math.exp(sigma * normalQuantile(rng.next()) - (sigma * sigma) / 2) : 1;
    rem.set(qty);
    let expiring = 0;
    let cursor = 0;
    let pathWaste = false;
    for (let t = 0; t <= T; t++) {
      while (expiring < L && sellBy[expiring] <= t) {
        if (rem[expiring] > 0) {
          waste[expiring] += rem[expiring];
          wasted[expiring]++;
          pathWaste = true;
          rem[expiring] = 0;
        }
        expiring++;
      }
      if (cursor < expiring) cursor = expiring;
      while (cursor < L && rem[cursor] <= 0) cursor++;
      if (cursor >= L || t === T) break;
      const mu = mean[t] * level;
      const total = countInverse(rng.next(), mu, dispersion * mu, 30);
      for (let g = 0; g < need.length; g++) {
        let d = total * share[g];
        for (let k = cursor; k < L && d > 0; k++) {
          if (rem[k] <= 0 || expiresOn[k] - t < need[g]) continue;
          const take = Math.min(d, rem[k]);
          rem[k] -= take;
          d -= take;
        }
      }
    }
    if (pathWaste) anyWaste++;
  }
  const lotRisks = lots.map((l, i): LotWasteRisk => {
    const units = waste[i] / paths;
    const days = expiresOn[i];
    const pWaste = wasted[i] / paths;
    return {
      lotId: l.lotId,
      warehouse: l.warehouse,
      quantity: l.quantityOnHand,
      expirationDate: l.expirationDate,
      sellByDate: fromDay(today + sellBy[i] - 1),
      daysToExpiry: days,
      expiryBucket: bucketOf(days),
      expectedWasteUnits: units,
      probabilityOfWaste: pWaste,
      valueAtRisk: cents(units * l.unitCost),
      certainLoss: false,
      ...reasonOf(
        units > 0
          ? {
              en: `expected ${units.toFixed(1)} units unsold by ${fromDay(today + sellBy[i] - 1)} (${pct(pWaste).en} of demand paths leave some)`,
              ko: `${fromDay(today + sellBy[i] - 1)}까지 ${units.toFixed(1)}개 미판매 예상(수요 경로의 ${pct(pWaste).ko}에서 남음)`,
            }
          : { en: 'expected to sell before its sell-by date', ko: '판매 기한 전 판매 예상' },
      ),
      options: [],
    };
  });
  const losses = skipped
    .filter((s) => (s.code === 'expired' || s.code === 'short-life') && s.lot.quantityOnHand > 0)
    .map((s) => certainLoss(s.lot, today, minLeft, input.alternatives));
  const all = [...losses, ...lotRisks];
  const sumCents = (xs: readonly number[]) => xs.reduce((a, x) => a + Math.round(x * 100), 0) / 100;
  return {
    sku: input.sku,
    expectedWasteUnits: all.reduce((a, l) => a + l.expectedWasteUnits, 0),
    probabilityAnyWaste: losses.length ? 1 : anyWaste / paths,
    valueAtRisk: sumCents(all.map((l) => l.valueAtRisk)),
    unsellableUnits: losses.reduce((a, l) => a + l.quantity, 0),
    unsellableValue: sumCents(losses.map((l) => l.valueAtRisk)),
    lots: all,
  };
}

/** A lot no buying customer can take: the whole lot at cost, and what can still be done with it. */
function certainLoss(lot: Lot, today: number, minLeft: number, alt: LossAlternatives | undefined): LotWasteRisk {
  const days = toDay(lot.expirationDate) - today;
  const options: LossOption[] = [];
  let reason: Text2;
  if (days <= 0) {
    reason =
      days === 0
        ? { en: 'expires today: cannot be sold', ko: '오늘 만료: 판매 불가' }
        : { en: `expired ${dayCount(-days)} ago`, ko: `${-days}일 전 만료` };
  } else {
    reason = {
      en: `${dayCount(days)} of shelf life left, below the ${minLeft} the customers who buy it here require`,
      ko: `잔여 유통기한 ${days}일, 이 창고 구매 고객이 요구하는 ${minLeft}일 미달`,
    };
    options.push({
      action: 'markdown',
      ...detailOf({
        en: `sell at a discount before ${lot.expirationDate} to buyers without a shelf-life requirement`,
        ko: `${lot.expirationDate} 전에 유통기한 요건이 없는 구매처에 할인 판매`,
      }),
    });
    const takers = (alt?.customers ?? []).filter((c) => daysNeeded(c.minRemainingDays) <= days).map((c) => c.customerId);
    if (takers.length) {
      options.push({
        action: 'sell-to-customer',
        ...detailOf({
          en: `${takers.length} customer${takers.length === 1 ? '' : 's'} accept${takers.length === 1 ? 's' : ''} ${days} days of shelf life`,
          ko: `고객 ${takers.length}곳이 잔여 유통기한 ${days}일을 받아들임`,
        }),
        customers: takers.slice(0, 10),
      });
    }
    const lead = Math.max(0, alt?.transferLeadTimeDays ?? 0);
    for (const w of alt?.warehouses ?? []) {
      if (w.warehouse === lot.warehouse || days - lead < daysNeeded(w.minRemainingDays)) continue;
      options.push({
        action: 'transfer',
        ...detailOf({
          en: `buyers in ${w.warehouse} accept ${w.minRemainingDays} days; ${days - lead} left after a ${lead}-day transfer`,
          ko: `${w.warehouse} 구매처는 ${w.minRemainingDays}일이면 받음; ${lead}일 이동 후 ${days - lead}일 남음`,
        }),
        warehouse: w.warehouse,
      });
    }
  }
  options.push(WRITE_OFF_OPTION);
  return {
    lotId: lot.lotId,
    warehouse: lot.warehouse,
    quantity: lot.quantityOnHand,
    expirationDate: lot.expirationDate,
    sellByDate: fromDay(toDay(lot.expirationDate) - minLeft),
    daysToExpiry: days,
    expiryBucket: bucketOf(days),
    expectedWasteUnits: lot.quantityOnHand,
    probabilityOfWaste: 1,
    valueAtRisk: cents(lot.quantityOnHand * lot.unitCost),
    certainLoss: true,
    ...reasonOf(reason),
    options,
  };
}

/** `{ detail, detailKo }` of a two-language option detail. */
const detailOf = (t: Text2) => ({ detail: t.en, detailKo: t.ko });

/** What can always be done with a lot nobody can buy: write it off. */
export const WRITE_OFF_OPTION: LossOption = {
  action: 'write-off',
  ...detailOf({ en: 'write the lot off (dispose or donate)', ko: '로트 폐기(처분 또는 기부)' }),
};

export function bucketOf(daysToExpiry: number): ExpiryBucket {
  return daysToExpiry <= 30 ? 'within-30' : daysToExpiry <= 60 ? 'within-60' : daysToExpiry <= 90 ? 'within-90' : 'later';
}
