// One answerer per intent. Each reads a predefined, tenant-scoped view through the same
// functions the API routes use, keeps at most ROW_LIMIT rows, and cites the records it shows.
import type { Env } from '../lib/env';
import { ProblemError } from '../lib/problem';
import type { Db } from '../data/db';
import { listActions, openInbound, productMoney, type ActionKind } from '../data/ask.repo';
import { tenantTimeZone } from '../data/tenant-time';
import { addDays, daysBetween } from '../domain/dates';
import { CONFIDENCE_KO, modelName, textIn } from '../domain/text';
import { today as localToday } from '../lib/dates';
import { isoWeekOf, weeklyRoi, type RoiLine } from '../actions/roi';
import { insightRows } from '../planning/lists';
import {
  expiringLots,
  fefoFor,
  overdueForPlan,
  planFor,
  reorderRows,
  skuPlanFor,
  stockoutRows,
  type PlanView,
  type StockoutRow,
} from '../planning/views';
import { ACTIONS_SCOPE, isolateCache } from '../lib/isolate-cache';
import type { Catalog } from './entities';
import { josa } from '../lib/josa';
import { ACTION_KIND_KO } from '../domain/code-words';
import type { Intent } from './intents';
import type { AskLang, Parameters } from './match';
import { within, type AmountKind, type Bound } from './amounts';

export const ROW_LIMIT = 20;

// What answers read from D1 is kept per isolate for a moment, like the plan snapshot itself
// (lib/isolate-cache.ts): planners ask the same things at once ("what expires", "what awaits
// approval"), and each read is a D1 round trip. A change committed through this isolate forgets
// the tenant's entries at once (recordChange; action decisions forget the `actions` scope), so
// an answer is at most this old only for changes made through another isolate.
/** How long Ask reuses a read of live records (lots, actions, ROI), in ms. */
export const ASK_LIVE_READ_TTL_MS = 2_000;
const fefoReads = isolateCache<Awaited<ReturnType<typeof fefoFor>>>({ ttlMs: ASK_LIVE_READ_TTL_MS, max: 2_000 });
const expiringReads = isolateCache<Awaited<ReturnType<typeof expiringLots>>>({ ttlMs: ASK_LIVE_READ_TTL_MS, max: 500 });
const actionReads = isolateCache<Awaited<ReturnType<typeof listActions>>>({ ttlMs: ASK_LIVE_READ_TTL_MS, max: 500, scope: ACTIONS_SCOPE });
const roiReads = isolateCache<Awaited<ReturnType<typeof weeklyRoi>>>({ ttlMs: ASK_LIVE_READ_TTL_MS, max: 500, scope: ACTIONS_SCOPE });
// A SKU's plan detail belongs to one snapshot: kept as long as the snapshot itself is (5 s).
const skuPlanReads = isolateCache<Awaited<ReturnType<typeof skuPlanFor>>>({ ttlMs: 5_000, max: 2_000 });
const skuPlanOf = (ctx: AnswerContext, sku: string) => skuPlanReads.get(ctx.tenantId, sku, () => skuPlanFor(ctx.env, ctx.tenantId, sku));

export interface Citation {
  type: 'sku' | 'lot' | 'customer' | 'warehouse' | 'action' | 'view' | 'snapshot';
  id: string;
  label?: string;
}

export interface Column {
  key: string;
  label: string;
}

export interface ViewAnswer {
  answer: string;
  rows: Record<string, unknown>[];
  columns: Column[];
  citations: Citation[];
  /** The deterministic explanation: what the numbers are and where they come from. */
  explanation: string;
  totalRows: number;
}

export interface AnswerContext {
  env: Env;
  db: Db;
  tenantId: string;
  catalog: Catalog & { currency: string };
  p: Parameters;
  /** The language of the answer's sentences, labels and the engine's reasons quoted in them and in the rows' reason columns. */
  lang: AskLang;
}

const cols = (spec: string): Column[] =>
  spec.split(',').map((pair) => {
    const [key, label] = pair.split(':');
    return { key: key.trim(), label: (label ?? key).trim() };
  });
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const pct = (p: number) => `${Math.round(p * 100)}%`;
// One formatter for every answer (toLocaleString builds one per call).
const wholeUnits = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const units = (n: number, lang: AskLang = 'en') => `${wholeUnits.format(Math.round(n))}${lang === 'ko' ? '개' : ' units'}`;

// One formatter per currency: building an Intl.NumberFormat costs far more than formatting with it.
const currencyFormats = new Map<string, Intl.NumberFormat | null>();
function money(ctx: AnswerContext, n: number) {
  const currency = ctx.catalog.currency;
  let f = currencyFormats.get(currency);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    } catch {
      f = null; // not an ISO 4217 code Intl knows
    }
    if (currencyFormats.size < 500) currencyFormats.set(currency, f);
  }
  return f ? f.format(n) : `${n.toFixed(2)} ${currency}`;
}

/**
 * Stock statuses, forecast confidence levels and demand classes as a Korean sentence says them. Critical
 * is 위급, never 위험: 위험 is "at risk" (위험 금액, 위험 자본), said beside the status in the same answers.
 */
export const STATUS_KO: Record<string, string> = { critical: '위급', warning: '주의', healthy: '양호' };
const DEMAND_KO: Record<string, string> = {
  smooth: '안정',
  erratic: '변동',
  intermittent: '간헐',
  lumpy: '불규칙',
  'no-demand': '수요 없음',
};
const statusWord = (status: string, lang: AskLang) => (lang === 'ko' ? (STATUS_KO[status] ?? status) : status);
/** A confidence note without the level it already starts with ("medium: 2.0 years …" → "2.0 years …"). */
const noteWithoutLevel = (level: string, note: string) => (note.startsWith(`${level}: `) ? note.slice(level.length + 2) : note);

/** A bound as words: "more than $500.00", "at least 1,000 units"; in Korean "$500.00 초과", "1,000개 이상". */
function boundWords(ctx: AnswerContext, b: Bound, kind: AmountKind): { en: string; ko: string } {
  const n = 'min' in b ? b.min : b.max;
  const [en, ko] = kind === 'value' ? [money(ctx, n), money(ctx, n)] : [units(n), units(n, 'ko')];
  const side =
    'min' in b ? (b.inclusive ? ['at least', '이상'] : ['more than', '초과']) : b.inclusive ? ['at most', '이하'] : ['less than', '미만'];
  return { en: `${side[0]} ${en}`, ko: `${ko} ${side[1]}` };
}

/** What an answer compares a question's bound with, per kind: the figure of a row and its name. */
type Measures<T> = Record<AmountKind, { of: (row: T) => number; en: string; ko: string }>;

interface AmountFilter<T> {
  kind: AmountKind;
  keep: (row: T) => boolean;
  /** The bound as words (see boundWords). */
  words: { en: string; ko: string };
  /** The explanation's sentence naming what was compared, with a leading space. */
  note: string;
}

/** The question's amount or quantity bound on this answer's figure (null when it named none). */
function amountFilter<T>(ctx: AnswerContext, m: Measures<T>): AmountFilter<T> | null {
  const kind: AmountKind | null = ctx.p.value ? 'value' : ctx.p.quantity ? 'quantity' : null;
  if (!kind) return null;
  const b = ctx.p[kind]!;
  const words = boundWords(ctx, b, kind);
  return {
    kind,
    keep: (row) => within(m[kind].of(row), b, kind),
    words,
    note:
      ctx.lang === 'ko'
        ? ` 질문의 조건에 따라 ${josa(m[kind].ko, '이/가')} ${words.ko}인 것만 셉니다.`
        : ` Filter from the question: ${m[kind].en} ${words.en} (only those are counted).`,
  };
}

/** Unit cost and price per SKU, read only when a question's bound is on money. */
const moneyOf = async (ctx: AnswerContext) => (ctx.p.value ? productMoney(ctx.db, ctx.tenantId) : new Map<string, never>());
const costOf = (m: Map<string, { unitCost: number }>, sku: string) => m.get(sku)?.unitCost ?? 0;
const priceOf = (m: Map<string, { unitPrice: number }>, sku: string) => m.get(sku)?.unitPrice ?? 0;

const productName = (ctx: AnswerContext, sku: string) => ctx.catalog.products.find((p) => p.sku === sku)?.name ?? sku;
const customerName = (ctx: AnswerContext, id: string) => ctx.catalog.customers.find((c) => c.customerId === id)?.name ?? id;
const snapshot = (p: PlanView): Citation[] => [
  { type: 'view', id: 'plan', label: `plan as of ${p.asOf}` },
  { type: 'snapshot', id: String(p.version), label: `built ${p.builtAt}` },
];
const skuCite = (ctx: AnswerContext, sku: string): Citation => ({ type: 'sku', id: sku, label: productName(ctx, sku) });
const view = (path: string): Citation => ({ type: 'view', id: path });

