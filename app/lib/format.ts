// Numbers, money and dates through Intl, in the tenant's currency and time zone and the user's language.
export type Lang = 'en' | 'ko';

export interface Formats {
  num(n: number | null | undefined, digits?: number): string;
  money(n: number | null | undefined): string;
  /** Money to the cent (a unit price). */
  money2(n: number | null | undefined): string;
  /** Money in few characters for chart axes: $340K, US$1.2M (Intl compact notation). */
  moneyShort(n: number | null | undefined): string;
  pct(p: number | null | undefined): string;
  /** A calendar date (YYYY-MM-DD), shown as written: it names a day, not an instant. */
  day(iso: string | null | undefined): string;
  /** An instant, in the tenant's time zone. */
  time(iso: string | number | null | undefined): string;
  ago(iso: string | number | null | undefined, now?: number): string;
  /** A span of hours in the unit that reads it: minutes under an hour, hours under two days, then days ("3 min", "2.5시간"). */
  hours(h: number | null | undefined): string;
}

const locales: Record<Lang, string> = { en: 'en-US', ko: 'ko-KR' };
const DASH = '—';

export function formats(lang: Lang, currency = 'USD', timeZone = 'UTC'): Formats {
  const locale = locales[lang];
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  const money2 = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const moneyShort = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const nums = new Map<number, Intl.NumberFormat>();
  const num = (digits: number) => {
    let f = nums.get(digits);
    if (!f) nums.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return f;
  };
  const ok = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
  const units = new Map<string, Intl.NumberFormat>();
  const unit = (u: 'minute' | 'hour' | 'day', digits: number) => {
    const k = `${u}${digits}`;
    let f = units.get(k);
    if (!f)
      units.set(k, (f = new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: digits })));
    return f;
  };
  return {
    num: (n, digits = 0) => (ok(n) ? num(digits).format(n) : DASH),
    money: (n) => (ok(n) ? money.format(n) : DASH),
    money2: (n) => (ok(n) ? money2.format(n) : DASH),
    moneyShort: (n) => (ok(n) ? moneyShort.format(n) : DASH),
    pct: (p) => (ok(p) ? pct.format(p) : DASH),
    day: (iso) => (iso ? day.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : DASH),
    time: (iso) => (iso === null || iso === undefined ? DASH : time.format(new Date(iso))),
    hours: (h) => {
      if (!ok(h)) return DASH;
      if (h < 1) return unit('minute', 0).format(Math.max(h * 60, h > 0 ? 1 : 0));
      return h < 48 ? unit('hour', 1).format(h) : unit('day', 1).format(h / 24);
    },
    ago: (iso, now = Date.now()) => {
      if (iso === null || iso === undefined) return DASH;
      const minutes = Math.round((new Date(iso).getTime() - now) / 60000);
      if (Math.abs(minutes) < 60) return rel.format(minutes, 'minute');
      const hours = Math.round(minutes / 60);
      return Math.abs(hours) < 48 ? rel.format(hours, 'hour') : rel.format(Math.round(hours / 24), 'day');
    },
  };
}

/** The currency's symbol alone, for column headers ("Value (₩)"). */
export function currencySymbol(lang: Lang, currency: string): string {
  const part = new Intl.NumberFormat(locales[lang], { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency');
  return part?.value ?? currency;
}
