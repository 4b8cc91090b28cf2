// Entities in a question: SKU codes, day counts and calendar phrases, warehouses, and product and
// customer names matched loosely with Fuse.js (typos, word order) over their canonical tokens.
import { isIsoWeek } from '../domain/dates';
import Fuse from 'fuse.js';
import { KOREAN_PLACES } from './hangul';
import { CUE_WORDS } from './intents';
import { canonical, nameTokens, tokens } from './text';

export interface Catalog {
  products: { sku: string; name: string }[];
  customers: { customerId: string; name: string; minRemainingShelfLifeDays: number | null }[];
  warehouses: { code: string; name: string; region: string }[];
}

interface Named {
  id: string;
  label: string;
  text: string;
  /** Name words without pack sizes. */
  words: string[];
  /** Name words with pack sizes ("120g", "15l"), which tell sizes of one product apart. */
  all: string[];
}

export interface CatalogIndex {
  catalog: Catalog;
  skuByKey: Map<string, string>;
  products: Fuse<Named>;
  customers: Fuse<Named>;
  /** Every word (with pack sizes) of the product names, and of the customer names. */
  productWords: string[];
  customerWords: string[];
  /** Per kind, typed words already checked against those words (questions repeat their words). */
  fitMemo: { product: Map<string, boolean>; customer: Map<string, boolean> };
  /** Typed words already corrected against the cue words (correctCue); bounded like fitMemo. */
  cueMemo: Map<string, string>;
  warehouseAliases: Map<string, string>;
  /** Every word of every name: never "corrected" into a cue word. */
  vocabulary: Set<string>;
}

const CUES = [...CUE_WORDS].filter((w) => w.length >= 5);

/** A misspelt cue word ("reordr", "captial", "forcast") → the cue; names and known words stay. */
function correctCue(word: string, index: CatalogIndex): string {
  if (word.length < 5 || CUE_WORDS.has(word) || index.vocabulary.has(word) || /\d/.test(word)) return word;
  let cue = index.cueMemo.get(word);
  if (cue === undefined) {
    const max = word.length >= 8 ? 2 : 1;
    cue = CUES.find((c) => distance(word, c, max) <= max) ?? word;
    if (index.cueMemo.size >= 20_000) index.cueMemo.clear();
    index.cueMemo.set(word, cue);
  }
  return cue;
}

/** "KR-NDL-001", "kr ndl 1", "krndl001" → "krndl1": letters, then the number without leading zeros. */
function codeKey(s: string): string | null {
  const compact = s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const m = /^([a-z]+(?:\d+[a-z]+)*)0*(\d+)$/.exec(compact);
  return m ? m[1] + m[2] : null;
}

const fuse = (items: Named[]) =>
  new Fuse(items, { keys: ['text'], includeScore: true, useExtendedSearch: true, ignoreLocation: true, threshold: 0.34 });

const bare = (w: string) => w.replace(/[^a-z0-9]/g, '');

const named = (id: string, label: string): Named => {
  const words = nameTokens(label).map(bare).filter(Boolean);
  const all = tokens(canonical(label)).map(bare).filter(Boolean);
  return { id, label, text: all.join(' '), words, all };
};

/** Levenshtein distance, stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let before = prev;
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      // An adjacent transposition ("captial") is one typo.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
    }
    if (Math.min(...cur) > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** One typed word against one name word: equal, a prefix of 4+ letters, or a typo or two in a long word. */
export function wordMatches(typed: string, word: string): boolean {
  if (typed === word) return true;
  if (typed.length >= 4 && word.startsWith(typed)) return true;
  const max = typed.length >= 8 ? 2 : typed.length >= 5 ? 1 : 0;
  return max > 0 && distance(typed, word, max) <= max;
}

const STATES: Record<string, string> = {
  nj: 'new jersey',
  ny: 'new york',
  ca: 'california',
  tx: 'texas',
  wa: 'washington',
  il: 'illinois',
  ga: 'georgia',
  fl: 'florida',
};

/**
 * Places a question may name a warehouse by (US states and cities, in English; Korean names arrive
 * here translated through hangul.ts): when one names no warehouse of the tenant's, the answer says so.
 */
const PLACES = new Set([
  ...Object.values(STATES),
  ...Object.values(KOREAN_PLACES),
  'boston',
  'chicago',
  'atlanta',
  'seattle',
  'houston',
  'miami',
  'denver',
  'phoenix',
  'portland',
  'los angeles',
  'san francisco',
  'las vegas',
  'philadelphia',
]);