async function fefo(ctx: AnswerContext): Promise<ViewAnswer> {
  const sku = ctx.p.sku!;
  const customer = ctx.p.customerId ? ctx.catalog.customers.find((c) => c.customerId === ctx.p.customerId) : undefined;
  const rule = customer?.minRemainingShelfLifeDays ?? undefined;
  const q = { sku, warehouse: ctx.p.warehouse, minRemainingDays: rule };
  const r = await fefoReads.get(ctx.tenantId, JSON.stringify(q), () => fefoFor(ctx.db, ctx.tenantId, q));
  const rows = r.ranked.slice(0, ROW_LIMIT).map((l) => ({
    rank: l.rank,
    lotId: l.lotId,
    warehouse: l.warehouse,
    quantityOnHand: l.quantityOnHand,
    expirationDate: l.expirationDate,
    daysToExpiry: l.daysToExpiry,
    reason: textIn(ctx.lang, l, 'reason'),
  }));
  const where = ctx.p.warehouse ? ` in ${ctx.p.warehouse}` : '';
  const forWhom = customer ? ` for ${customer.name} (needs ${r.minRemainingDays} days of shelf life left)` : '';
  const first = rows[0];
  const ko = ctx.lang === 'ko';
  const whereKo = ctx.p.warehouse ? `${ctx.p.warehouse} 창고의 ` : '';
  const forWhomKo = customer ? ` (${customer.name}용, 남은 유통기한 ${r.minRemainingDays}일 이상 필요)` : '';
  const answer = ko
    ? first
      ? `${whereKo}${sku} (${productName(ctx, sku)})${forWhomKo}: 로트 ${first.lotId}부터 출고하세요. ${first.warehouse}에 ${units(first.quantityOnHand, 'ko')}, 유통기한 ${first.expirationDate}. 판매 가능한 로트 ${r.ranked.length}개(${units(r.sellableUnits, 'ko')}), 제외 ${r.skipped.length}개.`
      : `${whereKo}${sku}${forWhomKo}에는 출고할 수 있는 로트가 없습니다: 로트 ${r.skipped.length}개 제외(만료, 보류 또는 남은 유통기한 부족).`
    : first
      ? `Ship ${sku} (${productName(ctx, sku)})${where}${forWhom} from lot ${first.lotId} first: ${units(first.quantityOnHand)} in ${first.warehouse}, expiring ${first.expirationDate}. ${r.ranked.length} lot(s) are sellable (${units(r.sellableUnits)}); ${r.skipped.length} skipped.`
      : `No lot of ${sku}${where} can ship${forWhom}: ${r.skipped.length} lot(s) skipped (expired, on hold or too short-dated).`;
  const skipped = r.skipped.slice(0, 3).map((s) => `${s.lotId}: ${textIn(ctx.lang, s, 'reason')}`);
  return {
    answer,
    rows,
    columns: cols(
      'rank:Rank,lotId:Lot,warehouse:Warehouse,quantityOnHand:On hand (units),expirationDate:Expires,daysToExpiry:Days left,reason:Why',
    ),
    citations: [
      skuCite(ctx, sku),
      ...rows.map((l): Citation => ({ type: 'lot', id: l.lotId })),
      ...(customer ? [{ type: 'customer', id: customer.customerId, label: customer.name } as Citation] : []),
      view(
        `/api/fefo?sku=${encodeURIComponent(sku)}${ctx.p.warehouse ? `&warehouse=${ctx.p.warehouse}` : ''}&minRemainingDays=${r.minRemainingDays}`,
      ),
    ],
    explanation: ko
      ? `FEFO(유통기한이 빠른 것부터 출고): 판매 가능한 로트를 유통기한, 그다음 입고일 순으로 정렬하고, 만료·격리·보류 로트와 남은 유통기한이 ${r.minRemainingDays}일 미만인 로트는 제외합니다(${customer ? `${customer.name}의 규칙` : '제품의 규칙'}).${skipped.length ? ` 제외: ${skipped.join('; ')}.` : ''}`
      : `First expired, first out: sellable lots ranked by expiration date, then receipt date, skipping expired, quarantined or held lots and lots with fewer than ${r.minRemainingDays} days left${customer ? ` (${customer.name}'s rule)` : " (the product's rule)"}.${skipped.length ? ` Skipped: ${skipped.join('; ')}.` : ''}`,
    totalRows: r.ranked.length,
  };
}

async function expiring(ctx: AnswerContext): Promise<ViewAnswer> {
  const plan = await planFor(ctx.env, ctx.tenantId);
  // "What expired already?" reads the lots expired on or before today (still on hand: not written off).
  const expiredOnly = ctx.p.expired === true;
  const days = expiredOnly ? 0 : ctx.p.days!;
  const q = { days, warehouse: ctx.p.warehouse };
  const read = await expiringReads.get(ctx.tenantId, `${plan.version}|${days}|${q.warehouse ?? ''}`, () =>
    expiringLots(ctx.db, ctx.tenantId, plan, q),
  );
  // "worth more than 500", "100개 이상": a lot's value at cost, or its units.
  const f = amountFilter<(typeof read.lots)[number]>(ctx, {
    value: { of: (l) => l.quantityOnHand * l.unitCost, en: 'value at cost', ko: '원가 금액' },
    quantity: { of: (l) => l.quantityOnHand, en: 'units on hand', ko: '수량' },
  });
  const inScope = read.lots.filter((l) => (!ctx.p.sku || l.sku === ctx.p.sku) && (!f || f.keep(l)));
  // Stock that expired already is not stock "expiring within" a window: counted and listed apart.
  const expired = inScope.filter((l) => l.expired);
  const upcoming = inScope.filter((l) => !l.expired);
  const sum = (ls: typeof inScope) =>
    ls.reduce(
      (t, l) => ({
        units: t.units + l.quantityOnHand,
        value: t.value + l.quantityOnHand * l.unitCost,
        risk: t.risk + (l.valueAtRisk ?? 0),
      }),
      { units: 0, value: 0, risk: 0 },
    );
  const soon = sum(upcoming);
  const gone = sum(expired);
  const all = expiredOnly ? expired : [...upcoming, ...expired];
  const rows = all.slice(0, ROW_LIMIT).map((l) => ({
    lotId: l.lotId,
    sku: l.sku,
    warehouse: l.warehouse,
    quantityOnHand: l.quantityOnHand,
    expirationDate: l.expirationDate,
    expired: l.expired,
    value: round(l.quantityOnHand * l.unitCost),
    valueAtRisk: l.valueAtRisk === null ? null : round(l.valueAtRisk),
    probabilityOfWaste: l.probabilityOfWaste === null ? null : round(l.probabilityOfWaste, 3),
  }));
  const filterEn = !f ? '' : f.kind === 'value' ? ` worth ${f.words.en} at cost` : ` holding ${f.words.en}`;
  const filterKo = !f ? '' : `${f.kind === 'value' ? '원가 금액이' : '수량이'} ${f.words.ko}인 `;
  const scope = [ctx.p.sku && ` of ${ctx.p.sku}`, ctx.p.warehouse && ` in ${ctx.p.warehouse}`, filterEn].filter(Boolean).join('');
  const scopeKo = [ctx.p.warehouse && `${ctx.p.warehouse} 창고`, ctx.p.sku].filter(Boolean).join(' ');
  const pre = scopeKo ? `${scopeKo}: ` : '';
  const ko = ctx.lang === 'ko';
  const expiredEn = `${expired.length} lot(s)${scope} already expired and not written off: ${units(gone.units)} worth ${money(ctx, gone.value)} at cost`;
  const expiredKo = `이미 만료되었지만 폐기 처리되지 않은 ${filterKo}로트 ${expired.length}개, ${units(gone.units, 'ko')}, 원가 ${money(ctx, gone.value)}`;
  const answer = expiredOnly
    ? ko
      ? expired.length
        ? `${pre}${expiredKo}.`
        : `${pre}이미 만료되었는데 재고로 남은 ${filterKo}로트가 없습니다.`
      : expired.length
        ? `${expiredEn}.`
        : `No lot${scope} has expired and is still on hand.`
    : ko
      ? `${pre}${
          upcoming.length
            ? `${days}일 안에 유통기한이 끝나는 ${filterKo}로트 ${upcoming.length}개, ${units(soon.units, 'ko')}, 원가 ${money(ctx, soon.value)}. 그중 ${josa(money(ctx, soon.risk), '은/는')} 팔리지 않을 것으로 예상됩니다.`
            : `${days}일 안에 유통기한이 끝나는 ${filterKo}로트가 없습니다.`
        }${expired.length ? ` 별도로 ${expiredKo}.` : ''}`
      : `${
          upcoming.length
            ? `${upcoming.length} lot(s)${scope} expire within ${days} days: ${units(soon.units)} worth ${money(ctx, soon.value)} at cost, of which ${money(ctx, soon.risk)} is expected to go unsold.`
            : `No lot${scope} expires within ${days} days.`
        }${expired.length ? ` Besides, ${expiredEn}.` : ''}`;
  const until = addDays(plan.asOf, days);
  return {
    answer,
    rows,
    columns: cols(
      'lotId:Lot,sku:SKU,warehouse:Warehouse,quantityOnHand:On hand (units),expirationDate:Expires,expired:Expired,value:Value at cost,valueAtRisk:Value at risk,probabilityOfWaste:P(waste)',
    ),
    citations: [
      ...snapshot(plan),
      view(`/api/expiring?days=${expiredOnly ? 1 : days}${ctx.p.warehouse ? `&warehouse=${ctx.p.warehouse}` : ''}`),
      ...(ctx.p.sku ? [skuCite(ctx, ctx.p.sku)] : []),
      ...rows.map((l): Citation => ({ type: 'lot', id: l.lotId, label: l.sku })),
    ],
    explanation: (expiredOnly
      ? ko
        ? `재고가 남아 있고 유통기한이 ${plan.asOf} 이전인(이미 만료된) 로트, 오래된 순. 폐기 처리하면 재고에서 빠집니다. 전부 확정 손실입니다.`
        : `Lots still on hand whose expiration date is on or before ${plan.asOf} (already expired), oldest first: a write-off takes them out of stock. All of it is a certain loss.`
      : ko
        ? `재고가 있고 유통기한이 ${addDays(plan.asOf, 1)}부터 ${until} 사이인 로트를 가까운 순으로 먼저, 이미 만료된 로트는 따로 셉니다(표에서는 그 뒤). 위험 금액은 계획의 시뮬레이션에서 팔리지 않고 만료될 것으로 예상되는 수량의 원가입니다(이미 만료된 로트는 전부).`
        : `Lots with stock expiring from ${addDays(plan.asOf, 1)} to ${until}, soonest first; lots already expired are counted apart (listed after them). Value at risk is the plan's simulated value of units expected to expire unsold (all of an expired lot).`
    ).concat(f?.note ?? ''),
    totalRows: all.length,
  };
}

