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

/** A shipment's status as people set it; `received` is set only by receiving the last open unit. */
export type ShipmentStatus = 'planned' | 'in_transit' | 'delayed' | 'arrived' | 'received' | 'cancelled';

/**
 * The status changes a shipment allows (docs/planning.md § Inbound shipments): forward along
 * planned → in_transit ⇄ delayed → arrived, or cancelled before it is received. `received` and
 * `cancelled` are final; `arrived` does not go back to the road.
 */
export const SHIPMENT_TRANSITIONS: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  planned: ['in_transit', 'delayed', 'arrived', 'cancelled'],
  in_transit: ['delayed', 'arrived', 'cancelled'],
  delayed: ['in_transit', 'arrived', 'cancelled'],
  arrived: ['cancelled'],
  received: [],
  cancelled: [],
};

/** Statuses only the roles that receive stock set: units at the dock, and refusing them there. */
export const DOCK_STATUSES: readonly ShipmentStatus[] = ['arrived'];

/**
 * Why a shipment may not go from `from` to `to`, or undefined when it may. A shipment with units
 * received cannot be cancelled: those units are in lots. To close it short, reduce its lines to
 * what was received (each such line is then received).
 */
export function shipmentTransitionProblem(from: ShipmentStatus, to: ShipmentStatus, unitsReceived: number): string | undefined {
  if (from === to) return undefined;
  if (!SHIPMENT_TRANSITIONS[from].includes(to))
    return SHIPMENT_TRANSITIONS[from].length
      ? `The shipment is ${from}; it can become ${SHIPMENT_TRANSITIONS[from].join(', ')}, not ${to}.`
      : `The shipment is ${from}; its status is final.`;
  if (to === 'cancelled' && unitsReceived > 0)
    return `The shipment is ${from} and ${unitsReceived} of its units were already received; it cannot be cancelled. To close it short, reduce its lines to the units received.`;
  return undefined;
}

/** A shipment's status from its lines: that of its lines still open, `received` when none is. */
export function shipmentStatusOf(lines: readonly { status: string }[]): ShipmentStatus {
  return (lines.find((l) => l.status !== 'received')?.status ?? 'received') as ShipmentStatus;
}
