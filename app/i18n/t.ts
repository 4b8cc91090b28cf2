import { useRouteLoaderData } from 'react-router';
import type { MessageKey } from './messages';
import { formats, type Formats, type Lang } from '../lib/format';
import type { EntityName } from '../../worker/imports/entities';
import { resolveJosa } from '../../worker/lib/josa';

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * Builds t() over a catalog; the page gets its language's catalog from the root loader, so the
 * messages travel as data rather than as JavaScript in every route. A Korean message writes the
 * particle after a placeholder in both forms ("{sku}을(를)", "{value}은(는)", "{email}(으)로");
 * once filled in, the one its value takes is chosen (worker/lib/josa.ts): "KR-NDL-001을".
 */
export function translator(catalog: Partial<Record<MessageKey, string>>): T {
  return (key, vars) => {
    // Own keys only: a key built from data (`act.state.${state}`) must not reach Object.prototype.
    const text: string = (Object.hasOwn(catalog, key) ? catalog[key] : undefined) ?? key;
    return vars ? resolveJosa(text.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? String(vars[k]) : m))) : text;
  };
}

export interface RootData {
  lang: Lang;
  messages: Partial<Record<MessageKey, string>>;
  user: {
    /** The API's id of the signed-in user (SessionUser.id): what an action's proposedById is compared with. */
    id?: string;
    email: string;
    role: import('../lib/roles').Role;
    tenantId: string;
    tenantName: string;
    currency: string;
    timeZone: string;
  } | null;
  csrf: string | null;
}

/**
 * A page's title in the page's language: meta functions run outside components, so they read the
 * catalog the root loader sent (English pages keep their titles).
 */
export function pageTitle(matches: readonly ({ id: string; loaderData?: unknown } | undefined)[], key: MessageKey): { title: string }[] {
  const messages = (matches.find((m) => m?.id === 'root')?.loaderData as RootData | undefined)?.messages;
  return [{ title: messages?.[key] ? `${messages[key]} · Lotwise` : 'Lotwise' }];
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

/** The kinds of data the API imports (worker/imports/entities.ts), in the order the imports page offers them. */
export const ENTITIES = [
  'products',
  'inventory_lots',
  'customers',
  'orders',
  'inbound_shipments',
  'receipts',
  'warehouses',
  'promotions',
] as const satisfies readonly EntityName[];

/** A kind of imported data (the API's entity name) in the page's language; a name this page does not know as it is. */
export function entityLabel(t: T, entity: string): string {
  return (ENTITIES as readonly string[]).includes(entity) ? t(`imp.entity.${entity as (typeof ENTITIES)[number]}`) : entity;
}

/** The forecast models by the API's names (worker/domain/forecast/model.ts ModelName). */
export const MODELS = [
  'moving-average',
  'ses',
  'holt-winters',
  'linear-trend',
  'seasonal-naive',
  'croston',
  'sba',
  'tsb',
  'profile',
] as const;
/** Demand classes by the API's names (worker/domain/forecast/demand-class.ts DemandClass). */
export const DEMAND_CLASSES = ['smooth', 'erratic', 'intermittent', 'lumpy', 'no-demand'] as const;

/** A forecast model's name in the page's language (English keeps the model's own name); an unknown one as it is. */
export function modelLabel(t: T, model: string): string {
  return (MODELS as readonly string[]).includes(model) ? t(`model.name.${model as (typeof MODELS)[number]}`) : model;
}

/** A SKU's demand class in the page's language; an unknown one as it is. */
export function demandClassLabel(t: T, demandClass: string): string {
  return (DEMAND_CLASSES as readonly string[]).includes(demandClass)
    ? t(`model.class.${demandClass as (typeof DEMAND_CLASSES)[number]}`)
    : demandClass;
}

/**
 * An audit entry's action code ("lot.update", "action.approved") in the page's language: English
 * pages show the code as recorded; Korean names the record and the verb (a whole code for the few
 * that are not record.verb), and a code it cannot name stays as it is.
 */
export function auditActionLabel(t: T, lang: Lang, code: string): string {
  if (lang !== 'ko') return code;
  const catalog = t as unknown as (key: string) => string;
  const whole = catalog(`audit.code.${code}`);
  if (whole !== `audit.code.${code}`) return whole;
  const at = code.lastIndexOf('.');
  const [record, verb] = [catalog(`audit.record.${code.slice(0, at)}`), catalog(`audit.verb.${code.slice(at + 1)}`)];
  return at > 0 && !record.startsWith('audit.') && !verb.startsWith('audit.') ? `${record} ${verb}` : code;
}

const CHANNELS = ['grocery_chain', 'asian_grocer', 'foodservice', 'ecommerce', 'specialty_retail'] as const;

/** A customer's channel in the page's language when it is one of the sample codes; the tenant's own words as they are. */
export function channelLabel(t: T, channel: string | null | undefined): string {
  if (!channel) return '—';
  return (CHANNELS as readonly string[]).includes(channel) ? t(`cust.channel.${channel as (typeof CHANNELS)[number]}`) : channel;
}