async function stockouts(ctx: AnswerContext): Promise<ViewAnswer> {
  const plan = await planFor(ctx.env, ctx.tenantId);
  const days = ctx.p.days!;
  const wh = ctx.p.warehouse;
  // In one warehouse: the SKUs that run out there, with that warehouse's date, risk, stock and order.
  type Row = Omit<StockoutRow, 'inboundUnits' | 'nextArrivalDate'> & {
    inboundUnits?: number;
    nextArrivalDate?: string | null;
    warehouse?: string;
  };
  let all = stockoutRows(plan, days)
    .filter((s) => !ctx.p.sku || s.sku === ctx.p.sku)
    .flatMap((s): Row[] => {
      if (!wh) return [s];
      const w = s.warehouses.find((x) => x.warehouse === wh);
      return w ? [{ ...s, ...w, inboundUnits: undefined, nextArrivalDate: undefined }] : [];
    })
    .sort((a, b) => (a.projectedStockoutDate ?? '').localeCompare(b.projectedStockoutDate ?? '') || a.sku.localeCompare(b.sku));
  // "with fewer than 50 units on hand", "재고 50개 미만": the usable stock (in the warehouse asked about), or its value at cost.
  const prices = await moneyOf(ctx);
  const f = amountFilter<Row>(ctx, {
    value: { of: (s) => s.usableOnHand * costOf(prices, s.sku), en: 'usable stock at cost', ko: '사용 가능 재고의 원가' },
    quantity: { of: (s) => s.usableOnHand, en: 'usable stock', ko: '사용 가능 재고' },
  });
  if (f) all = all.filter(f.keep);
  const rows = all.slice(0, ROW_LIMIT).map((s) => ({ ...s, stockoutProbability: round(s.stockoutProbability, 3) }));
  const sku = ctx.p.sku;
  const filterEn = !f ? '' : f.kind === 'value' ? ` with usable stock worth ${f.words.en} at cost` : ` with ${f.words.en} usable on hand`;
  const filterKo = !f ? '' : `${f.kind === 'value' ? '사용 가능 재고의 원가가' : '사용 가능 재고가'} ${f.words.ko}인 `;
  const inWh = wh ? ` in ${wh}` : '';
  const inWhKo = wh ? `${wh}에서 ` : '';
  const onePlan = sku ? plan.skus.find((s) => s.sku === sku) : undefined;
  const ko = ctx.lang === 'ko';
  const answer = ko
    ? sku
      ? all.length
        ? `${josa(`${sku} (${productName(ctx, sku)})`, '은/는')} 새 주문이 없으면 ${inWhKo}${all[0].projectedStockoutDate}에 품절될 것으로 예상됩니다.`
        : `${josa(`${sku} (${productName(ctx, sku)})`, '은/는')} ${inWhKo}${days}일 안에 품절되지 않을 것으로 예상됩니다${onePlan?.reorder.projectedStockoutDate ? ` (예상 품절일 ${onePlan.reorder.projectedStockoutDate})` : ''}${f ? `(조건: ${filterKo.trim().replace(/인$/, '')})` : ''}.`
      : all.length
        ? `${inWhKo}${filterKo}SKU ${all.length}개가 ${days}일 안에 품절될 것으로 예상됩니다. 가장 먼저 ${all[0].sku}, ${all[0].projectedStockoutDate}${!wh && all[0].runsOutIn ? `(${all[0].runsOutIn})` : ''}.`
        : `${inWhKo}${days}일 안에 품절이 예상되는 ${filterKo}SKU가 없습니다.`
    : sku
      ? all.length
        ? `${sku} (${productName(ctx, sku)}) is projected to run out${inWh} on ${all[0].projectedStockoutDate} without a new order.`
        : `${sku} (${productName(ctx, sku)}) is not projected to run out${inWh} within ${days} days${filterEn}${onePlan?.reorder.projectedStockoutDate ? ` (projected ${onePlan.reorder.projectedStockoutDate})` : ''}.`
      : all.length
        ? `${all.length} SKU(s)${filterEn} are projected to run out${inWh} within ${days} days; first ${all[0].sku} on ${all[0].projectedStockoutDate}${!wh && all[0].runsOutIn ? ` in ${all[0].runsOutIn}` : ''}.`
        : `No SKU${filterEn} is projected to run out${inWh} within ${days} days.`;
  return {
    answer,
    rows,
    columns: cols(
      'sku:SKU,name:Product,status:Status,projectedStockoutDate:Runs out,stockoutProbability:P(stock-out),usableOnHand:Usable on hand,inboundUnits:Inbound,nextArrivalDate:Next arrival,recommendedOrder:Order now',
    ),
    citations: [
      ...snapshot(plan),
      view(`/api/stockouts?days=${days}`),
      ...rows.map((s): Citation => ({ type: 'sku', id: s.sku, label: s.name })),
    ],
    explanation: (ko
      ? `예상 품절일(새 주문 없이 사용 가능 재고와 입고 예정을 예측 수요와 비교)이 ${addDays(plan.asOf, days)} 이전인 SKU, 가까운 순.`
      : `SKUs whose projected stock-out date (usable stock and inbound against the forecast, without a new order) falls on or before ${addDays(plan.asOf, days)}, soonest first.`
    ).concat(f?.note ?? ''),
    totalRows: all.length,
  };
}

async function reorders(ctx: AnswerContext): Promise<ViewAnswer> {
  const plan = await planFor(ctx.env, ctx.tenantId);
  const wh = ctx.p.warehouse;
  // "over $1,000", "500 units or more": the order's value at the product's cost, or its units. With
  // either bound the total is of the orders listed, at cost, so the costs are read for both.
  const prices = ctx.p.value || ctx.p.quantity ? await productMoney(ctx.db, ctx.tenantId) : new Map<string, never>();
  type Row = ReturnType<typeof reorderRows>[number];
  const f = amountFilter<Row>(ctx, {
    value: { of: (r) => r.quantity * costOf(prices, r.sku), en: 'order value at cost', ko: '주문 금액(원가)' },
    quantity: { of: (r) => r.quantity, en: 'order quantity', ko: '주문 수량' },
  });
  const all = reorderRows(plan, { action: ctx.p.sku ? 'all' : 'order', warehouse: wh }).filter(
    (r) => (!ctx.p.sku || r.sku === ctx.p.sku) && (!f || f.keep(r)),
  );
  // The plan's total counts every order.
  const orderValue = f ? all.reduce((t, r) => t + r.quantity * costOf(prices, r.sku), 0) : plan.totals.orderValue;
  const filterEn = !f ? '' : f.kind === 'value' ? ` with an order worth ${f.words.en} at cost` : ` with an order of ${f.words.en}`;
  const filterKo = !f ? '' : `${f.kind === 'value' ? '주문 금액(원가)이' : '주문 수량이'} ${f.words.ko}인 `;
  const rows = all.slice(0, ROW_LIMIT).map((r) => ({
    sku: r.sku,
    name: r.name,
    ...(wh ? { warehouse: wh } : {}),
    action: r.action,
    quantity: r.quantity,
    ...(f?.kind === 'value' ? { value: round(r.quantity * costOf(prices, r.sku)) } : {}),
    cases: r.cases,
    projectedStockoutDate: r.projectedStockoutDate,
    stockoutProbability: round(r.stockoutProbability, 3),
    explanation: textIn(ctx.lang, r, 'explanation'),
  }));
  const ko = ctx.lang === 'ko';
  const answer = ko
    ? ctx.p.sku
      ? all.length
        ? `${ctx.p.sku}: ${all[0].action === 'order' ? `${units(all[0].quantity, 'ko')} 주문(${all[0].cases}케이스)` : all[0].action === 'do-not-order' ? '주문하지 마세요' : '지금은 주문할 필요가 없습니다'}. ${textIn('ko', all[0], 'explanation')}`
        : `${ctx.p.sku}에 대한 오늘 계획의 권고가 없습니다${f ? `(조건: ${filterKo.trim().replace(/인$/, '')})` : ''}.`
      : all.length
        ? `이번 주 ${wh ? `${wh} 창고에 ` : ''}${filterKo}SKU ${all.length}개를 주문하세요${wh && !f ? '' : `(합계 ${money(ctx, orderValue)})`}. 가장 급한 것은 ${all[0].sku}: ${units(all[0].quantity, 'ko')}.`
        : f
          ? `이번 주 ${filterKo}주문이 없습니다.`
          : '이번 주 주문할 것이 없습니다: 모든 SKU가 리드타임과 검토 주기를 충당합니다.'
    : ctx.p.sku
      ? all.length
        ? `${ctx.p.sku}: ${all[0].action === 'order' ? `order ${units(all[0].quantity)} (${all[0].cases} cases)` : all[0].action === 'do-not-order' ? 'do not order' : 'no order needed now'}. ${all[0].explanation}`
        : `${ctx.p.sku} has no recommendation${filterEn} in today's plan.`
      : all.length
        ? `Order ${all.length} SKU(s)${wh ? ` for ${wh}` : ''}${filterEn} this week${wh && !f ? '' : ` (${money(ctx, orderValue)} in total)`}; most urgent ${all[0].sku}: ${units(all[0].quantity)}.`
        : f
          ? `No SKU needs an order${filterEn} this week.`
          : 'Nothing needs ordering this week: every SKU covers its lead time and review period.';
  return {
    answer,
    rows,
    columns: cols(
      `sku:SKU,name:Product,${wh ? 'warehouse:Warehouse,' : ''}action:Action,quantity:Order (units),${f?.kind === 'value' ? 'value:Order value at cost,' : ''}cases:Cases,projectedStockoutDate:Runs out,stockoutProbability:P(stock-out),explanation:Why`,
    ),
    citations: [
      ...snapshot(plan),
      view(wh ? `/api/reorders?warehouse=${wh}` : '/api/reorders'),
      ...rows.map((r): Citation => ({ type: 'sku', id: r.sku, label: r.name ?? r.sku })),
    ],
    explanation: `${
      ko
        ? '오늘 계획의 정기 검토 권고, 급한 순: 리드타임과 검토 주기 동안의 예측 수요에 안전 재고를 더한 양까지 주문하되, 유통기한 안에 팔 수 있는 양으로 제한하고 케이스와 최소 주문 수량(MOQ)에 맞춰 올립니다.'
        : "Periodic-review recommendations from today's plan, most urgent first: order up to lead time plus review period of forecast demand and safety stock, capped by what can sell before expiry, rounded to case pack and MOQ."
    }${f?.note ?? ''} ${rows
      .slice(0, 3)
      .map((r) => `${r.sku}: ${r.explanation}`)
      .join(' ')}`.trim(),
    totalRows: all.length,
  };
}

