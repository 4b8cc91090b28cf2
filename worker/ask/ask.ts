// The Ask use-case: match the question, read the matched view, optionally let a model explain it,
// audit the question. Read-only for every role; the tenant comes from the caller's token.
import type { Env } from '../lib/env';
import { recordEvent } from '../audit/record';
import type { Principal } from '../lib/auth';
import { isolateCache } from '../lib/isolate-cache';
import { ProblemError } from '../lib/problem';
import { createDb } from '../data/db';
import { loadAskCatalog } from '../data/ask.repo';
import { ANSWERERS, COLUMN_LABELS_KO, type Citation, type Column, type ViewAnswer } from './answers';
import { indexCatalog, type Catalog, type CatalogIndex } from './entities';
import type { Intent } from './intents';
import { matchQuestion, type AskLang, type Candidate, type Parameters } from './match';
import { explainWithModel, modelConfig, type ModelNotice, type ProposalOutcome } from './model';

/** Only the start of a long question is read: no real question needs more. */
export const QUESTION_READ_CHARS = 500;

export interface AskResult {
  question: string;
  intent: Intent | null;
  parameters: Parameters;
  answer: string;
  rows: Record<string, unknown>[];
  columns: Column[];
  citations: Citation[];
  explanation: string;
  /** The rules' own explanation, kept when a model replaced `explanation` (one click away in the web app). */
  ruleExplanation: string;
  source: 'rules' | 'model';
  confidence: number;
  suggestions: string[];
  candidates: Candidate[];
  totalRows: number;
  notice: ModelNotice | null;
  proposals: ProposalOutcome[];
}

export const CAPABILITIES = [
  'Which lots of <SKU or product> ship first (in <warehouse>, for <customer>)?',
  'What expires within <N> days, and what is it worth?',
  'What will stock out within <N> days?',
  'What should we reorder this week, and why?',
  'Which transfers and markdowns are proposed?',
  'Which customers buy <product>, and how often?',
  'Which customers are overdue for another order?',
  'Capital at risk by warehouse',
  'Summary of <SKU or product>',
  'Which SKUs have more than <N> units on hand? (an amount narrows most answers: "… worth more than <amount>")',
  'Forecast for <SKU or product> (next 30/60/90 days)',
  'Which actions are awaiting approval?',
  "What was last week's ROI?",
  'Which SKUs are critical (in <warehouse>)?',
  'Which shipments are late? What arrives within <N> days?',
];

/** The same topics in Korean (each is a question Ask itself understands; test/api/ask.test.ts). */
export const CAPABILITIES_KO = [
  '<SKU 또는 제품> 어떤 로트부터 출고해야 하나요? (<창고>, <고객>)',
  '<N>일 안에 유통기한이 끝나는 것과 그 금액은?',
  '<N>일 안에 품절될 것은?',
  '이번 주에 무엇을 재주문해야 하나요? 이유는?',
  '제안된 이동과 가격 인하는?',
  '<제품>은 누가 얼마나 자주 사나요?',
  '주문이 늦어진 고객은?',
  '창고별 위험 자본',
  '<SKU 또는 제품> 요약',
  '재고가 <N>개 넘는 SKU는? (금액·수량 조건은 대부분의 답에 적용됩니다: "… <금액> 이상")',
  '<SKU 또는 제품> 예측 (30/60/90일)',
  '승인 대기 중인 조치는?',
  '지난주 ROI는?',
  '위급한 SKU는?',
  '늦어진 입고는? 다음 주에 도착하는 입고는?',
];

function examples(sku: string | undefined, lang: AskLang): string[] {
  const s = sku ?? 'KR-NDL-001';
  return lang === 'ko'
    ? [`${s} 어떤 로트부터 출고해야 하나요?`, '30일 안에 유통기한이 끝나는 것은?', '이번 주에 무엇을 재주문해야 하나요?', `${s} 예측`]
    : [`Which lots of ${s} ship first?`, 'What expires within 30 days?', 'What should we reorder this week?', `Forecast for ${s}`];
}

