// The Ask use-case: match the question, read the matched view, optionally let a model explain it,
// audit the question. Read-only for every role; the tenant comes from the caller's token.
import type { Env } from '../lib/env';
import { recordEvent } from '../audit/record';
import type { Principal } from '../lib/auth';
import { isolateCache } from '../lib/isolate-cache';
import { ProblemError } from '../lib/problem';
import { createDb } from '../data/db';
import { loadAskCatalog } from '../data/ask.repo';
import { ANSWERERS, type Citation, type Column, type ViewAnswer } from './answers';
import { indexCatalog, type Catalog, type CatalogIndex } from './entities';
import type { Intent } from './intents';
import { matchQuestion, type Candidate, type Parameters } from './match';
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
  'Forecast for <SKU or product> (next 30/60/90 days)',
  'Which actions are awaiting approval?',
  "What was last week's ROI?",
];

function examples(sku: string | undefined): string[] {
  const s = sku ?? 'KR-NDL-001';
  return [`Which lots of ${s} ship first?`, 'What expires within 30 days?', 'What should we reorder this week?', `Forecast for ${s}`];
}

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

export async function ask(env: Env, who: Principal, rawQuestion: string): Promise<AskResult> {
  const question = rawQuestion.slice(0, QUESTION_READ_CHARS);
  const db = createDb(env);
  const { catalog, index } = await catalogs.get(who.tenantId, '', async () => {
    const c = await loadAskCatalog(db, who.tenantId);
    return { catalog: c, index: indexFor(who.tenantId, c) };
  });
  const m = matchQuestion(question, index);
  const firstSku = catalog.products[0]?.sku;
  let view: ViewAnswer;
  let suggestions: string[] = [];
  let confidence = m.confidence;
  if (!m.intent) {
    view = empty(
      'No question type matched with enough certainty, so nothing was looked up. Ask about one of the listed topics, naming a SKU, product, customer, warehouse or number of days where it helps.',
      `I can't answer that from Lotwise's views. I can answer: ${CAPABILITIES.join(' · ')}`,
    );
    suggestions = examples(firstSku);
  } else if (m.candidates.length) {
    const kind = m.candidates[0].kind;
    view = {
      ...empty(
        `The ${kind} named matches several records equally well; pick one to get the answer.`,
        `Which ${kind} do you mean? ${m.candidates.map((c) => `${c.id} (${c.label})`).join(', ')}`,
      ),
      rows: m.candidates.map((c) => ({ id: c.id, name: c.label })),
      columns: [
        { key: 'id', label: kind === 'product' ? 'SKU' : 'Customer' },
        { key: 'name', label: 'Name' },
      ],
      citations: m.candidates.map((c): Citation => ({ type: c.kind === 'product' ? 'sku' : 'customer', id: c.id, label: c.label })),
      totalRows: m.candidates.length,
    };
    suggestions = m.candidates.map((c) => question.replace(/\s+$/, '') + ` (${c.id})`).slice(0, 6);
  } else if (m.missing) {
    view = empty(
      'This question is about one product; name it by SKU code or product name.',
      'Which product? Name a SKU code or a product.',
    );
    suggestions = examples(firstSku).slice(0, 1);
  } else {
    try {
      view = await ANSWERERS[m.intent]({ env, db, tenantId: who.tenantId, catalog, p: m.parameters });
    } catch (e) {
      if (!(e instanceof ProblemError) || e.status !== 404) throw e;
      view = empty(
        'The SKU is in the catalogue but has no plan yet (no refresh since it was added).',
        `There is no plan for ${m.parameters.sku} yet.`,
      );
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