/** A known place in the words (three-, two- then one-word names) that no product or customer name has all the words of. */
function namedPlace(words: string[], index: CatalogIndex): string | null {
  const names = new Set([...index.productWords, ...index.customerWords]);
  for (const n of [3, 2, 1])
    for (let i = 0; i + n <= words.length; i++) {
      const span = words.slice(i, i + n);
      if (PLACES.has(span.join(' ')) && !span.every((w) => names.has(w))) return span.join(' ');
    }
  return null;
}

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const skuByKey = new Map<string, string>();
  for (const p of catalog.products) {
    const k = codeKey(p.sku);
    if (k) skuByKey.set(k, p.sku);
  }
  // Warehouse aliases: code, code without digits, its last segment, a state's name, and name words
  // that only this warehouse has.
  const aliases = new Map<string, string | null>();
  const add = (alias: string, code: string) => aliases.set(alias, aliases.has(alias) && aliases.get(alias) !== code ? null : code);
  const wordCount = new Map<string, number>();
  for (const w of catalog.warehouses) for (const t of new Set(nameTokens(w.name))) wordCount.set(t, (wordCount.get(t) ?? 0) + 1);
  for (const w of catalog.warehouses) {
    const code = w.code.toLowerCase();
    add(code, w.code);
    add(code.replace(/[^a-z0-9]/g, ''), w.code);
    const letters = code.replace(/\d+$/, '');
    if (letters.length >= 2) add(letters, w.code);
    const last = code.split(/[-_]/).pop()!;
    if (last.length >= 2) add(last, w.code);
    if (STATES[letters]) add(STATES[letters], w.code);
    for (const t of nameTokens(w.name))
      if (
        t.length >= 4 &&
        wordCount.get(t) === 1 &&
        !['distribution', 'center', 'centre', 'depot', 'warehouse', 'cross', 'dock'].includes(t)
      )
        add(t, w.code);
  }
  const warehouseAliases = new Map([...aliases].filter((e): e is [string, string] => e[1] !== null));
  const productNames = catalog.products.map((p) => named(p.sku, p.name));
  const customerNames = catalog.customers.map((c) => named(c.customerId, c.name));
  return {
    catalog,
    skuByKey,
    products: fuse(productNames),
    customers: fuse(customerNames),
    productWords: [...new Set(productNames.flatMap((n) => n.all))],
    customerWords: [...new Set(customerNames.flatMap((n) => n.all))],
    fitMemo: { product: new Map(), customer: new Map() },
    cueMemo: new Map(),
    warehouseAliases,
    vocabulary: new Set(
      [...catalog.products, ...catalog.customers, ...catalog.warehouses].flatMap((x) => tokens(canonical(x.name)).map(bare)),
    ),
  };
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
  couple: 2,
  few: 3,
};
const UNIT_DAYS: [RegExp, number][] = [
  [/^(d|days?)$/, 1],
  [/^(w|wks?|weeks?)$/, 7],
  [/^(mos?|months?)$/, 30],
  [/^(quarters?)$/, 90],
  [/^(yrs?|years?)$/, 365],
];
/** Days in one of a duration's units ("wks" → 7); 1 for an unknown unit. */
const daysPerUnit = (unit: string): number => UNIT_DAYS.find(([re]) => re.test(unit))?.[1] ?? 1;
const PERIOD_DAYS: Record<string, number> = { week: 7, fortnight: 14, month: 30, quarter: 90, year: 365 };

const NUM = `(\\d{1,4}|${Object.keys(NUMBER_WORDS).join('|')})`;
const UNITS = '(d|days?|w|wks?|weeks?|mos?|months?|quarters?|yrs?|years?)';
// Digits may touch their unit ("30d"); number words need a space, so "and" is never "an d".
const DURATION = new RegExp(`\\b(?:a )?(?:(\\d{1,4}) ?|${NUM.replace('\\d{1,4}|', '')}(?: of)? )${UNITS}\\b`, 'g');
const PERIOD = /\b(?:(?:the )?(?:next|coming|this|current|rest of the|rest of this)) (week|fortnight|month|quarter|year)\b/g;
const BARE = /\b(?:within|in|next|over) (\d{1,3})\b/g;

/** A window read differently than written: one counting back ("-3 days"), or beyond MAX_ASK_DAYS. */
export interface Adjusted {
  kind: 'past' | 'long';
  /** The words as the question wrote them. */
  asked: string;
  /** The days used instead. */
  days: number;
}

