// Cell values as planners' files write them: ISO, US and day-first dates, Excel serial dates,
// yyyymmdd, month names; numbers with thousands separators, decimal commas and currency signs.

export type DateOrder = 'mdy' | 'dmy';
export type DecimalMark = '.' | ',';
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Excel's day 0 is 1899-12-30 once its fictional 1900-02-29 is accounted for.
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?)?$/;
const DAY_MONTH_NAME = /^(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s,]+(\d{4}|\d{2})$/;
const MONTH_NAME_DAY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;

const fail = (message: string): Parsed<never> => ({ ok: false, message });
const FAST_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const FAST_INT = /^\d{1,15}$/;
const daysIn = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

function ymd(y: number, m: number, d: number, raw: string): Parsed<string> {
  if (y < 100) y += y < 70 ? 2000 : 1900;
  if (y < 1900 || y > 2199) return fail(`"${raw}" is outside the years 1900–2199.`);
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (m < 1 || m > 12 || d < 1 || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return fail(`"${raw}" is not a real date.`);
  return { ok: true, value: back.toISOString().slice(0, 10) };
}

const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** Which order a slash date proves, if any: 13/01/2025 is day-first, 01/13/2025 is US. */
export function dateOrderEvidence(raw: string): DateOrder | undefined {
  const m = NUMERIC.exec(raw.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return undefined;
}

/** A date as yyyy-mm-dd. Slash dates with both parts ≤ 12 need the file's date order. */
export function parseDate(input: string, order: DateOrder | undefined): Parsed<string> {
  const raw = input.trim();
  // The common case (yyyy-mm-dd, as the templates write) without building a Date.
  let m = FAST_ISO.exec(raw);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (y >= 1900 && y <= 2199 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo)) return { ok: true, value: raw };
  }
  m = ISO.exec(raw) ?? COMPACT.exec(raw);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  if ((m = NUMERIC.exec(raw))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    const evidence = dateOrderEvidence(raw);
    if (evidence && order && evidence !== order)
      return fail(`"${raw}" is not a real date in ${order === 'mdy' ? 'month/day/year' : 'day/month/year'} order.`);
    const use = evidence ?? order ?? (a === b ? 'mdy' : undefined);
    if (!use) return fail(`"${raw}" is ambiguous (month/day or day/month?); choose dateOrder mdy or dmy.`);
    return use === 'mdy' ? ymd(y, a, b, raw) : ymd(y, b, a, raw);
  }
  if ((m = DAY_MONTH_NAME.exec(raw)) && monthOf(m[2])) return ymd(Number(m[3]), monthOf(m[2]), Number(m[1]), raw);
  if ((m = MONTH_NAME_DAY.exec(raw)) && monthOf(m[1])) return ymd(Number(m[3]), monthOf(m[1]), Number(m[2]), raw);
  if (SERIAL.test(raw)) return { ok: true, value: excelSerialToIso(Number(raw)) };
  return fail(`"${raw}" is not a date (use yyyy-mm-dd).`);
}

export const excelSerialToIso = (serial: number) => new Date(EXCEL_EPOCH + Math.floor(serial) * DAY).toISOString().slice(0, 10);

export const excelSerialToIso1904 = (serial: number) => excelSerialToIso(serial + 1462);

/**
 * Number marks, decided once per file (docs/imports.md): a value proves the decimal mark when it
 * can be read only one way (2,36 · 0.125 · 1,234.50 · 1.234.567); 1.000 or 1,250 alone proves
 * nothing. `decimal` is the file's mark; without one, a value that could be read both ways is
 * refused rather than guessed.
 */
export type MarkEvidence = DecimalMark | 'ambiguous' | undefined;

const CURRENCY = /^[$€£¥₩]|[$€£¥₩]$/g;
const SPACES = /[\s\u00a0\u202f']/g;

function bare(input: string): { s: string; negative: boolean } {
  let s = input.trim().replace(SPACES, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(CURRENCY, '');
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = negative !== (s[0] === '-');
    s = s.slice(1);
  }
  return { s, negative };
}

const GROUPED = (t: string) => new RegExp(`^[1-9]\\d{0,2}(\\${t}\\d{3})+$`);
const GROUPED_COMMA = GROUPED(',');
const GROUPED_DOT = GROUPED('.');
const ONE_GROUP = /^[1-9]\d{0,2}[.,]\d{3}$/;

/** What one cell says about the file's decimal mark. */
export function markEvidence(input: string): MarkEvidence {
  const { s } = bare(input);
  const comma = s.indexOf(',');
  const dot = s.indexOf('.');
  if (comma < 0 && dot < 0) return undefined;
  if (comma >= 0 && dot >= 0) return s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
  const mark = comma >= 0 ? ',' : '.';
  const other: DecimalMark = mark === ',' ? '.' : ',';
  if (s.indexOf(mark) !== s.lastIndexOf(mark)) return (mark === ',' ? GROUPED_COMMA : GROUPED_DOT).test(s) ? other : undefined;
  if (ONE_GROUP.test(s)) return 'ambiguous';
  return /^\d+[.,]\d+$/.test(s) ? mark : undefined;
}

const PLAIN = /^\d+(\.\d+)?(e[-+]?\d+)?$/i;

/** A number; `decimal` is the file's decimal mark once decided (see markEvidence). */
export function parseNumber(input: string, decimal?: DecimalMark): Parsed<number> {
  if (FAST_INT.test(input)) return { ok: true, value: Number(input) };
  const raw = input.trim();
  const b = bare(raw);
  const negative = b.negative;
  let s = b.s;
  const hasComma = s.includes(',');
  const hasDot = s.includes('.');
  if (hasComma || hasDot) {
    const mark = decimal ?? markEvidence(s);
    if (mark === 'ambiguous')
      return fail(`"${raw}" could be ${s.replace(/[.,]/, '')} or ${s.replace(',', '.')}: choose decimal . or , for this file.`);
    if (mark === undefined) return fail(`"${raw}" is not a number.`);
    const thousands = mark === ',' ? '.' : ',';
    const [int, frac, extra] = s.split(mark);
    if (extra !== undefined) return fail(`"${raw}" has more than one decimal mark "${mark}" (this file's decimal mark).`);
    if (int.includes(thousands) && !(thousands === ',' ? GROUPED_COMMA : GROUPED_DOT).test(int))
      return fail(`"${raw}" is not a number with "${mark}" as decimal mark (this file's) and "${thousands}" between thousands.`);
    if (frac !== undefined && frac.includes(thousands))
      return fail(`"${raw}" is not a number with "${mark}" as decimal mark (this file's).`);
    s = int.split(thousands).join('') + (frac !== undefined ? `.${frac}` : '');
  }
  if (!PLAIN.test(s)) return fail(`"${raw}" is not a number.`);
  const n = Number(s);
  if (!Number.isFinite(n)) return fail(`"${raw}" is not a finite number.`);
  return { ok: true, value: negative ? -n : n };
}
