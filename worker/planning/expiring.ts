// One row of the expiring-stock view: a lot with stock, priced by the plan's waste simulation, or
// as a certain loss (expired, or too short-dated for the SKU's buyers). Held lots (quarantine,
// hold) are not priced until released.
import { LOT_STATUS_KO, reasonOf } from '../domain/text';
import type { Lot } from '../domain/types';
import type { SkuSummary } from '../data/plan.store';

type LotRisk = SkuSummary['waste']['lots'][number];

/** The lot as the expiring view lists it on the plan's day `asOf`; `risk` is its waste entry, if priced. */
export function expiringRow(l: Lot, risk: LotRisk | undefined, asOf: string) {
  const expired = l.expirationDate <= asOf;
  const certain = risk?.certainLoss ?? expired;
  return {
    ...l,
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
    options: risk?.options ?? (expired ? [{ action: 'write-off', detail: 'write the lot off (dispose or donate)' }] : []),
  };
}

export type ExpiringRow = ReturnType<typeof expiringRow>;

/** The expiring rows of a set of lots (stock on hand only) priced by their SKUs' waste entries. */
export function expiringRowsOf(lots: readonly Lot[], skus: readonly Pick<SkuSummary, 'waste'>[], asOf: string): ExpiringRow[] {
  const risk = new Map(skus.flatMap((s) => s.waste.lots.map((l) => [`${l.warehouse}|${l.lotId}`, l] as const)));
  return lots.filter((l) => l.quantityOnHand > 0).map((l) => expiringRow(l, risk.get(`${l.warehouse}|${l.lotId}`), asOf));
}