export interface Found {
  skus: string[];
  days: number | null;
  lastWeek: boolean;
  /** An ISO week the question names ("2026-W40", "week 40 of 2026"): as written, and "YYYY-Www" when it exists. */
  week: { asked: string; iso: string | null } | null;
  warehouse: string | null;
  /** A warehouse the question names that the tenant does not have ("in the Boston warehouse"). */
  unknownWarehouse: string | null;
  /** The canonical question with codes and durations taken out, for the intent grammar. */
  text: string;
  rest: string[];
  /** Where the question's own numbers could not be used as written, what was used instead. */
  adjusted: Adjusted[];
}

/** The longest window Ask looks ahead (days). */
export const MAX_ASK_DAYS = 730;
/** A number of any length with a duration unit, and whether a minus sign stands before it (raw text). */
const RAW_DURATION = new RegExp(`(-\\s*)?\\b(\\d+)\\s*${UNITS}\\b`, 'gi');

// ISO weeks as planners write them: "2026-W40", "2026 w 40", "2026W40", "week 40 of 2026".
const WEEK = /\b(\d{4}) ?-? ?w(?:ee)?k? ?-? ?(\d{1,3})\b|\bweek (\d{1,3}),? (?:of |in )?(\d{4})\b/i;
// A place named as a warehouse: "in the Boston warehouse", "at DC ZZ9", "from warehouse 7".
const NAMED_WAREHOUSE =
  /\b(?:in|at|from|to|for) (?:the |our )?([a-z0-9]+) (?:warehouse|wh|dc|depot|distribution cent(?:er|re))\b|\b(?:warehouse|wh|dc|depot) ([a-z]{0,4}\d{1,4}[a-z]?)\b/;
const NOT_A_NAME = new Set(['each', 'every', 'any', 'which', 'what', 'this', 'that', 'one', 'a', 'my', 'your', 'same', 'other', 'another']);

function findWeek(raw: string): Found['week'] {
  const m = WEEK.exec(raw);
  if (!m) return null;
  const [year, week] = m[1] ? [m[1], m[2]] : [m[4], m[3]];
  const iso = `${year}-W${week.padStart(2, '0')}`;
  return { asked: m[0].trim(), iso: week.length <= 2 && isIsoWeek(iso) ? iso : null };
}

/** SKU codes, durations and warehouses; returns what is left for the name matchers. */
export function findFixed(question: string, index: CatalogIndex): Found {
  const raw = question.normalize('NFKC');
  const week = findWeek(raw);
  // The week's numbers are not a window ("2026 weeks") and not a day count.
  const withoutWeek = week ? raw.replace(WEEK, ' ') : raw;
  let text = ` ${canonical(withoutWeek)} `;
  const skus: string[] = [];
  // SKU codes: one to three adjacent tokens whose compact form is a catalogue code.
  const toks = tokens(text);
  const used = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    for (let n = 3; n >= 1; n--) {
      if (i + n > toks.length || [...Array(n).keys()].some((k) => used.has(i + k))) continue;
      const joined = toks.slice(i, i + n).join('');
      if (!/\d/.test(joined) || !/[a-z]/.test(joined)) continue;
      const key = codeKey(joined);
      const sku = key ? index.skuByKey.get(key) : undefined;
      if (sku) {
        if (!skus.includes(sku)) skus.push(sku);
        for (let k = 0; k < n; k++) used.add(i + k);
        break;
      }
    }
  }
  text = ` ${toks.filter((_, i) => !used.has(i)).join(' ')} `;
  const lastWeek = /\b(last|past|previous|prior) week\b/.test(text);
  if (lastWeek) text = text.replace(/\b(last|past|previous|prior) week\b/g, ' last week ');
  let days: number | null = null;
  const adjusted: Adjusted[] = [];
  const setDays = (d: number) => {
    if (days === null && d > 0) days = Math.min(MAX_ASK_DAYS, Math.round(d));
  };
  // Numbers the duration grammar below cannot take as written: longer than Ask looks ahead (also
  // too many digits to read), or a window before today. Said in the answer, never silently swapped.
  for (const m of withoutWeek.matchAll(RAW_DURATION)) {
    const asked = Number(m[2]) * daysPerUnit(m[3].toLowerCase());
    if (m[1]) {
      adjusted.push({ kind: 'past', asked: m[0].trim(), days: Math.min(MAX_ASK_DAYS, asked) });
    } else if (asked > MAX_ASK_DAYS) {
      adjusted.push({ kind: 'long', asked: m[0].trim(), days: MAX_ASK_DAYS });
      if (m[2].length > 4) setDays(MAX_ASK_DAYS);
    }
  }
  text = text.replace(DURATION, (_m, digits: string | undefined, word: string | undefined, unit: string) => {
    const count = digits ? Number(digits) : NUMBER_WORDS[word!];
    setDays(count * daysPerUnit(unit));
    return ' ';
  });
  text = text.replace(PERIOD, (_m, unit: string) => {
    setDays(PERIOD_DAYS[unit]);
    return unit === 'week' ? ' this week ' : ' ';
  });
  if (/\bfortnight\b/.test(text)) setDays(14);
  if (/\btomorrow\b/.test(text)) setDays(1);
  text = text.replace(BARE, (m, n: string) => {
    setDays(Number(n));
    return ' ';
  });
  // Warehouses: two-word aliases (state names) first, then single tokens.
  let warehouse: string | null = null;
  const words = tokens(text).map((w) => correctCue(w, index));
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : '';
    const hit = (pair && index.warehouseAliases.get(pair)) || index.warehouseAliases.get(words[i]);
    if (hit && !warehouse) {
      warehouse = hit;
      if (pair && index.warehouseAliases.get(pair) === hit) i++;
      continue;
    }
    rest.push(words[i]);
  }
  let unknownWarehouse: string | null = null;
  if (!warehouse) {
    const m = NAMED_WAREHOUSE.exec(text);
    const named = m?.[1] ?? m?.[2];
    if (named && !NOT_A_NAME.has(named)) unknownWarehouse = named;
    // A state or city no warehouse is in ("in Florida", "보스턴에"), as the question wrote it.
    const place = namedPlace(words, index);
    if (place && (!unknownWarehouse || place.includes(unknownWarehouse))) {
      const hangul = Object.keys(KOREAN_PLACES).find((ko) => KOREAN_PLACES[ko] === place && raw.includes(ko));
      unknownWarehouse = hangul ?? place;
    }
  }
  return { skus, days, lastWeek, week, warehouse, unknownWarehouse, text: ` ${rest.join(' ')} `, rest, adjusted };
}

