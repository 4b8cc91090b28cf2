// ROI from decisions, never from order value (docs/actions.md § ROI). For one ISO week of the
// tenant's calendar (Monday 00:00 to Monday 00:00 in its time zone, tenants.time_zone):
// - waste avoided: executed markdowns, transfers and sales whose lot then sold out before expiry,
//   credited with the plan's expected waste value at decision time, less any of it that still
//   expired or was written off; lots not yet settled are listed as pending and not counted;
// - stock-outs avoided: executed reorders whose purchase order arrived on or before the projected
//   stock-out date, credited with the expected lost sales at decision time;
// - capital freed: cost value of the covered lots' units sold after execution;
// - value written off: executed write-offs;
// - counts by state and decision latency.
import type { Db } from '../data/db';
import type { ActionRow } from '../data/actions.repo';
import {
  actionCountsIn,
  actionsDecidedIn,
  actionsExecutedIn,
  linesOfMovements,
  linesOnLots,
  lotsByIds,
  shipmentsByIds,
} from '../data/roi.repo';
import { tenantTimeZone } from '../data/tenant-time';
import { addDays, isoWeekOf, isoWeekRange } from '../domain/dates';
import type { Text2 } from '../domain/text';

export { isoWeekOf, isoWeekRange };
import { isTimeZone, today as localToday } from '../lib/dates';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Milliseconds the zone's wall clock is ahead of UTC at the instant `at`. */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second')) - Math.floor(at / 1000) * 1000;
}

/**
 * The UTC instant (ISO 8601, "…Z") of 00:00 on `date` in `timeZone` — e.g. 2026-11-30 in
 * Asia/Seoul is 2026-11-29T15:00:00.000Z. An unknown zone counts as UTC. Across a DST change the
 * offset is re-read at the first guess, so the instant lands on the local midnight.
 */
export function zonedMidnight(date: string, timeZone: string): string {
  const wall = Date.parse(`${date}T00:00:00Z`);
  if (!isTimeZone(timeZone) || timeZone === 'UTC') return new Date(wall).toISOString();
  const first = wall - zoneOffsetMs(wall, timeZone);
  return new Date(wall - zoneOffsetMs(first, timeZone)).toISOString();
}

const evidenceOf = (a: ActionRow) => JSON.parse(a.evidence || '{}') as Record<string, number | string | null>;
const outcomeOf = (a: ActionRow) => (a.outcome ? (JSON.parse(a.outcome) as Record<string, string>) : {});

export interface RoiLine {
  actionId: string;
  kind: string;
  sku: string;
  amount: number;
  status: 'counted' | 'pending' | 'missed';
  /** Why the line counts what it does, in English and Korean (ADR 025). */
  detail: string;
  detailKo: string;
}

const detail = (t: Text2) => ({ detail: t.en, detailKo: t.ko });

/**
 * The ROI report of one ISO week of the tenant's calendar (default: the week holding the tenant's
 * today). `from`/`to` are the week's local Monday dates (`to` exclusive; `lastDay` its Sunday, what a printed range ends on); `fromInstant`/`toInstant` the UTC
 * instants every timestamp is compared with. `today` (the tenant's local date) decides which lots
 * count as expired. Money in the tenant's currency at cost.
 */
