// Question → intent and parameters. Entities first (codes, days, warehouses, names), then the
// intent grammar, then each intent's parameters with their defaults. Pure: no I/O, no model.
import { findAmount, type AmountAsked, type AmountKind, type Bound } from './amounts';
import { contentWords, findFixed, findName, type Adjusted, type CatalogIndex, type NameMatch } from './entities';
import { josa } from '../lib/josa';
import { classify, type Intent } from './intents';

export interface Parameters {
  sku?: string;
  warehouse?: string;
  customerId?: string;
  days?: number;
  kind?: 'transfer' | 'markdown';
  /** ROI's week: "last" (the default), "this", or an ISO week "YYYY-Www" the question named. */
  week?: string;
  /** Expiring: only lots already expired and still on hand (not written off). */
  expired?: boolean;
  /** SKU status: the status asked for. */
  status?: 'critical' | 'warning' | 'healthy';
  /** Inbound: late shipments (ETA passed, not at the dock) instead of those due within `days`. */
  late?: boolean;
  /**
   * Only records whose money figure is within the bound ("over $5,000", "5,000달러 이상", "under 500"),
   * in the tenant's currency: an action's value, a lot's or an order's value at cost, … (AMOUNT_ON).
   */
  value?: Bound;
  /** Only records whose units are within the bound ("more than 1,000 units", "50개 미만"). */
  quantity?: Bound;
}

/**
 * Whether an intent's answer can compare an amount, and with what when the question does not say
 * money or units (docs/ask.md, "Amounts"). Intents missing here have no figure to compare.
 */
const AMOUNT_ON: Partial<Record<Intent, { default: AmountKind }>> = {
  expiring: { default: 'value' },
  reorders: { default: 'value' },
  transfers_markdowns: { default: 'value' },
  pending_actions: { default: 'value' },
  capital_at_risk: { default: 'value' },
  stockouts: { default: 'quantity' },
  sku_summary: { default: 'quantity' },
  sku_status: { default: 'quantity' },
  inbound: { default: 'quantity' },
  sku_customers: { default: 'quantity' },
  overdue_customers: { default: 'quantity' },
};

export interface Candidate {
  kind: 'product' | 'customer';
  id: string;
  label: string;
}

export interface Match {
  intent: Intent | null;
  parameters: Parameters;
  confidence: number;
  /** The named product or customer fits several records: the planner picks one. */
  candidates: Candidate[];
  /** The intent needs a SKU and the question named none. */
  missing: 'sku' | null;
  /** Numbers in the question that were read differently than written, and how (said in the answer). */
  notes: string[];
}

const NEEDS_SKU: Intent[] = ['fefo', 'sku_customers', 'sku_summary', 'sku_forecast'];
const TAKES_SKU: Intent[] = [...NEEDS_SKU, 'expiring', 'stockouts', 'reorders', 'inbound'];
const TAKES_CUSTOMER: Intent[] = ['fefo', 'overdue_customers'];
/** Intents whose answer narrows to one warehouse. */
const BY_WAREHOUSE: Intent[] = ['fefo', 'expiring', 'capital_at_risk', 'stockouts', 'reorders', 'sku_summary', 'sku_status', 'inbound'];
const overlaps = (a: NameMatch, b: NameMatch) => a.span[0] < b.span[1] && b.span[0] < a.span[1];

/** "보스턴이라는", "플로리다라는": a name with the copula's "-(이)라는" its last sound takes. */
const called = (name: string) => `${josa(name, '이라/라')}는`;

/** The language Ask answers in. */
export type AskLang = 'en' | 'ko';