const actionColumns = cols(
  'id:Action,kind:Kind,sku:SKU,lotId:Lot,quantity:Quantity,value:Value,reason:Why,proposedBy:Proposed by,createdAt:Proposed at',
);

async function proposed(ctx: AnswerContext, kinds: ActionKind[] | undefined, what: { en: string; ko: string }): Promise<ViewAnswer> {
  // "over $5,000" / "5,000달러 이상" / "of more than 100 units": only actions within that value or quantity.
  const { value, quantity } = ctx.p;
  const key = (b: Bound | undefined) =>
    !b ? '' : 'min' in b ? `${b.inclusive ? '>=' : '>'}${b.min}` : `${b.inclusive ? '<=' : '<'}${b.max}`;
  const r = await actionReads.get(ctx.tenantId, `${kinds?.join(',') ?? ''}|${key(value)}|${key(quantity)}`, () =>
    listActions(ctx.db, ctx.tenantId, { state: 'proposed', kinds, limit: ROW_LIMIT, value, quantity }),
  );
  const ko = ctx.lang === 'ko';
  const rows = r.rows.map((a) => ({
    id: a.id,
    kind: a.kind,
    sku: a.sku,
    lotId: a.lotId,
    quantity: a.quantity,
    value: round(a.value),
    reason: textIn(ctx.lang, a, 'reason'),
    proposedBy: a.proposedBy,
    createdAt: a.createdAt,
  }));
  const v = value && boundWords(ctx, value, 'value');
  const q = quantity && boundWords(ctx, quantity, 'quantity');
  const worth = v ? ` worth ${v.en}` : q ? ` of ${q.en}` : '';
  const worthKo = v ? `금액이 ${v.ko}인 ` : q ? `수량이 ${q.ko}인 ` : '';
  const kindsKo = kinds?.map((k) => ACTION_KIND_KO[k] ?? k).join(', ');
  return {
    answer: ko
      ? r.total
        ? `승인을 기다리는 ${worthKo}${what.ko} ${r.total}건, 금액 ${money(ctx, r.value)}.`
        : `승인을 기다리는 ${worthKo}${josa(what.ko, '이/가')} 없습니다.`
      : r.total
        ? `${r.total} ${what.en}${worth} await approval, worth ${money(ctx, r.value)}${value || quantity ? ' in all' : ''}.`
        : `No ${what.en}${worth} await approval.`,
    rows,
    columns: actionColumns,
    citations: [
      view(`/api/actions?status=proposed${kinds ? `&kind=${kinds.join(',')}` : ''}`),
      ...rows.map((a): Citation => ({ type: 'action', id: a.id, label: `${a.kind} ${a.sku}` })),
    ],
    explanation: ko
      ? `승인 대기열에서 상태가 "제안됨"인 조치${v ? `(금액 ${v.ko})` : q ? `(수량 ${q.ko})` : ''}, 최신순${kindsKo ? `, 종류: ${kindsKo}` : ''}. 승인자가 하나씩 결정하며, 승인된 조치가 실행되기 전까지 재고는 바뀌지 않습니다.`
      : `Actions in the approval queue in state "proposed"${worth}, newest first${kinds ? `, of kind ${kinds.join(' or ')}` : ''}. An approver decides each; nothing changes stock until an approved action is executed.`,
    totalRows: r.total,
  };
}

/** What a customer's buying is measured by: units of the last 365 days, or those units at the SKU's list price. */
const yearlyBuying = <T extends { units: number }>(
  prices: Map<string, { unitPrice: number }>,
  sku: string | ((row: T) => string),
): Measures<T> => ({
  value: {
    of: (r) => r.units * priceOf(prices, typeof sku === 'string' ? sku : sku(r)),
    en: 'yearly purchase at list price',
    ko: '연간 구매 금액(판매가)',
  },
  quantity: { of: (r) => r.units, en: 'yearly units bought', ko: '연간 구매 수량' },
});
const yearlyWords = (f: AmountFilter<never> | AmountFilter<{ units: number }> | null, lang: AskLang) =>
  !f
    ? ''
    : lang === 'ko'
      ? `${f.kind === 'value' ? '연간 구매 금액(판매가)이' : '연간 구매 수량이'} ${f.words.ko}인 `
      : ` buying ${f.words.en} a year${f.kind === 'value' ? ' at list price' : ''}`;

async function skuCustomers(ctx: AnswerContext): Promise<ViewAnswer> {
  const { plan, sku } = await skuPlanOf(ctx, ctx.p.sku!);
  // "buying more than 500 units", "연간 100만원 이상": the customer's units of the last 365 days, or those units at the list price.
  const prices = await moneyOf(ctx);
  const f = amountFilter<(typeof sku.customers)[number]>(ctx, yearlyBuying(prices, sku.sku));
  const buyers = f ? sku.customers.filter(f.keep) : sku.customers;
  const filterEn = yearlyWords(f, 'en');
  const filterKo = yearlyWords(f, 'ko');
  const rows = buyers.slice(0, ROW_LIMIT).map((c) => ({
    customerId: c.customerId,
    name: customerName(ctx, c.customerId),
    orders: c.orders,
    units: c.units,
    shareOfSkuUnits: round(c.share, 3),
    medianIntervalDays: c.medianIntervalDays,
    lastOrderDate: c.lastOrderDate,
    nextExpectedDate: c.nextExpectedDate,
    overdue: c.overdue,
  }));
  const top = rows[0];
  const ko = ctx.lang === 'ko';
  return {
    answer: ko
      ? top
        ? `지난 1년간 ${filterKo}고객 ${buyers.length}곳이 ${josa(sku.sku, '을/를')} 샀습니다. 가장 많이 사는 고객은 ${top.name}입니다(수량의 ${pct(top.shareOfSkuUnits)}${top.medianIntervalDays ? `, 약 ${top.medianIntervalDays}일마다` : ''}).`
        : `지난 1년간 ${josa(sku.sku, '을/를')} 주문한 ${filterKo}고객이 없습니다.`
      : top
        ? `${buyers.length} customer(s)${filterEn} bought ${sku.sku} in the last year; ${top.name} buys most (${pct(top.shareOfSkuUnits)} of units${top.medianIntervalDays ? `, about every ${top.medianIntervalDays} days` : ''}).`
        : f
          ? `No customer${filterEn} ordered ${sku.sku} in the last year.`
          : `Nobody ordered ${sku.sku} in the last year.`,
    rows,
    columns: cols(
      'customerId:Customer,name:Name,orders:Orders,units:Units,shareOfSkuUnits:Share of SKU units,medianIntervalDays:Every (days),lastOrderDate:Last order,nextExpectedDate:Next expected,overdue:Overdue',
    ),
    citations: [
      ...snapshot(plan),
      skuCite(ctx, sku.sku),
      view(`/api/skus/${encodeURIComponent(sku.sku)}/customers`),
      ...rows.map((c): Citation => ({ type: 'customer', id: c.customerId, label: c.name })),
    ],
    explanation: (ko
      ? '고객별 최근 365일 주문: 주문일 수, 수량과 비중, 주문 간격의 중앙값. 다음 주문이 중앙값에 허용 오차를 더한 날보다 늦으면 연체입니다.'
      : 'Order lines of the last 365 days per customer: distinct order days, units and share, the median days between orders, and overdue when the next order is later than the median plus a robust tolerance.'
    ).concat(f?.note ?? ''),
    totalRows: buyers.length,
  };
}