export interface NameMatch {
  kind: 'product' | 'customer';
  ids: string[];
  labels: string[];
  span: [number, number];
  score: number;
  exact: boolean;
}

/** The best name found in the content words: the longest span that matches, then the best score. */
export function findName(content: string[], index: CatalogIndex, kind: 'product' | 'customer'): NameMatch | null {
  const f = kind === 'product' ? index.products : index.customers;
  const nameWords = kind === 'product' ? index.productWords : index.customerWords;
  // A name is only accepted when each typed word matches one of its words (below), so a span with a
  // word that matches no word of any name cannot be found: such spans skip the fuzzy search.
  const bareWords = content.map(bare);
  const memo = index.fitMemo[kind];
  const fits = bareWords.map((w) => {
    if (!w) return true;
    let fit = memo.get(w);
    if (fit === undefined) {
      fit = nameWords.some((n) => wordMatches(w, n));
      if (memo.size >= 20_000) memo.clear();
      memo.set(w, fit);
    }
    return fit;
  });
  for (let len = Math.min(5, content.length); len >= 1; len--) {
    let best: NameMatch | null = null;
    for (let start = 0; start + len <= content.length; start++) {
      if (!fits.slice(start, start + len).every(Boolean)) continue;
      const span = bareWords.slice(start, start + len).filter(Boolean);
      if (!span.length || (span.length === 1 && span[0].length < 4)) continue;
      // Fuse proposes (extended search: every word must match fuzzily, in any order); each typed
      // word must then match a whole name word, so "table" never finds "Vegetable".
      const found = f
        .search(span.join(' '))
        .filter((r) => (r.score ?? 1) <= 0.3 && span.every((w) => r.item.all.some((n) => wordMatches(w, n))));
      if (!found.length) continue;
      const top = found[0].score ?? 1;
      if (best && best.score <= top) continue;
      // Of the names that fit, one with at most one word not said, and fewer than any other, is meant
      // ("kimchi ramyeon" is the 5-pack, not the cup); otherwise the planner chooses.
      const extra = (r: (typeof found)[number]) => r.item.words.filter((n) => !span.some((w) => wordMatches(w, n))).length;
      const fewest = Math.min(...found.map(extra));
      const lean = found.filter((r) => extra(r) === fewest);
      const chosen =
        fewest <= 1 && lean.length === 1 ? lean : [...found].sort((a, b) => extra(a) - extra(b) || (a.score ?? 1) - (b.score ?? 1));
      best = {
        kind,
        ids: chosen.slice(0, 6).map((r) => r.item.id),
        labels: chosen.slice(0, 6).map((r) => r.item.label),
        span: [start, start + len],
        score: top,
        exact: chosen.length === 1,
      };
    }
    if (best) return best;
  }
  return null;
}

/** Words that can be part of a name: not a cue, not a number. */
export const contentWords = (rest: string[]) => rest.filter((w) => !CUE_WORDS.has(w) && !/^\d+$/.test(w));
