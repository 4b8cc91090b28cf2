// The bounded number schemas every input uses. JSON allows 1e308; nothing Lotwise stores is
// anywhere near that, and unbounded values overflow sums and money totals downstream.
import { z } from 'zod';

/** Money per unit or in total, in the tenant's currency: non-negative, at most a billion. */
export const money = z.number().finite().min(0).max(1e9);
/** Whole units of stock or of an order line. */
export const units = z.number().int('Whole units only.').min(0).max(1e9);
export const positiveUnits = z.number().int('Whole units only.').positive().max(1e9);
/** A stock level a planner sets by hand (safety stock, reorder point): units, possibly fractional. */
export const stockLevel = z.number().finite().min(0).max(1e9);
/** Whole days, up to a century (shelf life, minimum remaining life). */
export const wholeDays = z.number().int().min(0).max(36500);
/** Lead-time days (may be fractional), up to a year. */
export const leadDays = z.number().finite().min(0).max(365);
/** A pack size. */
export const packSize = z.number().int().min(1).max(1e6);