async function overdue(ctx: AnswerContext): Promise<ViewAnswer> {
  const plan = await planFor(ctx.env, ctx.tenantId);
  const asOf = plan.asOf;
  // "that buy more than 200 units a year": the customer's units of the SKU over the last 365 days (or their value at list price).
  const prices = await moneyOf(ctx);
  const list = await overdueForPlan(ctx.env, ctx.tenantId, plan);
  const f = amountFilter<(typeof list)[number]>(
    ctx,
    yearlyBuying(prices, (r) => r.sku),
  );
  const all = list.filter((c) => (!ctx.p.customerId || c.customerId === ctx.p.customerId) && (!f || f.keep(c)));
  const filterEn = f ? ` of which they buy ${f.words.en} a year${f.kind === 'value' ? ' at list price' : ''}` : '';
  const filterKo = yearlyWords(f, 'ko');
  const rows = all.slice(0, ROW_LIMIT).map((c) => ({
    customerId: c.customerId,
    name: customerName(ctx, c.customerId),
    sku: c.sku,
    units: c.units,
    lastOrderDate: c.lastOrderDate,
    medianIntervalDays: c.medianIntervalDays,
    nextExpectedDate: c.nextExpectedDate,
    overdueDays: c.overdueDays,
  }));
  const people = new Set(all.map((c) => c.customerId)).size;
  const who = ctx.p.customerId ? customerName(ctx, ctx.p.customerId) : null;
  const ko = ctx.lang === 'ko';
  return {
    answer: ko
      ? who
        ? all.length
          ? `${josa(who, '은/는')} ${filterKo}SKU ${all.length}개의 주문이 늦어지고 있습니다. 가장 늦은 것은 ${all[0].sku}, 예상 주문일보다 ${all[0].overdueDays}일 지났습니다.`
          : `${josa(who, '은/는')} 늦어진 ${filterKo}SKU 주문이 없습니다.`
        : all.length
          ? `고객 ${people}곳이 ${filterKo}SKU ${all.length}개의 주문이 늦어지고 있습니다. 가장 늦은 것: ${rows[0].name}의 ${rows[0].sku}(${rows[0].overdueDays}일).`
          : f
            ? `${filterKo}SKU 주문이 늦어진 고객이 없습니다.`
            : '평소 주문 주기보다 늦어진 고객이 없습니다.'
      : who
        ? all.length
          ? `${who} is overdue on ${all.length} SKU(s)${filterEn}; longest ${all[0].sku}, ${all[0].overdueDays} days past the expected order.`
          : `${who} is not overdue on any SKU${filterEn}.`
        : all.length
          ? `${people} customer(s) are overdue on ${all.length} SKU(s)${filterEn}; most overdue: ${rows[0].name} for ${rows[0].sku} (${rows[0].overdueDays} days).`
          : f
            ? `No customer is overdue on a SKU${filterEn}.`
            : 'No customer is overdue on their usual buying cadence.',
    rows,
    columns: cols(
      'customerId:Customer,name:Name,sku:SKU,units:Units (last 365 days),lastOrderDate:Last order,medianIntervalDays:Every (days),nextExpectedDate:Expected,overdueDays:Days overdue',
    ),
    citations: [
      ...snapshot(plan),
      view(ctx.p.customerId ? `/api/customers/${encodeURIComponent(ctx.p.customerId)}/cadence` : '/api/customers/{id}/cadence'),
      ...[...new Map(rows.map((c) => [c.customerId, c.name])).entries()].map(([id, label]): Citation => ({ type: 'customer', id, label })),
      ...[...new Set(rows.map((c) => c.sku))].map((sku) => skuCite(ctx, sku)),
    ],
    explanation: (ko
      ? `최근 365일의 주문 주기(${asOf} 기준): 다음 주문이 중앙값 간격에 허용 오차를 더한 날보다 늦으면 연체로 봅니다. 네 번의 간격 동안 주문이 없는 고객은 이탈로 보고 제외합니다.`
      : `Buying cadence over the last 365 days (as of ${asOf}): a customer is overdue on a SKU when its next order is later than their median interval plus a robust tolerance; customers silent for four intervals count as lapsed and are left out.`
    ).concat(f?.note ?? ''),
    totalRows: all.length,
  };
}

async function capital(ctx: AnswerContext): Promise<ViewAnswer> {
  const plan = await planFor(ctx.env, ctx.tenantId);
  const every = Object.entries(plan.waste.byWarehouse)
    .filter(([w]) => !ctx.p.warehouse || w === ctx.p.warehouse)
    .map(([warehouse, t]) => ({
      warehouse,
      onHandUnits: t.onHandUnits,
      expectedWasteUnits: round(t.expectedWasteUnits, 1),
      valueAtRisk: round(t.valueAtRisk),
    }))
    .sort((a, b) => b.valueAtRisk - a.valueAtRisk || a.warehouse.localeCompare(b.warehouse));
  // "over $10,000": a warehouse's value at risk; "more than 100 units": its units expected to expire unsold.
  const f = amountFilter<(typeof every)[number]>(ctx, {
    value: { of: (w) => w.valueAtRisk, en: 'value at risk', ko: '위험 금액' },
    quantity: { of: (w) => w.expectedWasteUnits, en: 'units expected to expire unsold', ko: '예상 폐기 수량' },
  });
  const all = f ? every.filter(f.keep) : every;
  const rows = all.slice(0, ROW_LIMIT);
  const sum = rows.reduce((t, r) => t + r.valueAtRisk, 0);
  const ko = ctx.lang === 'ko';
  const filterEn = !f ? '' : f.kind === 'value' ? `${f.words.en} at risk` : `${f.words.en} expected to expire unsold`;
  const filterKo = !f ? '' : `${f.kind === 'value' ? '위험 금액이' : '예상 폐기 수량이'} ${f.words.ko}인 `;
  const named = rows.map((r) => `${r.warehouse} (${money(ctx, r.valueAtRisk)})`).join(', ');
  return {
    answer: f
      ? ko
        ? `${filterKo}창고 ${all.length}곳${all.length ? `: ${named}` : ''}. 전체 재고 ${money(ctx, plan.totals.capitalLocked)} 중 ${josa(money(ctx, plan.totals.capitalAtRisk), '이/가')} 위험합니다.`
        : `${all.length} warehouse(s)${ctx.p.warehouse ? ` of ${ctx.p.warehouse}` : ''} hold ${filterEn}${all.length ? `: ${named}` : ''}; ${money(ctx, plan.totals.capitalAtRisk)} of ${money(ctx, plan.totals.capitalLocked)} in stock is at risk in all.`
      : ko
        ? ctx.p.warehouse
          ? rows.length
            ? `${ctx.p.warehouse}에는 팔리지 않고 만료될 위험이 있는 재고가 ${money(ctx, rows[0].valueAtRisk)} 있습니다(${units(rows[0].expectedWasteUnits, 'ko')}).`
            : `오늘 계획에서 ${ctx.p.warehouse}에는 위험 재고가 없습니다.`
          : `재고 ${money(ctx, plan.totals.capitalLocked)} 중 ${josa(money(ctx, plan.totals.capitalAtRisk), '이/가')} 위험합니다${rows.length ? `. 가장 많은 곳은 ${rows[0].warehouse}(${money(ctx, rows[0].valueAtRisk)})` : ''}.`
        : ctx.p.warehouse
          ? rows.length
            ? `${ctx.p.warehouse} has ${money(ctx, rows[0].valueAtRisk)} of stock at risk of expiring unsold (${units(rows[0].expectedWasteUnits)}).`
            : `${ctx.p.warehouse} holds no stock at risk in today's plan.`
          : `${money(ctx, plan.totals.capitalAtRisk)} of ${money(ctx, plan.totals.capitalLocked)} in stock is at risk${rows.length ? `; most in ${rows[0].warehouse} (${money(ctx, rows[0].valueAtRisk)})` : ''}.`,
    rows,
    columns: cols('warehouse:Warehouse,onHandUnits:On hand (units),expectedWasteUnits:Expected waste (units),valueAtRisk:Value at risk'),
    citations: [...snapshot(plan), view('/api/plan'), ...rows.map((r): Citation => ({ type: 'warehouse', id: r.warehouse }))],
    explanation: (ko
      ? `계획의 폐기 시뮬레이션을 창고별로 합한 것: 팔리지 않고 만료될 것으로 예상되는 수량의 원가. 표의 창고 합계는 ${money(ctx, sum)}입니다.`
      : `The plan's waste simulation added up by warehouse: value at cost of units expected to expire unsold. Listed warehouses add up to ${money(ctx, sum)}.`
    ).concat(f?.note ?? ''),
    totalRows: all.length,
  };
}

/** A SKU's usable stock: its units, or their value at the product's cost ("more than 1,000 units on hand", "재고 50개 미만"). */
const stockMeasures = <T extends { sku: string; usableOnHand: number }>(prices: Map<string, { unitCost: number }>): Measures<T> => ({
  value: { of: (r) => r.usableOnHand * costOf(prices, r.sku), en: 'usable stock at cost', ko: '사용 가능 재고의 원가' },
  quantity: { of: (r) => r.usableOnHand, en: 'usable stock', ko: '사용 가능 재고' },
});
const stockWords = (f: AmountFilter<never> | null, lang: AskLang) =>
  !f
    ? ''
    : lang === 'ko'
      ? `${f.kind === 'value' ? '사용 가능 재고의 원가가' : '사용 가능 재고가'} ${f.words.ko}인 `
      : f.kind === 'value'
        ? `usable stock worth ${f.words.en} at cost`
        : `${f.words.en} usable on hand`;

/**
 * "Which SKUs have more than 1,000 units on hand?": the SKUs (in a warehouse, when one is named)
 * whose usable stock is within the question's bound, largest first (smallest first for "fewer than").
 */
