// The one place numbers are shaped for the wire. Engine arithmetic leaves float noise
// (27.599999999999998, 984.0000000000001); readers and spreadsheets should never see it.
// Money (any field named for a cost, price, value, capital or amount) goes to the cent; every
// other fractional number keeps 4 decimals, enough for probabilities and service levels (≤ 0.9999)
// and for derived quantities, whose whole-unit values come out exactly whole.

const MONEY_KEY = /cost|price|value|capital|amount|revenue|saving|spend|margin/i;
const MONEY_DECIMALS = 2;
const OTHER_DECIMALS = 4;

const roundTo = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  // Number.EPSILON nudges x.xx5 written as x.xx49999… to round half up, as accountants expect.
  const r = Math.round((x + Math.sign(x) * Number.EPSILON * Math.abs(x)) * f) / f;
  return Object.is(r, -0) ? 0 : r;
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
