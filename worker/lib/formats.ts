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

export const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