async function stockList(ctx: AnswerContext): Promise<ViewAnswer> {
  const plan = await planFor(ctx.env, ctx.tenantId);
  const wh = ctx.p.warehouse;
  const prices = await moneyOf(ctx);
  const every = plan.skus.flatMap((s) => {
    const w = wh ? s.warehouses.find((x) => x.warehouse === wh) : undefined;
    if (wh && !w) return [];
    const r = w ? w.reorder : s.reorder;
    return [
      {
        sku: s.sku,
        name: s.name ?? productName(ctx, s.sku),
        ...(wh ? { warehouse: wh } : {}),
        status: (w ? w.status : s.status).status,
        usableOnHand: r.usableOnHand,
        daysOfCover: r.meanDailyDemand > 0 ? round(r.usableOnHand / r.meanDailyDemand, 1) : null,
        projectedStockoutDate: r.projectedStockoutDate,
      },
    ];
  });
  const m = stockMeasures<(typeof every)[number]>(prices);
  const f = amountFilter(ctx, m);
  const kind = f?.kind ?? 'quantity';
  const fewest = Boolean(ctx.p[kind] && 'max' in ctx.p[kind]);
  const all = (f ? every.filter(f.keep) : every).sort(
    (a, b) => (fewest ? m[kind].of(a) - m[kind].of(b) : m[kind].of(b) - m[kind].of(a)) || a.sku.localeCompare(b.sku),
  );
  const rows = all.slice(0, ROW_LIMIT).map((r) => ({
    ...r,
    usableOnHand: round(r.usableOnHand, 1),
    ...(kind === 'value' ? { stockValue: round(m.value.of(r)) } : {}),
  }));
  const ko = ctx.lang === 'ko';
  const first = rows[0];
  const firstIs = first ? (kind === 'value' ? money(ctx, first.stockValue ?? 0) : units(first.usableOnHand, ko ? 'ko' : 'en')) : '';
  const inWh = wh ? ` in ${wh}` : '';
  const inWhKo = wh ? `${wh}에서 ` : '';
  return {
    answer: ko
      ? first
        ? `${inWhKo}${stockWords(f, 'ko')}SKU ${all.length}개. 가장 ${fewest ? '적은' : '많은'} 것은 ${first.sku}(${firstIs}).`
        : `${inWhKo}${stockWords(f, 'ko')}SKU가 없습니다.`
      : first
        ? `${all.length} SKU(s)${inWh} have ${stockWords(f, 'en')}; ${fewest ? 'least' : 'most'}: ${first.sku} (${firstIs}).`
        : `No SKU${inWh} has ${stockWords(f, 'en')}.`,
    rows,
    columns: cols(
      `sku:SKU,name:Product,${wh ? 'warehouse:Warehouse,' : ''}status:Status,usableOnHand:Usable on hand,${kind === 'value' ? 'stockValue:Usable stock at cost,' : ''}daysOfCover:Days of cover,projectedStockoutDate:Runs out`,
    ),
    citations: [
      ...snapshot(plan),
      view(wh ? `/api/reorders?action=all&warehouse=${wh}` : '/api/reorders?action=all'),
      ...rows.map((r): Citation => ({ type: 'sku', id: r.sku, label: r.name })),
    ],
    explanation: (ko
      ? `오늘 계획의 SKU별 사용 가능 재고(만료·격리·보류되지 않은 로트)${wh ? `, ${wh} 창고` : ''}.`
      : `Usable stock per SKU in today's plan (lots not expired, quarantined or held)${wh ? `, in ${wh}` : ''}.`
    ).concat(f?.note ?? ''),
    totalRows: all.length,
  };
}

/** A SKU's summary; a bound in the question ("does it have more than 500 units?") is answered beside it. */
async function summary(ctx: AnswerContext): Promise<ViewAnswer> {
  if (!ctx.p.sku) return stockList(ctx);
  const v = await skuSummary(ctx);
  const f = amountFilter(ctx, stockMeasures<{ sku: string; usableOnHand: number }>(await moneyOf(ctx)));
  const row = v.rows[0] as { sku: string; usableOnHand: number } | undefined;
  if (!f || !row) return v;
  const ok = f.keep(row);
  const ko = ctx.lang === 'ko';
  const asked = ko ? stockWords(f, 'ko').trim().replace(/인$/, '') : stockWords(f, 'en');
  return {
    ...v,
    answer: ko
      ? `${v.answer} 질문의 조건(${asked})에 ${ok ? '맞습니다' : '맞지 않습니다'}.`
      : `${v.answer} Asked for ${asked}: ${ok ? 'it has' : 'it has not'}.`,
  };
}

async function skuSummary(ctx: AnswerContext): Promise<ViewAnswer> {
  const plan = await planFor(ctx.env, ctx.tenantId);
  const s = plan.skus.find((x) => x.sku === ctx.p.sku);
  if (!s) throw new ProblemError(404, 'not-found', 'SKU not found.');
  const ko = ctx.lang === 'ko';
  // A warehouse named ("in Texas", "in NJ1") narrows the summary to the SKU's plan there.
  const wh = ctx.p.warehouse;
  if (wh) {
    const w = s.warehouses.find((x) => x.warehouse === wh);
    const risk = w ? w.waste.lots.reduce((t, l) => t + l.valueAtRisk, 0) : 0;
    const row = {
      sku: s.sku,
      name: s.name ?? productName(ctx, s.sku),
      warehouse: wh,
      status: w?.status.status ?? null,
      usableOnHand: w ? Math.round(w.reorder.usableOnHand) : 0,
      inboundUnits: w ? w.reorder.inboundUnits : 0,
      daysOfCover: w && w.reorder.meanDailyDemand > 0 ? round(w.reorder.usableOnHand / w.reorder.meanDailyDemand, 1) : null,
      capitalAtRisk: round(risk),
      reorderAction: w?.reorder.action ?? null,
      reorderQuantity: w?.reorder.quantity ?? 0,
      projectedStockoutDate: w?.reorder.projectedStockoutDate ?? null,
      stockoutProbability: w ? round(w.reorder.stockoutProbability, 3) : 0,
    };
    const order = (k: boolean) =>
      row.reorderAction === 'order'
        ? k
          ? `${units(row.reorderQuantity, 'ko')} 주문`
          : `order ${units(row.reorderQuantity)}`
        : row.reorderAction === 'do-not-order'
          ? k
            ? '주문하지 마세요'
            : 'do not order'
          : k
            ? '지금은 주문 없음'
            : 'no order now';
    const cover = (k: boolean) =>
      row.daysOfCover === null
        ? k
          ? '충당할 수요 없음'
          : 'no demand to cover'
        : k
          ? `${row.daysOfCover}일 치 재고`
          : `${row.daysOfCover} days of cover`;
    return {
      answer: !w
        ? ko
          ? `${josa(`${row.sku} (${row.name})`, '은/는')} ${wh}에서 재고도 계획도 없습니다.`
          : `${row.sku} (${row.name}) has no stock and no plan in ${wh}.`
        : ko
          ? `${wh}의 ${row.sku} (${row.name}) 상태 ${statusWord(w.status.status, 'ko')}: 사용 가능 ${units(row.usableOnHand, 'ko')}, ${cover(true)}, 위험 ${money(ctx, row.capitalAtRisk)}; ${order(true)}.`
          : `${row.sku} (${row.name}) in ${wh} is ${w.status.status}: ${units(row.usableOnHand)} usable, ${cover(false)}, ${money(ctx, row.capitalAtRisk)} at risk; ${order(false)}.`,
      rows: [row],
      columns: cols(
        'sku:SKU,name:Product,warehouse:Warehouse,status:Status,usableOnHand:Usable on hand,inboundUnits:Inbound,daysOfCover:Days of cover,capitalAtRisk:Capital at risk,reorderAction:Reorder,reorderQuantity:Order (units),projectedStockoutDate:Runs out,stockoutProbability:P(stock-out)',
      ),
      citations: [...snapshot(plan), skuCite(ctx, s.sku), { type: 'warehouse', id: wh }, view(`/api/reorders?action=all&warehouse=${wh}`)],
      explanation: w
        ? `${textIn(ctx.lang, w.status, 'reason')} ${textIn(ctx.lang, w.reorder, 'explanation')}`
        : ko
          ? `${wh}에는 이 SKU의 로트, 입고 예정, 수요가 없습니다.`
          : `${wh} has no lot, inbound or demand of this SKU.`,
      totalRows: 1,
    };
  }
  const row = {
    sku: s.sku,
    name: s.name ?? productName(ctx, s.sku),
    class: s.class,
    status: s.status.status,
    usableOnHand: s.reorder.usableOnHand,
    inboundUnits: s.reorder.inboundUnits,
    daysOfCover: s.insights.daysOfCover === null ? null : round(s.insights.daysOfCover, 1),
    capitalLocked: round(s.insights.capitalLocked),
    capitalAtRisk: round(s.insights.capitalAtRisk),
    reorderAction: s.reorder.action,
    reorderQuantity: s.reorder.quantity,
    projectedStockoutDate: s.reorder.projectedStockoutDate,
    stockoutProbability: round(s.reorder.stockoutProbability, 3),
    forecastModel: s.forecast.model,
  };
  return {
    answer: ko
      ? `${row.sku} (${row.name}) 상태 ${statusWord(row.status, 'ko')}: 사용 가능 ${units(row.usableOnHand, 'ko')}, ${row.daysOfCover === null ? '충당할 수요 없음' : `${row.daysOfCover}일 치 재고`}, ${money(ctx, row.capitalLocked)} 중 ${money(ctx, row.capitalAtRisk)} 위험; ${row.reorderAction === 'order' ? `${units(row.reorderQuantity, 'ko')} 주문` : '지금은 주문 없음'}.`
      : `${row.sku} (${row.name}) is ${row.status}: ${units(row.usableOnHand)} usable, ${row.daysOfCover === null ? 'no demand to cover' : `${row.daysOfCover} days of cover`}, ${money(ctx, row.capitalAtRisk)} of ${money(ctx, row.capitalLocked)} at risk; ${row.reorderAction === 'order' ? `order ${units(row.reorderQuantity)}` : 'no order now'}.`,
    rows: [row],
    columns: cols(
      'sku:SKU,name:Product,class:Class,status:Status,usableOnHand:Usable on hand,inboundUnits:Inbound,daysOfCover:Days of cover,capitalLocked:Capital locked,capitalAtRisk:Capital at risk,reorderAction:Reorder,reorderQuantity:Order (units),projectedStockoutDate:Runs out,stockoutProbability:P(stock-out),forecastModel:Forecast model',
    ),
    citations: [...snapshot(plan), skuCite(ctx, s.sku), view(`/api/insights`)],
    explanation: `${textIn(ctx.lang, s.status, 'reason')} ${textIn(ctx.lang, s.reorder, 'explanation')}`,
    totalRows: 1,
  };
}

