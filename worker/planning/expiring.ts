// One row of the expiring-stock view: a lot with stock, priced by the plan's waste simulation, or
// as a certain loss (expired, or too short-dated for the SKU's buyers). Held lots (quarantine,
// hold) are not priced until released.
import { LOT_STATUS_KO, reasonOf } from '../domain/text';
import type { Lot } from '../domain/types';
import { WRITE_OFF_OPTION } from '../domain/waste';
import type { ExpiryWindow, ExpiryWindows, SkuSummary, WindowTable, WindowTotals } from '../data/plan.store';
import { lotNumberOf } from '../data/planning.map';

type LotRisk = SkuSummary['waste']['lots'][number];

/** The lot as the expiring view lists it on the plan's day `asOf`; `risk` is its waste entry, if priced. */
export function expiringRow(l: Lot, risk: LotRisk | undefined, asOf: string) {
  const expired = l.expirationDate <= asOf;
  const certain = risk?.certainLoss ?? expired;
  return {
    ...l,
    // Named as every answer names a lot: its printed number, and its API id beside it (a lot moved
    // to another warehouse has a composite id; the printed number stays the same).
    lotId: lotNumberOf(l.lotId),
    id: l.lotId,
    expired,
    certainLoss: certain,
    expectedWasteUnits: risk ? risk.expectedWasteUnits : expired ? l.quantityOnHand : null,
    probabilityOfWaste: risk ? risk.probabilityOfWaste : expired ? 1 : null,
    valueAtRisk: risk ? risk.valueAtRisk : expired ? Math.round(l.quantityOnHand * l.unitCost * 100) / 100 : null,
    sellByDate: risk?.sellByDate ?? null,
    ...reasonOf(
      risk
        ? { en: risk.reason, ko: risk.reasonKo ?? risk.reason }
        : expired
          ? { en: 'expired', ko: '만료' }
          : {
              en: `${l.status}: not sellable until released; not priced`,
              ko: `${LOT_STATUS_KO[l.status] ?? l.status}: 해제 전까지 판매 불가, 가격 미산정`,
            },
    ),
    options: risk?.options ?? (expired ? [WRITE_OFF_OPTION] : []),
  };
}

export type ExpiringRow = ReturnType<typeof expiringRow>;

/** The expiring rows of a set of lots (stock on hand only) priced by their SKUs' waste entries. */
export function expiringRowsOf(
  lots: readonly Lot[],
  skus: readonly (Pick<SkuSummary, 'waste'> & { sku?: string })[],
  asOf: string,
): ExpiringRow[] {
  // Keyed by lot id and warehouse (and SKU, when the summary names it): one lot number can be
  // stocked on several SKUs and in several warehouses.
  const risk = new Map(skus.flatMap((s) => s.waste.lots.map((l) => [`${s.sku ?? ''}|${l.warehouse}|${l.lotId}`, l] as const)));
  const skuKnown = skus.some((s) => s.sku !== undefined);
  return lots
    .filter((l) => l.quantityOnHand > 0)
    .map((l) => expiringRow(l, risk.get(`${skuKnown ? l.sku : ''}|${l.warehouse}|${l.lotId}`), asOf));
}

/** The expiry windows every reader counts stock in (dashboard, GET /api/expiring `buckets`). */
export const EXPIRY_WINDOWS = ['expired', 'within-30', 'within-60', 'within-90', 'later'] as const satisfies readonly ExpiryWindow[];
export type { ExpiryWindow };

/** Days from `asOf` to expiry: expired (≤ 0), within-30 (1–30), within-60 (31–60), within-90 (61–90), later. */
export function expiryWindowOf(expirationDate: string, asOf: string): ExpiryWindow {
  const days = Math.round((Date.parse(expirationDate) - Date.parse(asOf)) / 86_400_000);
  return days <= 0 ? 'expired' : days <= 30 ? 'within-30' : days <= 60 ? 'within-60' : days <= 90 ? 'within-90' : 'later';
}

export type { ExpiryWindows, WindowTable, WindowTotals };

interface Cents {
  lots: number;
  units: number;
  value: number;
  waste: number;
  risk: number;
  loss: number;
}
const zero = (): Cents => ({ lots: 0, units: 0, value: 0, waste: 0, risk: 0, loss: 0 });
const table = (): Record<ExpiryWindow, Cents> => Object.fromEntries(EXPIRY_WINDOWS.map((w) => [w, zero()])) as Record<ExpiryWindow, Cents>;
const shown = (t: Record<ExpiryWindow, Cents>): WindowTable =>
  Object.fromEntries(
    EXPIRY_WINDOWS.map((w) => [
      w,
      {
        lots: t[w].lots,
        onHandUnits: t[w].units,
        value: t[w].value / 100,
        expectedWasteUnits: Math.round(t[w].waste * 100) / 100,
        valueAtRisk: t[w].risk / 100,
        certainLossValue: t[w].loss / 100,
      },
    ]),
  ) as WindowTable;

/**
 * Every lot with stock on hand (held ones included: they are stock) counted once, in its expiry
 * window, tenant-wide and per warehouse; sums in whole cents, so windows add up exactly. The one
 * computation behind the dashboard's windows and /api/expiring's `buckets`.
 */
export function expiryWindows(rows: readonly ExpiringRow[], asOf: string): ExpiryWindows {
  const all = table();
  const byWarehouse: Record<string, Record<ExpiryWindow, Cents>> = {};
  for (const l of rows) {
    if (l.quantityOnHand <= 0) continue;
    const w = expiryWindowOf(l.expirationDate, asOf);
    const risk = Math.round((l.valueAtRisk ?? 0) * 100);
    for (const t of [all[w], (byWarehouse[l.warehouse] ??= table())[w]]) {
      t.lots += 1;
      t.units += l.quantityOnHand;
      t.value += Math.round(l.quantityOnHand * l.unitCost * 100);
      t.waste += l.expectedWasteUnits ?? 0;
      t.risk += risk;
      if (l.certainLoss) t.loss += risk;
    }
  }
  return {
    all: shown(all),
    byWarehouse: Object.fromEntries(
      Object.keys(byWarehouse)
        .sort()
        .map((w) => [w, shown(byWarehouse[w])]),
    ),
  };
}

/** The windows of one warehouse (all zero when it holds no stock), or of the tenant. */
export const windowsOf = (w: ExpiryWindows | undefined, warehouse?: string): WindowTable =>
  (warehouse ? w?.byWarehouse[warehouse] : w?.all) ?? shown(table());
