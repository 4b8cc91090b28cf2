// Amounts and quantities in a question: "worth more than $500", "at least 2.5k", "1,000 units or
// more", "fewer than 50 units", "500원 이상", "1000개 넘는", "100만원 초과". Pure: the matcher reads
// one bound from the question and says whether it named money or units; each answer compares it
// with its own figure (docs/ask.md, "Amounts"). Money is in the tenant's currency (a symbol or
// currency word marks an amount as money; which currency it names is not checked).
import { roundForApi } from '../lib/serialize';

/** A lower bound ("more than", "at least") or an upper one ("less than", "at most"). */
export type Bound = { min: number; inclusive: boolean } | { max: number; inclusive: boolean };
/** What a bound is on: money (tenant currency) or units. */
export type AmountKind = 'value' | 'quantity';

export interface AmountAsked {
  bound: Bound;
  /** Money or units when the question says which (a currency, "worth", "units", "개"); null when it does not. */
  kind: AmountKind | null;
  /** The words as the question wrote them ("over $5,000", "500원 이상"). */
  asked: string;
  /** Where they stand in the (NFKC-normalised) question. */
  span: [number, number];
}

const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?)\s*(k(?![a-z])|thousand|m(?![a-z])|million|천|만|백만|억)?`;
const CURRENCY_SIGN = String.raw`[$€£₩¥]`;
const CURRENCY_WORD = String.raw`dollars?|usd|eur|euros?|krw|won|달러|불|원`;
const UNIT_WORD = String.raw`units?|pcs|pieces?|items?|ea|개`;
const AMOUNT = String.raw`(${CURRENCY_SIGN})?\s*${NUMBER}\s*(${CURRENCY_WORD}|${UNIT_WORD})?`;
// "over 30 days" is an age or a window, "more than 50%" a share, "more than 3 orders" a count of
// something else: none of them is an amount.
const NOT_AN_AMOUNT = String.raw`(?![\d.,]*\s*(?:(?:d|days?|weeks?|wks?|months?|mos?|years?|yrs?|hours?|h|%|percent|orders?|times|customers?|clients?|skus?|products?|lots?|shipments?|actions?|warehouses?|cases?)\b|일|주|개월|달|년|시간|퍼센트|건|번|회|곳|명))`;

const BEFORE_WORDS = [
  // Longest first: "no more than" is an upper bound, not "more than".
  ['no more than|not more than|at most|max(?:imum)?(?: of)?|<=|≤', 'max', true],
  ['no less than|not less than|at least|min(?:imum)?(?: of)?|>=|≥', 'min', true],
  ['more than|greater than|over|above|exceeding|in excess of|>', 'min', false],
  ['less than|fewer than|under|below|<', 'max', false],
] as const;
const AFTER_WORDS = [
  ['or more|or above|or over|or higher|and (?:up|above|over)|\\+|이상', 'min', true],
  ['or less|or fewer|or below|or under|이하', 'max', true],
  ['초과|넘는|넘게|넘은|넘어|보다 (?:큰|많은|비싼)', 'min', false],
  ['미만|보다 (?:작은|적은|싼)|안 되는|안되는|못 미치는', 'max', false],
] as const;

const BEFORE = new RegExp(
  String.raw`(?<![\w.])(${BEFORE_WORDS.map(([w]) => w).join('|')})\s*(?:(?:a )?value of\s+|worth\s+)?${AMOUNT}${NOT_AN_AMOUNT}`,
  'i',
);
const AFTER = new RegExp(String.raw`(?<![\w.])${AMOUNT}\s*(${AFTER_WORDS.map(([w]) => w).join('|')})`, 'i');

const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  million: 1e6,
  천: 1e3,
  만: 1e4,
  백만: 1e6,
  억: 1e8,
};
// Words that make a bare number money: "worth more than 500", "금액이 50만 이상".
const MONEY_CONTEXT = /(worth|valu|cost|spend|price|revenue|sales|금액|가치|원가|매출|가격)[^\d]{0,20}$/i;

const sideOf = (word: string, table: typeof BEFORE_WORDS | typeof AFTER_WORDS) => {
  const w = word.toLowerCase();
  for (const [words, side, inclusive] of table) if (new RegExp(`^(?:${words})$`, 'i').test(w)) return { side, inclusive };
  return undefined;
};

/** The first amount or quantity bound the question names, or null. */
export function findAmount(question: string): AmountAsked | null {
  const raw = question.normalize('NFKC');
  const before = BEFORE.exec(raw);
  const after = AFTER.exec(raw);
  // The one that starts first: "no more than 500" is the before-form; "500 or more" the after-form.
  const useBefore = before && (!after || before.index <= after.index);
  const m = useBefore ? before : after;
  if (!m) return null;
  const [word, sign, digits, scale, unit] = useBefore ? [m[1], m[2], m[3], m[4], m[5]] : [m[5], m[1], m[2], m[3], m[4]];
  const side = sideOf(word, useBefore ? BEFORE_WORDS : AFTER_WORDS);
  const n = Number(digits.replace(/,/g, '')) * (scale ? (SCALE[scale.toLowerCase()] ?? 1) : 1);
  if (!side || !Number.isFinite(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) return null;
  // The unit may also follow the words: "1,000+ units", "500 or more dollars".
  const u = (
    unit ??
    new RegExp(`^\\s*(${CURRENCY_WORD}|${UNIT_WORD})(?![a-z])`, 'i').exec(raw.slice(m.index + m[0].length))?.[1] ??
    ''
  ).toLowerCase();
  const kind: AmountKind | null =
    sign || new RegExp(`^(?:${CURRENCY_WORD})$`, 'i').test(u)
      ? 'value'
      : u
        ? 'quantity'
        : MONEY_CONTEXT.test(raw.slice(0, m.index))
          ? 'value'
          : null;
  return {
    bound: side.side === 'min' ? { min: n, inclusive: side.inclusive } : { max: n, inclusive: side.inclusive },
    kind,
    asked: m[0].trim(),
    span: [m.index, m.index + m[0].length],
  };
}

/**
 * Whether `x` is within the bound, compared as the API shows the figure (money to the cent, other
 * figures to 4 decimals: lib/serialize): the engine's float noise (408.00000000003 units) must not
 * pass "more than 408" while every view reads 408.
 */
export const within = (x: number, b: Bound, kind: AmountKind): boolean => {
  const shown = roundForApi(x, kind === 'value' ? 'value' : '') as number;
  return 'min' in b ? (b.inclusive ? shown >= b.min : shown > b.min) : b.inclusive ? shown <= b.max : shown < b.max;
};
