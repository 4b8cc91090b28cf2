import { toDay } from './dates';
import { openInboundQuantity, type InboundShipment } from './types';

/**
 * When inbound stock can be counted. A shipment counts from its expected arrival, never before:
 * - received and cancelled shipments never count; a partly received one counts what is left;
 * - `arrived` (at the dock, not yet received) counts from today;
 * - a shipment whose ETA has passed without receipt, or one marked `delayed` with an ETA
 *   already past, is **late, arrival unknown**: it counts from today + `lateDelayDays`
 *   (the tenant's typical delay of late shipments, default 7 days — see docs/planning.md);
 * - otherwise from its ETA.
 * Days are offsets from today (day 0).
 */
export interface InboundTiming {
  shipment: InboundShipment;
  quantity: number;
  /** First day (offset from today) the units can be sold. */
  availableFrom: number;
  late: boolean;
}

export const DEFAULT_LATE_DELAY_DAYS = 7;

export function inboundTiming(s: InboundShipment, today: number, lateDelayDays = DEFAULT_LATE_DELAY_DAYS): InboundTiming | null {
  const quantity = openInboundQuantity(s);
  if (quantity <= 0) return null;
  const eta = toDay(s.etaDate) - today;
  if (s.status === 'arrived') return { shipment: s, quantity, availableFrom: 0, late: false };
  if (eta < 0) return { shipment: s, quantity, availableFrom: Math.max(1, Math.ceil(lateDelayDays)), late: true };
  return { shipment: s, quantity, availableFrom: eta, late: s.status === 'delayed' };
}
