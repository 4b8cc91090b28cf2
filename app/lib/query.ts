// A page's query parameters, read strictly: the URL is anyone's to edit or share, and a value the
// page cannot use answers 422 with a sentence naming it (PageError shows it in the page's language)
// instead of a 500 or a silent fallback that shows something else than was asked for. An absent or
// empty parameter is the page's default.
import { data } from 'react-router';
import type { MessageKey } from '../i18n/messages';
import type { Lang } from './format';

/**
 * The parameters pages read strictly. Each has its name in the catalog (`query.param.*`): a Korean
 * notice names the parameter by its Korean label (유형, 최소 금액), never by the bare name
 * (`minValue`); the English one keeps the name as the address spells it.
 */
export type QueryParam =
  | 'type'
  | 'state'
  | 'kind'
  | 'confidence'
  | 'severity'
  | 'minValue'
  | 'page'
  | 'batch'
  | 'days'
  | 'week'
  | 'from'
  | 'to'
  | 'after'
  | 'before';

/** What a notice's placeholders are read as: the parameter's label, and each allowed value's word. */
export interface QueryLabels {
  param?: MessageKey;
  choices?: { value: string; key: MessageKey }[];
}

/** A query notice as a loader throws it and PageError reads it. */
export interface QueryProblem {
  messageKey: MessageKey;
  vars: Record<string, string | number>;
  labels?: QueryLabels;
}

/** As components/ui `pageProblem`: PageError shows `t(messageKey, queryVars(…))` (here apart from the UI, so it can be tested alone). */
const pageProblem = (messageKey: MessageKey, status: number, vars: Record<string, string | number>, labels?: QueryLabels) =>
  data({ messageKey, vars, ...(labels ? { labels } : {}) } satisfies QueryProblem, { status });

const paramLabel = (name: QueryParam): QueryLabels => ({ param: `query.param.${name}` });

/**
 * The placeholders of a query notice in the page's language: the parameter by its label, and on
 * Korean pages each allowed value by its word with the value to type beside it ("제안됨(proposed)"),
 * so no bare code or parameter name is left in a Korean sentence.
 */
export function queryVars(t: (key: MessageKey) => string, lang: Lang, p: QueryProblem): Record<string, string | number> {
  const vars = { ...p.vars };
  if (p.labels?.param) vars.param = t(p.labels.param);
  if (p.labels?.choices && lang === 'ko')
    vars.choices = p.labels.choices
      .map(({ value, key }) => {
        const word = t(key);
        return word.includes(value) ? word : `${word}(${value})`;
      })
      .join(', ');
  return vars;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const ISO_WEEK = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;
/** A value quoted back in a sentence: short, one line. */
const quoted = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v).replace(/\s+/g, ' ');

/** Weeks in an ISO year: 53 when 1 January or (leap years) 31 December falls on a Thursday. */
function isoWeeksIn(year: number): number {
  const thursday = (m: number, d: number) => new Date(Date.UTC(year, m, d)).getUTCDay() === 4;
  return thursday(0, 1) || thursday(11, 31) ? 53 : 52;
}

export function isIsoDay(v: string): boolean {
  if (!ISO_DAY.test(v)) return false;
  // Month 13 is no date at all (toISOString would throw); 2025-02-29 rolls over to March.
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function isIsoWeek(v: string): boolean {
  const m = ISO_WEEK.exec(v);
  return !!m && Number(m[2]) <= isoWeeksIn(Number(m[1]));
}

export function queryOf(request: Request | URL) {
  const params = request instanceof URL ? request.searchParams : new URL(request.url).searchParams;
  const raw = (name: string) => params.get(name)?.trim() || undefined;
  return {
    params,
    /** One of `values`, or undefined when absent; `word` names a value in the catalog (what the page shows for it). */
    choice<T extends string>(name: QueryParam, values: readonly T[], word?: (v: T) => MessageKey): T | undefined {
      const v = raw(name);
      if (v === undefined) return undefined;
      if (!(values as readonly string[]).includes(v))
        throw pageProblem(
          'query.choice',
          422,
          { param: name, value: quoted(v), choices: values.join(', ') },
          { ...paramLabel(name), ...(word ? { choices: values.map((value) => ({ value, key: word(value) })) } : {}) },
        );
      return v as T;
    },
    /** A whole number within [min, max] (no upper end when max is omitted), or undefined when absent. */
    int(name: QueryParam, min: number, max?: number): number | undefined {
      const v = raw(name);
      if (v === undefined) return undefined;
      const n = /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
      if (Number.isSafeInteger(n) && n >= min && (max === undefined || n <= max)) return n;
      throw max === undefined
        ? pageProblem('query.numberFrom', 422, { param: name, value: quoted(v), min }, paramLabel(name))
        : pageProblem('query.number', 422, { param: name, value: quoted(v), min, max }, paramLabel(name));
    },
    /** A day (yyyy-mm-dd) that exists, or (`instant`) a UTC time as the API writes it; undefined when absent. */
    day(name: QueryParam, instant = false): string | undefined {
      const v = raw(name);
      if (v === undefined) return undefined;
      const time = instant && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));
      if (!isIsoDay(v) && !time) throw pageProblem('query.date', 422, { param: name, value: quoted(v) }, paramLabel(name));
      return v;
    },
    /** An ISO week (yyyy-Www) that exists, or undefined when absent. */
    week(name: QueryParam): string | undefined {
      const v = raw(name);
      if (v === undefined) return undefined;
      if (!isIsoWeek(v)) throw pageProblem('query.week', 422, { value: quoted(v) });
      return v;
    },
  };
}
