/**
 * The reasons the system writes on the movements it posts itself (a shipment's receipt, an import,
 * an executed action, a new lot, the sample data's opening balances). Each is written by one
 * function here, in English as the ledger stores it; `movementReasonKo` reads a stored reason back
 * into Korean for the web app's Korean pages (`reasonKo` beside `reason`, ADR 025). It reads what
 * is already in the ledger too, so older movements need no rewrite. A reason a person typed
 * matches none of these and stays as typed (no Korean sibling).
 */
import { ACTION_KIND_KO } from './code-words';

/** A receipt of an inbound shipment, by hand (receiving) when no reason is given. */
export const receiptReason = (shipmentId: string) => `Receipt of shipment ${shipmentId}`;

/**
 * A receipt loaded from a receipts file: "Receipt of shipment <id> (import <import id>)". The
 * import commit writes it in SQL (imports/commit-receipts.ts) with this very wording.
 */
export const importedReceiptReason = (shipmentId: string, importId: string) => `${receiptReason(shipmentId)} (import ${importId})`;

/** Lots loaded from a lots file: one movement per (type, SKU) named after the import. */
export const importReason = (importId: string) => `import ${importId}`;

/** The movement an executed action posts (a transfer, write-off or sale). */
export const actionReason = (kind: string, actionId: string) => `Action ${kind} ${actionId}`;

/** A lot created through the API without a reason of its own. */
export const LOT_CREATED_REASON = 'Lot created';

/** The sample data's opening balance of each stocked lot. */
export const OPENING_BALANCE_REASON = 'Opening balance (sample data)';

// Imports and actions are named by their UUIDs: "import later" typed by a person is not an import.
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const RECEIPT = new RegExp(`^Receipt of shipment (\\S+)(?: \\(import (${UUID})\\))?$`, 'i');
const IMPORT = new RegExp(`^import (${UUID})$`, 'i');
const ACTION = new RegExp(`^Action ([a-z_]+) (${UUID})$`, 'i');

/** A system-written reason in Korean, or null for a reason a person wrote (shown as typed). */
export function movementReasonKo(reason: string): string | null {
  let m = RECEIPT.exec(reason);
  if (m) return m[2] ? `입고 건 ${m[1]} 입고 (가져오기 ${m[2]})` : `입고 건 ${m[1]} 입고`;
  if ((m = IMPORT.exec(reason))) return `가져오기 ${m[1]}`;
  if ((m = ACTION.exec(reason)) && ACTION_KIND_KO[m[1]]) return `조치 실행: ${ACTION_KIND_KO[m[1]]} ${m[2]}`;
  if (reason === LOT_CREATED_REASON) return '로트 생성';
  if (reason === OPENING_BALANCE_REASON) return '기초 재고 (샘플 데이터)';
  return null;
}
