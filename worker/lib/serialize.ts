// The one place numbers are shaped for the wire. Engine arithmetic leaves float noise
// (27.599999999999998, 984.0000000000001); readers and spreadsheets should never see it.
// Money (any field named for a cost, price, value, capital or amount) goes to the cent; every
// other fractional number keeps 4 decimals, enough for probabilities and service levels (≤ 0.9999)
// and for derived quantities, whose whole-unit values come out exactly whole.

const MONEY_KEY = /cost|price|value|capital|amount|revenue|saving|spend|margin/i;
const MONEY_DECIMALS = 2;
const OTHER_DECIMALS = 4;

/**
 * Rounds half away from zero on the number's shortest decimal form (what JSON shows), so 1.005 and
 * 2.675 go up as written although their binary values sit just below, and a value that already has
 * `decimals` or fewer stays exactly as it is at any magnitude. Exponent forms (below 1e-6 or from
 * 1e21) take the plain binary rounding.
 */
const roundTo = (x: number, decimals: number) => {
  const a = Math.abs(x);
  const shown = String(a);
  // Already within `decimals` as written: unchanged (scaling a 15-digit value by 10^decimals would
  // pass 2^53 and lose its last digit).
  const dot = shown.indexOf('.');
  if (!shown.includes('e') && (dot < 0 || shown.length - dot - 1 <= decimals)) return x;
  const r = shown.includes('e')
    ? Math.round(a * 10 ** decimals) / 10 ** decimals
    : Number(`${Math.round(Number(`${shown}e${decimals}`))}e-${decimals}`);
  return r === 0 ? 0 : Math.sign(x) * r;
};

export function roundForApi(value: unknown, key = ''): unknown {
  if (typeof value === 'number') {
    if (Number.isInteger(value) || !Number.isFinite(value)) return value;
    return roundTo(value, MONEY_KEY.test(key) ? MONEY_DECIMALS : OTHER_DECIMALS);
  }
  if (Array.isArray(value)) return value.map((v) => roundForApi(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = roundForApi(v, k);
    return out;
  }
  return value;
}

// A JSON number with three or more fraction digits or an exponent, where JSON puts values (after
// `:`, `,` or `[`, or as the whole document, and before `,`, `}`, `]` or the end), so the
// milliseconds of a timestamp ("…01:20:41.123Z") do not count. Text inside strings may still
// match; that only costs the full pass.
const ROUNDABLE = /(?:^|[:,[])\s*-?\d+(?:\.\d{3,}(?:[eE][+-]?\d+)?|(?:\.\d{1,2})?[eE][+-]?\d+)\s*(?=[,}\]]|$)/;

/**
 * Whether `roundForApi` could change this JSON text. False means every number already has at most
 * two decimals and no exponent, which rounding leaves as it is, so the text can be sent unchanged.
 */
export const mayNeedRounding = (json: string): boolean => ROUNDABLE.test(json);

/** Rounds every number of a (nested) array the way `roundForApi` rounds an array under a money key. */
const moneyArray = (xs: unknown[]): unknown[] =>
  xs.map((x) =>
    typeof x === 'number' && !Number.isInteger(x) && Number.isFinite(x) ? roundTo(x, MONEY_DECIMALS) : Array.isArray(x) ? moneyArray(x) : x,
  );

function roundingReplacer(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isInteger(value) || !Number.isFinite(value)) return value;
    // An array element's key is its index: the array's own key chose money rounding already (below).
    return roundTo(value, !Array.isArray(this) && MONEY_KEY.test(key) ? MONEY_DECIMALS : OTHER_DECIMALS);
  }
  if (Array.isArray(value) && MONEY_KEY.test(key)) return moneyArray(value);
  return value;
}

/**
 * `JSON.stringify(roundForApi(value))` in one pass: the same text for any JSON value (see the
 * property in test/domain/serialize.test.ts), without building a rounded copy first. Values with
 * `toJSON` (dates) serialise as JSON.stringify does. Returns the JSON text.
 */
export const toApiJson = (value: unknown): string => JSON.stringify(value, roundingReplacer);

// Responses whose body was written by `toApiJson` (and not changed since): the API's rounding
// middleware sends them as they are instead of reading and re-serialising the body.
const rounded = new WeakSet<Response>();

/** Marks a response whose JSON body is already rounded for the API; returns it. */
export function markRounded(res: Response): Response {
  rounded.add(res);
  return res;
}

/** Whether `markRounded` marked this response. */
export const isRounded = (res: Response): boolean => rounded.has(res);

/** The JSON object in `text`, or null when the text is empty or is not a JSON object. */
export function jsonObject(text: string | null | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * A JSON object stored as text (an action's evidence or outcome) as the object the API answers
 * with: null for no text; text that is not a JSON object is kept under `text` rather than failing
 * the answer.
 */
export const storedObject = (text: string | null | undefined): Record<string, unknown> | null =>
  text ? (jsonObject(text) ?? { text }) : null;
