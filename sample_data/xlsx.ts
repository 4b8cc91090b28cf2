/** XLSX export of the products entity (Node and Workers; no file system access). */
import * as XLSX from '@e965/xlsx/xlsx.mjs';
import { ENTITY_COLUMNS, type ProductRow } from './generator';

/**
 * products.xlsx: one sheet "products", the same columns and values as products.csv
 * (numbers as numeric cells, blank overrides as empty cells). SheetJS writes no timestamps
 * (zip entries carry a zero date), so the bytes are reproducible.
 */
export function productsXlsx(products: readonly ProductRow[]): Uint8Array {
  const columns = ENTITY_COLUMNS.products;
  const aoa: (string | number | null)[][] = [columns.slice()];
  for (const p of products) aoa.push(columns.map((c) => (p[c] === '' ? null : p[c])));
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'products');
  // type 'array' yields an ArrayBuffer (works in Workers, where Buffer does not exist).
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}
