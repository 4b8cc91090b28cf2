import { z } from 'zod';

/** Business keys (SKU, lot, warehouse, customer, order ids): no slashes, so they are safe in paths. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-:#@ ]{0,63}$/;

/** True for a real calendar date written yyyy-mm-dd (rejects 2025-02-30). */
export function isRealIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const isoDate = z.string().refine(isRealIsoDate, 'Use a real date as yyyy-mm-dd.');

/**
 * The language of a file made for people (`?lang=ko`): Korean column names and the Korean words
 * the pages show for codes (states, kinds, statuses). Absent or `en`: the file as it always was,
 * for the tools that read it.
 */
export const fileLang = z.enum(['en', 'ko']).optional();
export type FileLang = 'en' | 'ko';

/** A window bound written as a date (yyyy-mm-dd) or a UTC time (…T…Z). */
export const DAY_OR_UTC_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

/** A window bound as a comparable ISO time: a date starts (`from`) or ends (`to`) with its whole day. */
export const windowBound = (v: string, end: boolean): string => (v.length === 10 ? `${v}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : v);

// Names that resolve inside a network (mDNS, split-horizon DNS), never on the public internet.
const PRIVATE_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home', '.home.arpa', '.corp', '.intranet', '.private', '.arpa'];

/**
 * True for an https URL whose host is a public DNS name: no IP literal in any notation (dotted,
 * decimal, hex, IPv6), no single-label or reserved names that resolve inside a network. The
 * Worker fetches this URL itself, so anything else would let a tenant make it call private hosts.
 */
export function isPublicHttpsUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password) return false;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || host.includes(':')) return false;
  if (/^[\d.]+$/.test(host) || /^0x[0-9a-f]+$/.test(host) || host.split('.').some((l) => /^0x[0-9a-f]*$/.test(l))) return false;
  if (!host.includes('.') || host === 'localhost') return false;
  if (PRIVATE_SUFFIXES.some((s) => host.endsWith(s))) return false;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) && /[a-z]/.test(host.split('.').pop()!);
}
