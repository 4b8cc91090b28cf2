// Ask: a question in plain words, answered from Lotwise's own views — the answer, its rows, and
// citations that open the SKU, lot, customer or action they name. The question lives in the URL
// (shareable); the browser keeps the user's last questions.
import { useEffect, useState } from 'react';
import { Form, Link, useLoaderData, useNavigation } from 'react-router';
import type { Route } from './+types/ask';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import { langOf } from '../lib/lang.server';
import { pageTitle, useI18n } from '../i18n/t';
import type { MessageKey } from '../i18n/messages';
import { Card, Empty, Notice, PageError, PageHeader, buttonCls, inputCls } from '../components/ui';
import type { AskCitation } from '../lib/types';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.ask');

type Citation = AskCitation;
export interface AskAnswer {
  question: string;
  intent: string | null;
  answer: string;
  rows: Record<string, unknown>[];
  columns: { key: string; label: string }[];
  citations: Citation[];
  explanation: string;
  ruleExplanation?: string;
  source: 'rules' | 'model';
  confidence: number;
  suggestions: string[];
  totalRows: number;
  notice: string | { code?: string; message?: string } | null;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 2000);
  if (!q) return { q, answer: null };
  // Ask answers in the page's language (its sentences, labels and suggestions).
  const body = { question: q, lang: langOf(request) };
  return load(async () => ({ q, answer: await api(context, request, token).send<AskAnswer>('POST', '/api/ask', body) }));
}

export function ErrorBoundary() {
  return <PageError />;
}

const SUGGESTIONS: MessageKey[] = ['ask.s1', 'ask.s2', 'ask.s3', 'ask.s4', 'ask.s5', 'ask.s6'];
const HISTORY_KEY = 'lotwise.ask.history';

// Maps, not plain objects: a citation's id and a row's keys come from the answer, and a key such as
// `constructor` or `__proto__` must find nothing rather than Object.prototype's members.
const VIEWS = new Map<string, string>([
  ['/api/expiring', '/lots'],
  ['/api/reorders', '/skus'],
  ['/api/stockouts', '/skus'],
  ['/api/insights', '/skus'],
  ['/api/plan', '/'],
  ['actions', '/actions'],
]);

/** Where a citation opens in the web app, or null when it names no page. */
export function citationHref(c: Citation): string | null {
  const id = encodeURIComponent(c.id);
  if (c.type === 'sku') return `/skus/${id}`;
  if (c.type === 'lot') return `/lots?q=${id}`;
  if (c.type === 'customer') return `/customers/${id}`;
  if (c.type === 'action') return `/actions?open=${id}`;
  if (c.type === 'warehouse') return `/lots?q=${id}`;
  if (c.type === 'view') return VIEWS.get(c.id.split('?')[0]) ?? null;
  return null;
}

const CELL_LINK = new Map<string, Citation['type']>([
  ['sku', 'sku'],
  ['lotId', 'lot'],
  ['customerId', 'customer'],
  ['actionId', 'action'],
  ['id', 'action'],
]);

/** Stock statuses the views write as codes, read in the page's language. */
const STATUS_WORDS = new Set(['critical', 'warning', 'healthy']);

function Cell({ k, v, intent }: { k: string; v: unknown; intent: string | null }) {
  const { f, t } = useI18n();
  const type = CELL_LINK.get(k);
  if (type && typeof v === 'string' && (k !== 'id' || intent === 'pending_actions' || intent === 'transfers_markdowns')) {
    return (
      <Link className="whitespace-nowrap text-brand-700 underline" to={citationHref({ type, id: v })!}>
        {v}
      </Link>
    );
  }
  if (k === 'status' && typeof v === 'string' && STATUS_WORDS.has(v)) return <>{t(`status.${v}` as MessageKey)}</>;
  if (typeof v === 'number')
    return <>{/probab/i.test(k) ? f.pct(v) : /value|cost|price|sales|amount/i.test(k) ? f.money(v) : f.num(v, 2)}</>;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return <>{f.day(v)}</>;
  return <>{v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v)}</>;
}