/** What Ask says when it does not look anything up, per language. */
const SAY = {
  en: {
    unmatched:
      'No question type matched with enough certainty, so nothing was looked up. Ask about one of the listed topics, naming a SKU, product, customer, warehouse or number of days where it helps.',
    cannot: () => `I can't answer that from Lotwise's views. I can answer: ${CAPABILITIES.join(' · ')}`,
    ambiguous: (kind: 'product' | 'customer') => `The ${kind} named matches several records equally well; pick one to get the answer.`,
    whichOne: (kind: 'product' | 'customer', list: string) => `Which ${kind} do you mean? ${list}`,
    idColumn: (kind: 'product' | 'customer') => (kind === 'product' ? 'SKU' : 'Customer'),
    name: 'Name',
    needsSku: 'This question is about one product; name it by SKU code or product name.',
    whichProduct: 'Which product? Name a SKU code or a product.',
    noPlanWhy: 'The SKU is in the catalogue but has no plan yet (no refresh since it was added).',
    noPlan: (sku: string | undefined) => `There is no plan for ${sku} yet.`,
  },
  ko: {
    unmatched:
      '확실하게 맞는 질문 유형이 없어 아무것도 조회하지 않았습니다. 아래 주제 중 하나에 대해, 도움이 된다면 SKU, 제품, 고객, 창고 또는 일수를 넣어 물어보세요.',
    cannot: () => `Lotwise의 화면으로는 답할 수 없는 질문입니다. 답할 수 있는 질문: ${CAPABILITIES_KO.join(' · ')}`,
    ambiguous: (kind: 'product' | 'customer') =>
      `입력한 ${kind === 'product' ? '제품' : '고객'} 이름이 여러 기록과 똑같이 잘 맞습니다. 하나를 고르면 답을 드립니다.`,
    whichOne: (kind: 'product' | 'customer', list: string) => `어느 ${kind === 'product' ? '제품' : '고객'}을 말씀하시나요? ${list}`,
    idColumn: (kind: 'product' | 'customer') => (kind === 'product' ? 'SKU' : '고객'),
    name: '이름',
    needsSku: '이 질문은 한 제품에 대한 것입니다. SKU 코드나 제품명으로 알려 주세요.',
    whichProduct: '어느 제품인가요? SKU 코드나 제품명을 알려 주세요.',
    noPlanWhy: '이 SKU는 카탈로그에 있지만 아직 계획이 없습니다(추가된 뒤 새로고침이 없었습니다).',
    noPlan: (sku: string | undefined) => `${sku}에 대한 계획이 아직 없습니다.`,
  },
} satisfies Record<AskLang, unknown>;

// Matcher indexes per tenant in this isolate, rebuilt when any name changes (the key is the names).
const indexes = new Map<string, { key: string; index: CatalogIndex }>();
function indexFor(tenantId: string, catalog: Catalog): CatalogIndex {
  const key = JSON.stringify([catalog.products, catalog.customers, catalog.warehouses]);
  const hit = indexes.get(tenantId);
  if (hit?.key === key) return hit.index;
  if (indexes.size >= 100) indexes.delete(indexes.keys().next().value!);
  const index = indexCatalog(catalog);
  indexes.set(tenantId, { key, index });
  return index;
}

const empty = (explanation: string, answer: string): ViewAnswer => ({
  answer,
  explanation,
  rows: [],
  columns: [],
  citations: [],
  totalRows: 0,
});

// The tenant's names and matcher index, read per isolate at most every few seconds (every question
// needs them; lib/isolate-cache.ts: a committed change of the tenant's forgets them at once).
const catalogs = isolateCache<{ catalog: Awaited<ReturnType<typeof loadAskCatalog>>; index: CatalogIndex }>({ ttlMs: 5_000, max: 100 });

