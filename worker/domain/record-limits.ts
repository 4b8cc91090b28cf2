// Limits on what a record may claim about time and quantity, shared by the API and the importer so
// a file and a request are refused for the same reasons (docs/imports.md § Limits on records).
import { addDays } from './dates';

export interface LimitProblem<F extends string = string> {
  /** The field at fault, as the API names it (the importer maps it to its column). */
  field: F;
  message: string;
}
export type LotLimitProblem = LimitProblem<'receivedDate' | 'expirationDate' | 'quantity'>;

/** An open or cancelled order may be booked at most this many days ahead (a standing or pre-booked order). */
export const MAX_ORDER_DAYS_AHEAD = 366;

/**
 * An order's date against the tenant's `today`: a shipped order has happened, so it cannot be dated
 * after today; an open (booked) or cancelled order may be dated up to MAX_ORDER_DAYS_AHEAD ahead.
 */
export function orderDateProblem(status: string | undefined, orderDate: string, today: string): LimitProblem<'orderDate'> | undefined {
  if (status === 'shipped' && orderDate > today)
    return { field: 'orderDate', message: `A shipped order cannot be dated after today (${today}); ${orderDate} has not happened yet.` };
  const latest = addDays(today, MAX_ORDER_DAYS_AHEAD);
  if (orderDate > latest)
    return { field: 'orderDate', message: `An order cannot be dated more than ${MAX_ORDER_DAYS_AHEAD} days ahead (after ${latest}).` };
  return undefined;
}

/** An inbound shipment's ETA may lie at most this many days before or after today (two years). */
export const MAX_ETA_DAYS = 730;

/** An ETA against the tenant's `today`: a late shipment's ETA is past, but not by years (a date such as 1900-01-01 stands for "unknown"). */
export function etaDateProblem(etaDate: string, today: string): LimitProblem<'etaDate'> | undefined {
  const [earliest, latest] = [addDays(today, -MAX_ETA_DAYS), addDays(today, MAX_ETA_DAYS)];
  if (etaDate < earliest || etaDate > latest)
    return { field: 'etaDate', message: `An ETA must lie between ${earliest} and ${latest} (${MAX_ETA_DAYS} days either side of today).` };
  return undefined;
}

/** Most units one lot may hold: above it a quantity is a typo (an extra digit group, a pasted code). */
export const MAX_LOT_UNITS = 10_000_000;
/** Oldest receipt accepted, in days before today (10 years): older is a stand-in for "unknown" such as 1900-01-01. */
export const MAX_RECEIPT_AGE_DAYS = 3653;
/**
 * Days an expiry may lie beyond receipt + the product's shelf life: suppliers count shelf life from
 * production, and a label rounds to the end of a month, so a lot may read a few days longer than
 * the catalogue's figure. The sample and real-world files fit within 0 days; 31 leaves the rounding.
 */
export const EXPIRY_TOLERANCE_DAYS = 31;

/**
 * Problems of a lot's dates and quantity: received within the last MAX_RECEIPT_AGE_DAYS, expiring
 * no later than receipt + shelf life + EXPIRY_TOLERANCE_DAYS (when the shelf life is known), at most
 * MAX_LOT_UNITS units. Receipt after today and expiry not after receipt are checked where they were.
 */
export function lotLimitProblems(
  lot: { receivedDate: string; expirationDate?: string; quantity?: number; shelfLifeDays?: number | null },
  today: string,
): LotLimitProblem[] {
  const out: LotLimitProblem[] = [];
  const oldest = addDays(today, -MAX_RECEIPT_AGE_DAYS);
  if (lot.receivedDate < oldest)
    out.push({
      field: 'receivedDate',
      message: `A receipt date before ${oldest} (${MAX_RECEIPT_AGE_DAYS} days ago) is not a real receipt.`,
    });
  else if (lot.expirationDate && lot.shelfLifeDays && lot.shelfLifeDays > 0) {
    const latest = addDays(lot.receivedDate, lot.shelfLifeDays + EXPIRY_TOLERANCE_DAYS);
    if (lot.expirationDate > latest)
      out.push({
        field: 'expirationDate',
        message: `Expiration ${lot.expirationDate} is beyond the product's shelf life of ${lot.shelfLifeDays} days from receipt ${lot.receivedDate} (latest ${latest}).`,
      });
  }
  if (lot.quantity !== undefined && lot.quantity > MAX_LOT_UNITS)
    out.push({ field: 'quantity', message: `A lot holds at most ${MAX_LOT_UNITS.toLocaleString('en-US')} units.` });
  return out;
}
