// A page's query parameters, read strictly: the URL is anyone's to edit or share, and a value the
// page cannot use answers 422 with a sentence naming it (PageError shows it in the page's language)
// instead of a 500 or a silent fallback that shows something else than was asked for. An absent or
// empty parameter is the page's default.
import { data } from 'react-router';
import type { MessageKey } from '../i18n/messages';

/** As components/ui `pageProblem`: PageError shows `t(messageKey, vars)` (here apart from the UI, so it can be tested alone). */
const pageProblem = (messageKey: MessageKey, status: number, vars: Record<string, string | number>) =>
  data({ messageKey, vars }, { status });

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
    /** One of `values`, or undefined when absent. */
    choice<T extends string>(name: string, values: readonly T[]): T | undefined {
      const v = raw(name);
      if (v === undefined) return undefined;
      if (!(values as readonly string[]).includes(v))
        throw pageProblem('query.choice', 422, { param: name, value: quoted(v), choices: values.join(', ') });
      return v as T;
    },
    /** A whole number within [min, max] (no upper end when max is omitted), or undefined when absent. */
    int(name: string, min: number, max?: number): number | undefined {
      const v = raw(name);
      if (v === undefined) return undefined;
      const n = /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
      if (Number.isSafeInteger(n) && n >= min && (max === undefined || n <= max)) return n;
      throw max === undefined
        ? pageProblem('query.numberFrom', 422, { param: name, value: quoted(v), min })
        : pageProblem('query.number', 422, { param: name, value: quoted(v), min, max });
    },
    /** A day (yyyy-mm-dd) that exists, or (`instant`) a UTC time as the API writes it; undefined when absent. */
    day(name: string, instant = false): string | undefined {
      const v = raw(name);
      if (v === undefined) return undefined;
      const time = instant && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));
      if (!isIsoDay(v) && !time) throw pageProblem('query.date', 422, { param: name, value: quoted(v) });
      return v;
    },
    /** An ISO week (yyyy-Www) that exists, or undefined when absent. */
    week(name: string): string | undefined {
      const v = raw(name);
      if (v === undefined) return undefined;
      if (!isIsoWeek(v)) throw pageProblem('query.week', 422, { value: quoted(v) });
      return v;
    },
  };
}