async function forecast(ctx: AnswerContext): Promise<ViewAnswer> {
  const { plan, sku } = await skuPlanOf(ctx, ctx.p.sku!);
  const f = sku.forecast;
  const rows = f.horizons.map((h) => ({
    days: h.days,
    mean: round(h.cumulative.mean, 1),
    p10: round(h.cumulative.p10, 1),
    p50: round(h.cumulative.p50, 1),
    p90: round(h.cumulative.p90, 1),
    dailyMean: round(h.daily.mean, 2),
  }));
  const h = rows.find((r) => r.days === ctx.p.days) ?? rows[0];
  const ko = ctx.lang === 'ko';
  return {
    answer: ko
      ? h
        ? `${sku.sku} (${productName(ctx, sku.sku)}): 앞으로 ${h.days}일간 약 ${units(h.mean, 'ko')}(80% 범위 ${Math.round(h.p10)}–${Math.round(h.p90)}), 하루 ${h.dailyMean}개.`
        : `${josa(sku.sku, '은/는')} 아직 예측이 없습니다.`
      : h
        ? `${sku.sku} (${productName(ctx, sku.sku)}): about ${units(h.mean)} over the next ${h.days} days (80% range ${Math.round(h.p10)}–${Math.round(h.p90)}), ${h.dailyMean} a day.`
        : `${sku.sku} has no forecast yet.`,
    rows,
    columns: cols('days:Horizon (days),mean:Expected units,p10:P10,p50:P50,p90:P90,dailyMean:Per day'),
    citations: [
      ...snapshot(plan),
      skuCite(ctx, sku.sku),
      view(`/api/skus/${encodeURIComponent(sku.sku)}/forecast?horizon=${h?.days ?? 30}`),
    ],
    explanation: ko
      ? `모델 ${modelName('ko', f.model)}(${DEMAND_KO[f.demandClass] ?? f.demandClass} 수요), 롤링 원점 백테스트로 선택. ${textIn('ko', f, 'reason')} 신뢰도 ${CONFIDENCE_KO[f.confidence.level] ?? f.confidence.level}: ${noteWithoutLevel(CONFIDENCE_KO[f.confidence.level] ?? f.confidence.level, noteWithoutLevel(f.confidence.level, textIn('ko', f.confidence, 'note')))}`
      : `Model ${f.model} (${f.demandClass} demand), chosen by rolling-origin backtest. ${f.reason} Confidence ${f.confidence.level}: ${noteWithoutLevel(f.confidence.level, f.confidence.note)}`,
    totalRows: rows.length,
  };
}

/** SKUs in one stock status (critical by default), worst first: GET /api/insights?status=… (or one warehouse's status). */
async function skuStatus(ctx: AnswerContext): Promise<ViewAnswer> {
  const plan = await planFor(ctx.env, ctx.tenantId);
  const status = ctx.p.status ?? 'critical';
  const wh = ctx.p.warehouse;
  const ko = ctx.lang === 'ko';
  const every = wh
    ? plan.skus.flatMap((s) => {
        const w = s.warehouses.find((x) => x.warehouse === wh);
        return w && w.status.status === status
          ? [
              {
                sku: s.sku,
                name: s.name ?? productName(ctx, s.sku),
                warehouse: wh,
                status,
                usableOnHand: Math.round(w.reorder.usableOnHand),
                projectedStockoutDate: w.reorder.projectedStockoutDate,
                reason: textIn(ctx.lang, w.status, 'reason'),
              },
            ]
          : [];
      })
    : insightRows(plan, { status, sort: 'capitalAtRisk' }).map((r) => ({
        sku: r.sku,
        name: r.name ?? productName(ctx, r.sku),
        status,
        usableOnHand: Math.round(plan.skus.find((s) => s.sku === r.sku)?.reorder.usableOnHand ?? 0),
        projectedStockoutDate: plan.skus.find((s) => s.sku === r.sku)?.reorder.projectedStockoutDate ?? null,
        reason: textIn(ctx.lang, r.status, 'reason'),
      }));
  // "with under 20 units on hand": the usable stock (there), or its value at cost.
  const f = amountFilter<(typeof every)[number]>(ctx, stockMeasures(await moneyOf(ctx)));
  const all = f ? every.filter(f.keep) : every;
  all.sort((a, b) => (a.projectedStockoutDate ?? '9999').localeCompare(b.projectedStockoutDate ?? '9999') || a.sku.localeCompare(b.sku));
  const rows = all.slice(0, ROW_LIMIT);
  const word = statusWord(status, ctx.lang);
  const inWh = wh ? (ko ? `${wh}에서 ` : ` in ${wh}`) : '';
  const withStock = f ? ` with ${stockWords(f, 'en')}` : '';
  const subjectKo = f ? `상태가 ${word}이고 ${stockWords(f, 'ko')}SKU` : `상태가 ${word}인 SKU`;
  return {
    answer: ko
      ? all.length
        ? `${inWh}${subjectKo} ${all.length}개. 가장 급한 것은 ${all[0].sku}${all[0].projectedStockoutDate ? `(품절 예상 ${all[0].projectedStockoutDate})` : ''}.`
        : `${inWh}${subjectKo}가 없습니다.`
      : all.length
        ? `${all.length} SKU(s)${withStock} are ${status}${inWh}; most urgent ${all[0].sku}${all[0].projectedStockoutDate ? ` (runs out ${all[0].projectedStockoutDate})` : ''}.`
        : `No SKU${withStock} is ${status}${inWh}.`,
    rows,
    columns: cols(
      `sku:SKU,name:Product,${wh ? 'warehouse:Warehouse,' : ''}status:Status,usableOnHand:Usable on hand,projectedStockoutDate:Runs out,reason:Why`,
    ),
    citations: [
      ...snapshot(plan),
      view(`/api/insights?status=${status}`),
      ...rows.map((r): Citation => ({ type: 'sku', id: r.sku, label: r.name })),
    ],
    explanation: (ko
      ? '계획의 재고 상태: 위급은 수요가 예상되는데 사용 가능 재고가 없을 때, 다음 입고 가능일 전 품절 확률이 50% 이상일 때, 또는 재고 일수가 다음 입고 가능일까지의 일수보다 짧을 때입니다. 주의는 그 품절 확률이 서비스 수준이 허용하는 것보다 높거나 사용 가능 재고가 안전 재고 이하일 때입니다. 여러 창고의 SKU는 가장 나쁜 창고의 상태를 따릅니다.'
      : "The plan's stock status: critical when there is no usable stock while demand is expected, when the probability of running out before the next possible arrival is 50 % or more, or when days of cover are shorter than the days to that arrival; warning when that probability is above what the service level allows, or usable stock is at or below the safety stock. A SKU in several warehouses takes its worst warehouse's status."
    ).concat(f?.note ?? ''),
    totalRows: all.length,
  };
}

/** Open inbound shipments: late ones (ETA passed, not at the dock), or those due within N days. As the inbound page lists them. */
async function inbound(ctx: AnswerContext): Promise<ViewAnswer> {
  const plan = await planFor(ctx.env, ctx.tenantId);
  const asOf = plan.asOf;
  const late = ctx.p.late === true;
  const days = ctx.p.days ?? 14;
  const until = addDays(asOf, days);
  const open = await openInbound(ctx.db, ctx.tenantId, { asOf, late, until, warehouse: ctx.p.warehouse, sku: ctx.p.sku });
  // "with at least 100 units": the units still to come on a line, or their value at the product's cost.
  const prices = await moneyOf(ctx);
  const f = amountFilter<(typeof open)[number]>(ctx, {
    value: { of: (r) => (r.quantity - r.quantityReceived) * costOf(prices, r.sku), en: 'value to come at cost', ko: '남은 수량의 원가' },
    quantity: { of: (r) => r.quantity - r.quantityReceived, en: 'units to come', ko: '남은 수량' },
  });
  const list = f ? open.filter(f.keep) : open;
  const rows = list.slice(0, ROW_LIMIT).map((r) => ({
    shipmentId: r.shipmentId,
    sku: r.sku,
    warehouse: r.warehouse,
    quantity: r.quantity - r.quantityReceived,
    etaDate: r.etaDate,
    daysLate: late ? daysBetween(r.etaDate, asOf) : null,
    shipmentStatus: r.status,
  }));
  const total = list.reduce((t, r) => t + r.quantity - r.quantityReceived, 0);
  const ko = ctx.lang === 'ko';
  const filterEn = !f ? '' : f.kind === 'value' ? ` worth ${f.words.en} at cost` : ` bringing ${f.words.en}`;
  const filterKo = !f ? '' : `${f.kind === 'value' ? '남은 수량의 원가가' : '남은 수량이'} ${f.words.ko}인 `;
  const scope = [ctx.p.sku && ` of ${ctx.p.sku}`, ctx.p.warehouse && ` for ${ctx.p.warehouse}`, filterEn].filter(Boolean).join('');
  const scopeKo = [ctx.p.warehouse && `${ctx.p.warehouse} 창고`, ctx.p.sku].filter(Boolean).join(' ');
  const pre = scopeKo ? `${scopeKo}: ` : '';
  return {
    answer: late
      ? ko
        ? list.length
          ? `${pre}도착 예정일이 지났는데 아직 도착하지 않은 ${filterKo}입고 ${list.length}건, ${units(total, 'ko')}. 가장 늦은 것은 ${list[0].shipmentId}(${list[0].sku}, 예정일 ${list[0].etaDate}).`
          : `${pre}늦어진 ${filterKo}입고가 없습니다.`
        : list.length
          ? `${list.length} inbound shipment line(s)${scope} are late (ETA passed, not arrived): ${units(total)}; the oldest is ${list[0].shipmentId} (${list[0].sku}, due ${list[0].etaDate}).`
          : `No inbound shipment${scope} is late.`
      : ko
        ? list.length
          ? `${pre}${until}까지 도착 예정인 ${filterKo}입고 ${list.length}건, ${units(total, 'ko')}. 가장 먼저 ${list[0].shipmentId}(${list[0].sku}, ${list[0].etaDate}).`
          : `${pre}${until}까지 도착 예정인 ${filterKo}입고가 없습니다.`
        : list.length
          ? `${list.length} inbound shipment line(s)${scope} are due by ${until}: ${units(total)}; first ${list[0].shipmentId} (${list[0].sku}, ${list[0].etaDate}).`
          : `No inbound shipment${scope} is due by ${until}.`,
    rows,
    columns: cols(
      'shipmentId:Shipment,sku:SKU,warehouse:Warehouse,quantity:Units to come,etaDate:ETA,daysLate:Days late,shipmentStatus:Shipment status',
    ),
    citations: [view('/api/inbound-shipments'), ...[...new Set(rows.map((r) => r.sku))].map((sku) => skuCite(ctx, sku))],
    explanation: (late
      ? ko
        ? `예정일(ETA)이 ${asOf} 이전인데 아직 도착(입고장 도착)·입고·취소되지 않은 선적, 오래된 순. 계획은 늦은 입고를 도착일을 알 수 없는 것으로 보고 오늘 이후로 미룹니다.`
        : `Shipments whose ETA is before ${asOf} and that are not at the dock, received or cancelled, oldest first. The plan counts a late shipment from today plus the late delay, never on its passed ETA.`
      : ko
        ? `예정일이 ${asOf}부터 ${until} 사이이고 아직 다 입고되지 않은 선적, 가까운 순(남은 수량).`
        : `Shipments due from ${asOf} to ${until} that are not yet received in full (units still to come), soonest first.`
    ).concat(f?.note ?? ''),
    totalRows: list.length,
  };
}

