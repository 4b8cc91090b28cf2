// What a caller asks the stock use-cases for. The HTTP shapes (zod) live with their routes and
// parse into these; the import pipeline, actions and the web app build them directly.

/** Who posts: the ledger names them by email (createdBy, as the audit entry does) and keeps the user id beside it (createdById). */
export interface Actor {
  userId: string;
  email: string;
}

interface Base {
  /** A business key; matched without regard to case, stored in the product's own spelling. */
  sku: string;
  reason: string;
  reference: string;
}

/**
 * One stock movement. Quantities are whole units (> 0, except ADJUST which is signed and ≠ 0);
 * dates are yyyy-mm-dd in the tenant's calendar. A lot is named by its lot number (or API id)
 * within the SKU; `warehouse` picks one when the lot number is stocked in several.
 */
export type MovementRequest =
  | (Base & {
      type: 'IN';
      lotId: string;
      warehouse: string;
      quantity: number;
      expirationDate?: string;
      receivedDate?: string;
      unitCost?: number;
      /** A new lot's status; an already-expired lot can only be received into quarantine. */
      status?: 'available' | 'quarantine';
    })
  | (Base & {
      type: 'OUT';
      quantity: number;
      lotId?: string;
      warehouse?: string;
      customerId?: string;
      /** Ship a named lot shorter-dated than the customer accepts; the reason is audited. */
      override?: { reason: string };
    })
  | (Base & { type: 'MOVE'; lotId: string; warehouse?: string; toWarehouse: string; quantity: number })
  | (Base & { type: 'ADJUST' | 'WRITE_OFF'; lotId: string; warehouse?: string; quantity: number });

/** A receipt against an inbound shipment: 1–100 lines, all received or none. */
export interface ReceiveRequest {
  lines: {
    sku: string;
    lotId: string;
    expirationDate: string;
    quantity: number;
    /** Defaults to the shipment's destination warehouse. */
    warehouse?: string;
    receivedDate?: string;
    /** Defaults to the product's unit cost. */
    unitCost?: number;
  }[];
  reason: string;
}