function History({ current }: { current: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<string[]>([]);
  useEffect(() => {
    const prev = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as string[];
    const next = current ? [current, ...prev.filter((p) => p !== current)].slice(0, 10) : prev;
    localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
    setItems(next);
  }, [current]);
  if (!items.length) return null;
  return (
    <Card title={t('ask.history')}>
      <ul className="space-y-1 text-sm" data-testid="ask-history">
        {items.map((h) => (
          <li key={h}>
            <Link className="text-brand-700 underline" to={`?q=${encodeURIComponent(h)}`}>
              {h}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Answer({ a }: { a: AskAnswer }) {
  const { t, f } = useI18n();
  const [rules, setRules] = useState(false);
  const cites = a.citations.map((c) => ({ c, href: citationHref(c) })).filter((x) => x.href && x.c.type !== 'view');
  const views = a.citations.map((c) => ({ c, href: citationHref(c) })).filter((x) => x.href && x.c.type === 'view');
  return (
    <div className="space-y-4" data-testid="ask-answer">
      <Card title={t('ask.answer')}>
        <p className="text-base" data-testid="answer-text">
          {a.answer}
        </p>
        {a.source === 'model' ? (
          <div className="mt-3 space-y-2 text-sm">
            <p>
              <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs text-violet-900" data-testid="explained-by-model">
                {t('ask.byModel')}
              </span>{' '}
              {rules ? a.ruleExplanation : a.explanation}
            </p>
            <button type="button" className="text-xs text-brand-700 underline" aria-pressed={rules} onClick={() => setRules(!rules)}>
              {rules ? t('ask.showModel') : t('ask.showRules')}
            </button>
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-700">{a.explanation}</p>
        )}
        {a.notice && (
          <div className="mt-3">
            <Notice kind="info">{typeof a.notice === 'string' ? a.notice : (a.notice.message ?? a.notice.code)}</Notice>
          </div>
        )}
        <p className="mt-2 text-xs text-slate-600">{t('ask.confidence', { pct: f.pct(a.confidence) })}</p>
      </Card>
      {a.rows.length > 0 && (
        <Card title={t('ask.rows', { n: a.rows.length, total: a.totalRows })}>
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" aria-label={t('ask.rowsLabel')}>
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-700">
                <tr>
                  {a.columns.map((c) => (
                    <th key={c.key} scope="col" className="px-3 py-2">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {a.rows.map((r, i) => (
                  <tr key={i} data-testid="ask-row">
                    {a.columns.map((c) => (
                      <td key={c.key} className="px-3 py-1.5">
                        <Cell k={c.key} v={r[c.key]} intent={a.intent} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {(cites.length > 0 || views.length > 0) && (
        <Card title={t('ask.citations')}>
          <ul className="flex flex-wrap gap-2 text-sm" data-testid="citations">
            {[...views, ...cites].map(({ c, href }) => (
              <li key={`${c.type}:${c.id}`}>
                <Link
                  className="rounded-full border border-slate-300 px-2 py-0.5 text-brand-700 hover:bg-slate-50"
                  to={href!}
                  data-type={c.type}
                >
                  {t(`ask.cite.${c.type}` as MessageKey)} {c.type === 'view' ? (c.label ?? c.id) : c.id}
                  {c.label && c.type !== 'view' ? ` · ${c.label}` : ''}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

export default function Ask() {
  const { q, answer } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const busy = useNavigation().state === 'loading';
  const suggestions = answer?.suggestions.length ? answer.suggestions : SUGGESTIONS.map((k) => t(k));
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.ask')} />
      <Form method="get" className="flex flex-wrap gap-2" role="search">
        <label className="min-w-0 flex-1">
          <span className="sr-only">{t('ask.question')}</span>
          <input
            name="q"
            defaultValue={q}
            key={q}
            placeholder={t('ask.placeholder')}
            aria-label={t('ask.question')}
            maxLength={2000}
            className={`${inputCls} w-full`}
          />
        </label>
        <button className={buttonCls} disabled={busy}>
          {busy ? t('common.loading') : t('ask.submit')}
        </button>
      </Form>
      <section aria-label={t('ask.suggestions')}>
        <ul className="flex flex-wrap gap-2 text-sm">
          {suggestions.map((s) => (
            <li key={s}>
              <Link className="rounded-full bg-slate-100 px-3 py-1 text-slate-800 hover:bg-slate-200" to={`?q=${encodeURIComponent(s)}`}>
                {s}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {answer ? <Answer a={answer} /> : <Empty>{t('ask.empty')}</Empty>}
      <History current={q} />
    </div>
  );
}