/**
 * Answers one question for the caller's tenant. `lang` sets the language of Ask's own sentences,
 * column labels and suggestions ("en" or "ko"); the engine's reasons quoted in an answer, its rows' reason columns included, are in that language too.
 */
export async function ask(env: Env, who: Principal, rawQuestion: string, lang: AskLang = 'en'): Promise<AskResult> {
  const say = SAY[lang];
  const question = rawQuestion.slice(0, QUESTION_READ_CHARS);
  const db = createDb(env);
  const { catalog, index } = await catalogs.get(who.tenantId, '', async () => {
    const c = await loadAskCatalog(db, who.tenantId);
    return { catalog: c, index: indexFor(who.tenantId, c) };
  });
  const m = matchQuestion(question, index, lang);
  const firstSku = catalog.products[0]?.sku;
  let view: ViewAnswer;
  let suggestions: string[] = [];
  let confidence = m.confidence;
  if (!m.intent) {
    view = empty(say.unmatched, say.cannot());
    suggestions = examples(firstSku, lang);
  } else if (m.candidates.length) {
    const kind = m.candidates[0].kind;
    view = {
      ...empty(say.ambiguous(kind), say.whichOne(kind, m.candidates.map((c) => `${c.id} (${c.label})`).join(', '))),
      rows: m.candidates.map((c) => ({ id: c.id, name: c.label })),
      columns: [
        { key: 'id', label: say.idColumn(kind) },
        { key: 'name', label: say.name },
      ],
      citations: m.candidates.map((c): Citation => ({ type: c.kind === 'product' ? 'sku' : 'customer', id: c.id, label: c.label })),
      totalRows: m.candidates.length,
    };
    suggestions = m.candidates.map((c) => question.replace(/\s+$/, '') + ` (${c.id})`).slice(0, 6);
  } else if (m.missing) {
    view = empty(say.needsSku, say.whichProduct);
    suggestions = examples(firstSku, lang).slice(0, 1);
  } else {
    try {
      view = await ANSWERERS[m.intent]({ env, db, tenantId: who.tenantId, catalog, p: m.parameters, lang });
      if (lang === 'ko') view = { ...view, columns: view.columns.map((c) => ({ ...c, label: COLUMN_LABELS_KO[c.key] ?? c.label })) };
    } catch (e) {
      if (!(e instanceof ProblemError) || e.status !== 404) throw e;
      view = empty(say.noPlanWhy, say.noPlan(m.parameters.sku));
      confidence = Math.min(confidence, 0.5);
    }
  }
  // What was read differently than written comes first, so nobody takes 30 days for 99999999999.
  if (m.notes.length) view = { ...view, explanation: [...m.notes, view.explanation].join(' ') };
  let explanation = view.explanation;
  let source: AskResult['source'] = 'rules';
  let notice: ModelNotice | null = null;
  let proposals: ProposalOutcome[] = [];
  const cfg = modelConfig(env);
  if (cfg && m.intent && !m.candidates.length && !m.missing && view.rows.length) {
    const r = await explainWithModel(env, cfg, who, { question, intent: m.intent, parameters: m.parameters, view }, catalog);
    notice = r.notice;
    proposals = r.proposals;
    if (r.explanation) {
      explanation = r.explanation;
      source = 'model';
    }
  }
  // A question changes nothing in D1: its entry goes straight to the chain (one call, no outbox rows).
  await recordEvent(env, db, {
    actor: who.email,
    tenantId: who.tenantId,
    entity: 'question',
    id: m.intent ?? 'unmatched',
    action: 'ask.question',
    data: { question: rawQuestion.slice(0, 2000), intent: m.intent, parameters: m.parameters, source, role: who.role },
  });
  return {
    question,
    intent: m.intent,
    parameters: m.parameters,
    ...view,
    explanation,
    ruleExplanation: view.explanation,
    source,
    confidence,
    suggestions,
    candidates: m.candidates,
    notice,
    proposals,
  };
}