const ROI_FIGURES = [
  ['wasteAvoided', 'Waste avoided', '폐기 방지'],
  ['stockoutsAvoided', 'Stock-outs avoided (expected lost sales)', '품절 방지(예상 판매 손실)'],
  ['capitalFreed', 'Capital freed', '확보된 자금'],
  ['valueWrittenOff', 'Value written off', '폐기 처리 금액'],
] as const;

/** The tenant's previous ISO week ("YYYY-Www"): the week holding its today minus seven days. */
export async function lastWeekOf(db: Db, tenantId: string, now: number = Date.now()): Promise<string> {
  return isoWeekOf(addDays(localToday(await tenantTimeZone(db, tenantId), now), -7));
}

/** The ISO week Ask's ROI answer reports: the question's own, this week, or (by default) last week. */
async function roiWeek(ctx: AnswerContext): Promise<string> {
  if (ctx.p.week === 'this') return isoWeekOf(localToday(await tenantTimeZone(ctx.db, ctx.tenantId)));
  if (ctx.p.week && ctx.p.week !== 'last') return ctx.p.week;
  return lastWeekOf(ctx.db, ctx.tenantId);
}

/** A week's ROI (last week unless the question named one), from the same report as GET /api/roi (worker/actions/roi.ts): one row per figure. */
async function roi(ctx: AnswerContext): Promise<ViewAnswer> {
  const week = await roiWeek(ctx);
  const r = await roiReads.get(ctx.tenantId, week, () => weeklyRoi(ctx.db, ctx.tenantId, week));
  const ko = ctx.lang === 'ko';
  const rows = ROI_FIGURES.map(([key, label, labelKo]) => {
    const lines = r[key].actions as RoiLine[];
    return {
      figure: ko ? labelKo : label,
      value: r[key].value,
      counted: lines.filter((l) => l.status === 'counted').length,
      pending: lines.filter((l) => l.status === 'pending').length,
      missed: lines.filter((l) => l.status === 'missed').length,
    };
  });
  const behind = ROI_FIGURES.flatMap(([key]) => (r[key].actions as RoiLine[]).filter((l) => l.status === 'counted'));
  const c = r.counts;
  const any = c.proposed + c.approved + c.dismissed + c.executed + c.expired > 0;
  return {
    answer: ko
      ? any
        ? `${r.week}주(${r.from}~${r.lastDay}, ${r.timeZone}): 폐기 방지 ${money(ctx, r.wasteAvoided.value)}, 품절 방지 ${money(ctx, r.stockoutsAvoided.value)}, 확보된 자금 ${money(ctx, r.capitalFreed.value)}, 폐기 처리 ${money(ctx, r.valueWrittenOff.value)}; 실행 ${c.executed}건, 승인 ${c.approved}건, 기각 ${c.dismissed}건, 제안 ${c.proposed}건.`
        : `${r.week}주(${r.from}~${r.lastDay})에는 제안·결정·실행된 조치가 없어 보고할 수익이 없습니다.`
      : any
        ? `Week ${r.week} (${r.from} to ${r.lastDay}, ${r.timeZone}): waste avoided ${money(ctx, r.wasteAvoided.value)}, stock-outs avoided ${money(ctx, r.stockoutsAvoided.value)}, capital freed ${money(ctx, r.capitalFreed.value)}, written off ${money(ctx, r.valueWrittenOff.value)}; ${c.executed} action(s) executed, ${c.approved} approved, ${c.dismissed} dismissed, ${c.proposed} proposed.`
        : `No action was proposed, decided or executed in week ${r.week} (${r.from} to ${r.lastDay}), so there is no return to report for it.`,
    rows,
    columns: cols('figure:Figure,value:Value,counted:Actions counted,pending:Pending,missed:Missed'),
    citations: [
      view(`/api/roi?week=${r.week}`),
      ...[...new Set(behind.map((l) => l.actionId))]
        .slice(0, ROW_LIMIT)
        .map((id): Citation => ({ type: 'action', id, label: behind.find((l) => l.actionId === id)!.kind })),
    ],
    explanation: ko
      ? `${r.week}주(월요일~일요일, ${r.timeZone})의 ROI 보고서. 실행된 결정만으로 계산하며 주문 금액은 세지 않습니다: 가격 인하·이동·판매 후 유통기한 전에 팔린 로트로 막은 폐기, 예상 품절 전에 도착한 재주문으로 막은 품절, 실행 후 팔린 수량으로 확보된 자금, 폐기 처리된 금액. 대기 중인 항목은 아직 정산되지 않았습니다.`
      : `The ROI report for week ${r.week} of your calendar (Monday to Sunday, ${r.timeZone}), counted from executed decisions only, never from order value: waste avoided by markdowns, transfers and sales whose lots then sold before expiry; stock-outs avoided by reorders that arrived before the projected stock-out; capital freed by units sold after execution; value written off. Pending lines are not settled yet.`,
    totalRows: rows.length,
  };
}

const KIND_WORDS = {
  transfer: { en: 'proposed transfers', ko: '제안된 이동' },
  markdown: { en: 'proposed markdowns', ko: '제안된 가격 인하' },
};

/** Korean column labels by column key (answers build English ones). */
export const COLUMN_LABELS_KO: Record<string, string> = {
  rank: '순위',
  lotId: '로트',
  warehouse: '창고',
  quantityOnHand: '보유(개)',
  expirationDate: '유통기한',
  daysToExpiry: '남은 일수',
  reason: '이유',
  sku: 'SKU',
  name: '이름',
  value: '원가 금액',
  valueAtRisk: '위험 금액',
  probabilityOfWaste: '폐기 확률',
  status: '상태',
  projectedStockoutDate: '품절 예상일',
  stockoutProbability: '품절 확률',
  usableOnHand: '사용 가능 재고',
  inboundUnits: '입고 예정',
  nextArrivalDate: '다음 도착',
  recommendedOrder: '지금 주문',
  action: '조치',
  quantity: '수량',
  cases: '케이스',
  explanation: '이유',
  id: '조치',
  kind: '종류',
  proposedBy: '제안자',
  createdAt: '제안 시각',
  customerId: '고객',
  orders: '주문',
  units: '수량',
  shareOfSkuUnits: 'SKU 수량 중 비중',
  medianIntervalDays: '주기(일)',
  lastOrderDate: '마지막 주문',
  nextExpectedDate: '다음 예상 주문',
  overdue: '연체',
  overdueDays: '연체 일수',
  onHandUnits: '보유(개)',
  expectedWasteUnits: '예상 폐기(개)',
  class: '등급',
  daysOfCover: '재고 일수',
  capitalLocked: '묶인 자본',
  capitalAtRisk: '위험 자본',
  reorderAction: '재주문',
  reorderQuantity: '주문(개)',
  forecastModel: '예측 모델',
  days: '기간(일)',
  mean: '예상 수량',
  p10: 'P10',
  p50: 'P50',
  p90: 'P90',
  dailyMean: '하루 평균',
  figure: '항목',
  expired: '만료됨',
  shipmentId: '선적',
  etaDate: '도착 예정일',
  daysLate: '지연 일수',
  shipmentStatus: '선적 상태',
  counted: '집계된 조치',
  pending: '대기',
  missed: '놓침',
};

export const ANSWERERS: Record<Intent, (ctx: AnswerContext) => Promise<ViewAnswer>> = {
  fefo,
  expiring,
  stockouts,
  reorders,
  transfers_markdowns: (ctx) =>
    proposed(
      ctx,
      ctx.p.kind ? [ctx.p.kind] : ['transfer', 'markdown'],
      ctx.p.kind ? KIND_WORDS[ctx.p.kind] : { en: 'proposed transfers and markdowns', ko: '제안된 이동·가격 인하' },
    ),
  sku_customers: skuCustomers,
  overdue_customers: overdue,
  capital_at_risk: capital,
  sku_summary: summary,
  sku_forecast: forecast,
  sku_status: skuStatus,
  inbound,
  pending_actions: (ctx) =>
    proposed(ctx, ctx.p.kind ? [ctx.p.kind] : undefined, ctx.p.kind ? KIND_WORDS[ctx.p.kind] : { en: 'actions', ko: '조치' }),
  roi,
};
