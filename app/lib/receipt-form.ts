// The receipt form of /inbound (one line per shipment line: sku_i, qty_i, lot_i, exp_i, wh_i) as
// the API's receive body. Apart from the route so it can be tested without the page.
import { formNumber } from './form-values';

/** At most this many lines are read from one posted receipt. */
const MAX_LINES = 100;

/**
 * The receipt form's lines (sku_i, qty_i, lot_i, exp_i, wh_i) as the API's receive body; blank or 0
 * quantities are left out. Any other quantity goes to the API as posted (text, 1e309), which
 * refuses it naming the line: it is never read as NaN and quietly dropped from the receipt.
 */
export function receiptLines(form: FormData) {
  const s = (k: string) => String(form.get(k) ?? '').trim();
  const lines = [];
  for (let i = 0; i < MAX_LINES && form.has(`sku_${i}`); i++) {
    const quantity = formNumber(form.get(`qty_${i}`));
    if (quantity === null || quantity === 0) continue;
    lines.push({
      sku: s(`sku_${i}`),
      quantity,
      lotId: s(`lot_${i}`),
      expirationDate: s(`exp_${i}`),
      ...(s(`wh_${i}`) ? { warehouse: s(`wh_${i}`) } : {}),
    });
  }
  return lines;
}
