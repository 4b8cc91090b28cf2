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

const THOUSANDS_COMMA = /^[1-9]\d{0,2}(,\d{3})+$/;
const THOUSANDS_DOT = /^[1-9]\d{0,2}(\.\d{3})+$/;
const PLAIN = /^\d+(\.\d+)?(e[-+]?\d+)?$/i;

/** A number; `decimal` says which mark is the decimal point when the file's convention is known. */
export function parseNumber(input: string, decimal?: DecimalMark): Parsed<number> {
  if (FAST_INT.test(input)) return { ok: true, value: Number(input) };
  let s = input.trim().replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/^[$€£¥₩]|[$€£¥₩]$/g, '');
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = negative !== (s[0] === '-');
    s = s.slice(1);
  }
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    // Both marks: the last one is the decimal point (1,234.5 and 1.234,5).
    s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (comma >= 0) {
    s = decimal !== ',' && THOUSANDS_COMMA.test(s) ? s.replace(/,/g, '') : s.indexOf(',') === comma ? s.replace(',', '.') : s;
  } else if (dot >= 0 && decimal === ',' && THOUSANDS_DOT.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!PLAIN.test(s)) return fail(`"${input.trim()}" is not a number.`);
  const n = Number(s);
  if (!Number.isFinite(n)) return fail(`"${input.trim()}" is not a finite number.`);
  return { ok: true, value: negative ? -n : n };
}
