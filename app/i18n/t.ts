import { useRouteLoaderData } from 'react-router';
import type { MessageKey } from './messages';
import { formats, type Formats, type Lang } from '../lib/format';

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Builds t() over a catalog; the page gets its language's catalog from the root loader, so the
 * messages travel as data rather than as JavaScript in every route. */
export function translator(catalog: Partial<Record<MessageKey, string>>): T {
  return (key, vars) => {
    const text: string = catalog[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
  };
}

export interface RootData {
  lang: Lang;
  messages: Partial<Record<MessageKey, string>>;
  user: {
    email: string;
    role: import('../lib/roles').Role;
    tenantId: string;
    tenantName: string;
    currency: string;
    timeZone: string;
  } | null;
  csrf: string | null;
}

export function useRoot(): RootData {
  return (useRouteLoaderData('root') as RootData | undefined) ?? { lang: 'en', messages: {}, user: null, csrf: null };
}

/** A record of the API with engine text in `key` and, when the engine wrote it, its Korean in `${key}Ko` (ADR 025). */
export type EngineText<K extends string> = { [P in K]: string } & { [P in `${K}Ko`]?: string | null };

/**
 * The engine's text of a record in the page's language: the Korean sibling (`reasonKo`,
 * `explanationKo`, `messageKo`) on Korean pages when the API sent one, else the English as stored.
 */
export function engineText<K extends string>(lang: Lang, x: EngineText<K>, key: K): string {
  const ko = lang === 'ko' ? (x as Record<string, unknown>)[`${key}Ko`] : undefined;
  return typeof ko === 'string' && ko ? ko : x[key];
}

/** The translator and formatters for the current user (tenant currency and time zone); `tx` reads engine text (engineText). */
export function useI18n(): {
  t: T;
  f: Formats;
  lang: Lang;
  currency: string;
  tx: <K extends string>(x: EngineText<K>, key: K) => string;
} {
  const { lang, user, messages } = useRoot();
  const currency = user?.currency ?? 'USD';
  return {
    t: translator(messages),
    f: formats(lang, currency, user?.timeZone ?? 'UTC'),
    lang,
    currency,
    tx: (x, key) => engineText(lang, x, key),
  };
}

const CHANNELS = ['grocery_chain', 'asian_grocer', 'foodservice', 'ecommerce', 'specialty_retail'] as const;

/** A customer's channel in the page's language when it is one of the sample codes; the tenant's own words as they are. */
export function channelLabel(t: T, channel: string | null | undefined): string {
  if (!channel) return '—';
  return (CHANNELS as readonly string[]).includes(channel) ? t(`cust.channel.${channel as (typeof CHANNELS)[number]}`) : channel;
}