/** What Ask says when it read the question's words differently than written, per language. */
const NOTES = {
  en: {
    past: (a: Adjusted) => `"${a.asked}" counts back from today; this view looks ahead, so it was read as the next ${a.days} days.`,
    long: (a: Adjusted) => `Ask looks at most ${a.days} days ahead; "${a.asked}" was read as ${a.days} days.`,
    notByWarehouse: (wh: string) => `This view does not split by warehouse: the answer covers every warehouse, not only ${wh}.`,
    unknownWarehouse: (name: string, codes: string) =>
      `No warehouse is called "${name}" (yours: ${codes}); the answer covers every warehouse.`,
    badWeek: (asked: string) =>
      `"${asked}" is not a week of the ISO calendar (weeks 01–52, and 53 in a year with 53 Thursdays); this is the report for last week.`,
    noAmount: (asked: string) => `This view has no amount or quantity to compare: "${asked}" was not applied.`,
  },
  ko: {
    past: (a: Adjusted) =>
      `${josa(`"${a.asked}"`, '은/는')} 오늘부터 거꾸로 센 기간입니다. 이 화면은 앞날을 보므로 앞으로 ${a.days}일로 읽었습니다.`,
    long: (a: Adjusted) => `Ask는 최대 ${a.days}일 앞까지 봅니다. ${josa(`"${a.asked}"`, '은/는')} ${a.days}일로 읽었습니다.`,
    notByWarehouse: (wh: string) => `이 화면은 창고별로 나누지 않습니다. 답은 ${wh}만이 아니라 모든 창고를 다룹니다.`,
    unknownWarehouse: (name: string, codes: string) =>
      `${called(`"${name}"`)} 창고가 없습니다(보유 창고: ${codes}). 답은 모든 창고를 다룹니다.`,
    badWeek: (asked: string) =>
      `${josa(`"${asked}"`, '은/는')} ISO 달력에 없는 주입니다(01–52주, 목요일이 53번 있는 해에는 53주까지). 지난주 보고서를 보여 드립니다.`,
    noAmount: (asked: string) => `이 화면에는 비교할 금액이나 수량이 없어 ${josa(`"${asked}"`, '은/는')} 적용하지 않았습니다.`,
  },
} satisfies Record<AskLang, unknown>;

