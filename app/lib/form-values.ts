// A posted form's number fields as the API's JSON reads them. `Number()` alone turns a cleared
// field into 0, unreadable text into NaN and 1e309 into Infinity, and JSON.stringify then sends
// NaN and Infinity as null: a field that was never read looked "left as it is" and the page said
// saved. Here a blank field is null (the API: "… cannot be empty."), 1e309 stays Infinity and
// travels as a number too large for a double (the API: "… is too large."), and text that is no
// number at all travels as the text (the API: "… must be a number."). The API decides every one.

/** A number field: null when blank, the number when it reads as one (±Infinity included), else the text as typed. */
export function formNumber(value: File | string | null | undefined): number | string | null {
  const text = String(value ?? '').trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isNaN(n) ? text : n;
}

/** A percentage field as the fraction the API stores (95 → 0.95); blank and text pass through as they are. */
export const fractionOf = (v: number | string | null) => (typeof v === 'number' ? v / 100 : v);

const INFINITE = '\u0000infinite:';

/**
 * JSON for the API. A non-finite number is written as ±1e999 (valid JSON, read back as ±Infinity)
 * so the API refuses it by name; JSON.stringify would write null, which reads as "blank".
 */
export function apiJson(body: unknown): string {
  return JSON.stringify(body, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) && !Number.isNaN(v) ? `${INFINITE}${v > 0 ? '' : '-'}` : v,
  ).replace(/"\\u0000infinite:(-?)"/g, (_m, sign: string) => `${sign}1e999`);
}