export async function weeklyRoi(db: Db, tenantId: string, week?: string, today?: string) {
  const timeZone = await tenantTimeZone(db, tenantId);
  today ??= localToday(timeZone);
  week ??= isoWeekOf(today);
  const days = isoWeekRange(week);
  const range = { from: zonedMidnight(days.from, timeZone), to: zonedMidnight(days.to, timeZone) };
  const [executed, decided, counted] = await Promise.all([
    actionsExecutedIn(db, tenantId, range.from, range.to),
    actionsDecidedIn(db, tenantId, range.from, range.to),
    actionCountsIn(db, tenantId, range.from, range.to),
  ]);
  const covering = executed.filter((a) => ['markdown', 'transfer', 'sell'].includes(a.kind) && a.lotId);

  // Transfers cover the lot at the destination: the MOVE's receiving line.
  const moveLines = await linesOfMovements(
    db,
    tenantId,
    covering.filter((a) => a.kind === 'transfer').map((a) => outcomeOf(a).movementId),
  );
  const coveredLot = (a: ActionRow) =>
    a.kind === 'transfer' ? (moveLines.find((l) => l.movementId === outcomeOf(a).movementId && l.delta > 0)?.lotId ?? a.lotId!) : a.lotId!;
  const lotIds = covering.map(coveredLot);
  const [lotRows, lines] = await Promise.all([lotsByIds(db, tenantId, lotIds), linesOnLots(db, tenantId, lotIds)]);

  const waste: RoiLine[] = [];
  const capital: RoiLine[] = [];
  for (const a of covering) {
    const ev = evidenceOf(a);
    const expected = Number(ev.expectedWasteValue ?? 0);
    const lot = lotRows.get(coveredLot(a));
    if (!lot) continue;
    const after = lines.filter((l) => l.lotId === lot.lotId && l.at >= a.executedAt!);
    const sold =
      a.kind === 'sell'
        ? a.quantity
        : -after.filter((l) => l.type === 'OUT' && l.at.slice(0, 10) < lot.expirationDate).reduce((s, l) => s + l.delta, 0);
    const writtenOff = -after.filter((l) => l.type === 'WRITE_OFF').reduce((s, l) => s + l.delta, 0);
    capital.push({
      actionId: a.id,
      kind: a.kind,
      sku: a.sku,
      amount: round2(sold * lot.unitCost),
      status: 'counted',
      ...detail({ en: `${sold} units sold after execution`, ko: `실행 후 ${sold}개 판매` }),
    });
    const expiredLeft = lot.expirationDate <= today ? lot.quantityOnHand : 0;
    const settled = a.kind === 'sell' || lot.quantityOnHand === 0 || lot.expirationDate <= today;
    if (!settled) {
      waste.push({
        actionId: a.id,
        kind: a.kind,
        sku: a.sku,
        amount: 0,
        status: 'pending',
        ...detail({
          en: `lot ${lot.lotId} still holds ${lot.quantityOnHand} units before expiry`,
          ko: `로트 ${lot.lotId}에 유통기한 전 재고 ${lot.quantityOnHand}개가 남아 있음`,
        }),
      });
      continue;
    }
    const lost = a.kind === 'sell' ? 0 : (expiredLeft + writtenOff) * lot.unitCost;
    const amount = round2(Math.max(0, expected - lost));
    waste.push({
      actionId: a.id,
      kind: a.kind,
      sku: a.sku,
      amount,
      status: amount > 0 ? 'counted' : 'missed',
      ...detail({
        en: `expected waste ${round2(expected)} at decision; ${round2(lost)} still expired or written off`,
        ko: `결정 시점 예상 폐기 ${round2(expected)}; 이후 만료 또는 폐기 처리 ${round2(lost)}`,
      }),
    });
  }

  const reorders = executed.filter((a) => a.kind === 'reorder');
  const shipments = await shipmentsByIds(db, tenantId, reorders.map((a) => outcomeOf(a).shipmentId).filter(Boolean));
  const stockouts: RoiLine[] = reorders.map((a) => {
    const ev = evidenceOf(a);
    const s = shipments.get(outcomeOf(a).shipmentId);
    const projected = (ev.projectedStockoutDate as string | null) ?? null;
    const arrived = s && (s.status === 'arrived' || s.quantityReceived > 0) ? s.updatedAt.slice(0, 10) : null;
    const base = { actionId: a.id, kind: a.kind, sku: a.sku };
    if (!projected)
      return {
        ...base,
        amount: 0,
        status: 'missed' as const,
        ...detail({ en: 'no stock-out was projected at decision time', ko: '결정 시점에 예상된 품절 없음' }),
      };
    if (!arrived)
      return {
        ...base,
        amount: 0,
        status: 'pending' as const,
        ...detail({ en: `not arrived yet; stock-out projected ${projected}`, ko: `아직 입고 전; 예상 품절일 ${projected}` }),
      };
    if (arrived > projected)
      return {
        ...base,
        amount: 0,
        status: 'missed' as const,
        ...detail({
          en: `arrived ${arrived}, after the projected stock-out ${projected}`,
          ko: `${arrived} 입고, 예상 품절일 ${projected} 이후`,
        }),
      };
    return {
      ...base,
      amount: round2(Number(ev.expectedLostSales ?? 0)),
      status: 'counted' as const,
      ...detail({
        en: `arrived ${arrived}, before the projected stock-out ${projected}`,
        ko: `${arrived} 입고, 예상 품절일 ${projected} 이전`,
      }),
    };
  });

  const writeOffs: RoiLine[] = executed
    .filter((a) => a.kind === 'write_off')
    .map((a) => ({
      actionId: a.id,
      kind: a.kind,
      sku: a.sku,
      amount: a.value,
      status: 'counted' as const,
      ...detail({ en: `${a.quantity} units written off`, ko: `${a.quantity}개 폐기 처리` }),
    }));

  const hours = decided.map((a) => (Date.parse(a.decidedAt!) - Date.parse(a.createdAt)) / 3_600_000).sort((x, y) => x - y);
  const figure = (items: RoiLine[]) => ({
    value: round2(items.filter((i) => i.status === 'counted').reduce((s, i) => s + i.amount, 0)),
    actions: items,
  });
  return {
    week,
    timeZone,
    from: days.from,
    to: days.to,
    lastDay: addDays(days.to, -1),
    fromInstant: range.from,
    toInstant: range.to,
    wasteAvoided: figure(waste),
    stockoutsAvoided: figure(stockouts),
    capitalFreed: figure(capital),
    valueWrittenOff: figure(writeOffs),
    counts: {
      proposed: counted.proposed,
      approved: decided.filter((a) => a.state !== 'dismissed').length,
      dismissed: decided.filter((a) => a.state === 'dismissed').length,
      executed: executed.length,
      expired: counted.expired,
    },
    decisionLatencyHours: {
      decisions: hours.length,
      median: hours.length ? round2((hours[Math.floor((hours.length - 1) / 2)] + hours[Math.floor(hours.length / 2)]) / 2) : null,
      mean: hours.length ? round2(hours.reduce((s, h) => s + h, 0) / hours.length) : null,
    },
  };
}