export function matchQuestion(question: string, index: CatalogIndex, lang: AskLang = 'en'): Match {
  const say = NOTES[lang];
  // An amount's words are read first and taken out, so "over 500" is never a window of 500 days
  // nor "500" part of a product's name.
  const amount = findAmount(question);
  const raw = question.normalize('NFKC');
  const fixed = findFixed(amount ? `${raw.slice(0, amount.span[0])} ${raw.slice(amount.span[1])}` : raw, index);
  const content = contentWords(fixed.rest);
  let product = fixed.skus.length ? null : findName(content, index, 'product');
  const hasProduct = fixed.skus.length > 0 || product !== null;
  const first = classify(fixed.text, {
    hasProduct,
    hasCustomer: false,
    hasWarehouse: fixed.warehouse !== null,
    hasDays: fixed.days !== null,
  });
  let intent = first.intent;
  let customer: NameMatch | null = null;
  if (!intent || TAKES_CUSTOMER.includes(intent)) {
    customer = findName(content, index, 'customer');
    if (customer && product && overlaps(customer, product)) {
      const customerWins =
        customer.span[1] - customer.span[0] > product.span[1] - product.span[0] ||
        (customer.span[1] - customer.span[0] === product.span[1] - product.span[0] && customer.score < product.score);
      if (customerWins) {
        const left = content.filter((_, i) => i < customer!.span[0] || i >= customer!.span[1]);
        product = findName(left, index, 'product');
      } else {
        const left = content.filter((_, i) => i < product!.span[0] || i >= product!.span[1]);
        customer = findName(left, index, 'customer');
      }
    }
    if (!intent && customer) {
      const again = classify(fixed.text, {
        hasProduct: fixed.skus.length > 0 || product !== null,
        hasCustomer: true,
        hasWarehouse: fixed.warehouse !== null,
        hasDays: fixed.days !== null,
      });
      intent = again.intent;
    }
    if (intent && !TAKES_CUSTOMER.includes(intent)) customer = null;
  }
  const score = first.intent ? first.score : 0;
  const margin = first.runnerUp ? score - first.runnerUp.score : score;
  let confidence = intent ? Math.min(0.99, 0.55 + margin / 8) : 0;
  const candidates: Candidate[] = [];
  const parameters: Parameters = {};
  if (!intent) return { intent, parameters, confidence, candidates, missing: null, notes: [] };

  if (TAKES_SKU.includes(intent)) {
    if (fixed.skus.length) parameters.sku = fixed.skus[0];
    else if (product?.exact) {
      parameters.sku = product.ids[0];
      confidence *= 1 - product.score;
    } else if (product) product.ids.forEach((id, i) => candidates.push({ kind: 'product', id, label: product!.labels[i] }));
  }
  if (customer?.exact) parameters.customerId = customer.ids[0];
  else if (customer) customer.ids.forEach((id, i) => candidates.push({ kind: 'customer', id, label: customer!.labels[i] }));
  const expiredOnly =
    intent === 'expiring' &&
    fixed.days === null &&
    /\b(already expired|expired already|(has|have|had) (already )?expired|expired (lots?|stock|items|units)|not (been )?written off|(hasnt|havent|has not|have not) been written off)\b/.test(
      fixed.text,
    );
  if (expiredOnly) parameters.expired = true;
  else if (intent === 'expiring' || intent === 'stockouts') parameters.days = fixed.days ?? 30;
  if (intent === 'sku_status')
    parameters.status = (/\b(critical|warning|healthy)\b/.exec(fixed.text)?.[1] ?? 'critical') as Parameters['status'];
  if (intent === 'inbound') {
    if (/\b(late|overdue|delayed|behind)\b/.test(fixed.text)) parameters.late = true;
    else parameters.days = fixed.days ?? 14;
  }
  if (intent === 'sku_forecast') parameters.days = [30, 60, 90].find((h) => h >= (fixed.days ?? 30)) ?? 90;
  const notes = parameters.days !== undefined ? fixed.adjusted.map((a) => say[a.kind](a)) : [];
  if (fixed.warehouse && BY_WAREHOUSE.includes(intent)) parameters.warehouse = fixed.warehouse;
  else if (fixed.warehouse) notes.push(say.notByWarehouse(fixed.warehouse));
  if (fixed.unknownWarehouse)
    notes.push(say.unknownWarehouse(fixed.unknownWarehouse, [...new Set(index.warehouseAliases.values())].sort().join(', ')));
  if (intent === 'transfers_markdowns' || intent === 'pending_actions') {
    const t = /\btransfer/.test(fixed.text);
    const m = /\b(mark ?downs?|marked down|discount\w*)\b/.test(fixed.text);
    if (t !== m) parameters.kind = t ? 'transfer' : 'markdown';
  }
  if (amount) applyAmount(intent, amount, parameters, notes, say);
  if (intent === 'roi') {
    parameters.week = fixed.week?.iso ?? (/\b(this|current) weeks?\b/.test(fixed.text) && !fixed.lastWeek ? 'this' : 'last');
    if (fixed.week && !fixed.week.iso) notes.push(say.badWeek(fixed.week.asked));
  }
  // "Which SKUs hold more than 1,000 units?" is a summary of every SKU within the bound, not of one.
  const listsSkus = intent === 'sku_summary' && (parameters.quantity || parameters.value);
  const missing =
    NEEDS_SKU.includes(intent) && !listsSkus && !parameters.sku && !candidates.some((c) => c.kind === 'product') ? 'sku' : null;
  return { intent, parameters, confidence: Math.round(confidence * 100) / 100, candidates, missing, notes };
}

/** Sets the bound on what the intent compares (money or units), or says it was not applied. */
function applyAmount(intent: Intent, amount: AmountAsked, p: Parameters, notes: string[], say: (typeof NOTES)[AskLang]) {
  const on = AMOUNT_ON[intent];
  if (!on) {
    notes.push(say.noAmount(amount.asked));
    return;
  }
  p[amount.kind ?? on.default] = amount.bound;
}
