// Every data row is checked in two stages: the cells become typed values with the file's
// conventions (date order, decimal mark — values.ts), then the typed row is validated with the
// entity's zod schema (key format, whole units, ranges, enums, cross-field rules). Converting
// before zod keeps transforms out of the schema, which halves the cost per row (no pipes, fewer
// allocations; workerd forbids eval, so zod cannot compile schemas there). A valid row becomes a
// compact array for staging: [row number, ...field values in entity order], null where absent.
import { z } from 'zod';
import { KEY_PATTERN } from '../lib/formats';
import { CONTROL_MESSAGE, KEY_MESSAGE, NO_CONTROL } from '../lib/keys';
import type { FieldError } from '../lib/problem';
import type { EntityDef, FieldDef } from './entities';
import { parseDate, parseNumber, type DateOrder, type DecimalMark, type Parsed } from './values';
import { etaDateProblem, orderDateProblem } from '../domain/record-limits';

export interface RowOptions {
  dateOrder?: DateOrder;
  decimal?: DecimalMark;
  /** Default receipt date of lots without one (the import date). */
  today: string;
}

export type StagedRow = (string | number | null)[];
export type RowResult = { ok: true; values: StagedRow } | { ok: false; errors: FieldError[] };

const MAX_QTY = 1e9;
// Export escaping (a leading apostrophe before = + - @ tab CR) is undone so exports re-import.
const ESCAPED = /^'[=+\-@\t\r]/;
const KEY_CONTROL = /[\u0000-\u001f\u007f]/;
// lib/keys.ts's businessKey for a cell that is already trimmed, as one check: the same two
// messages, without businessKey's trim transform and pipe (which cost a second parse per key cell,
// three times a row for order lines).
const keyCell = z.string().superRefine((s, ctx) => {
  if (KEY_CONTROL.test(s)) ctx.addIssue({ code: 'custom', message: 'Contains control characters.' });
  else if (!KEY_PATTERN.test(s)) ctx.addIssue({ code: 'custom', message: KEY_MESSAGE });
});
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// 8.80104E+12: what a spreadsheet shows (and saves to CSV) for a long numeric id.
const SCIENTIFIC = /^[-+]?\d+(?:[.,]\d+)?E[-+]?\d+$/i;

function fieldSchema(f: FieldDef): z.ZodType {
  const max = f.max ?? MAX_QTY;
  const whole = { error: 'Not a whole number; use whole units.' };
  switch (f.kind) {
    case 'key':
      return keyCell;
    case 'text':
      return z.string().max(200, 'At most 200 characters.').regex(NO_CONTROL, CONTROL_MESSAGE);
    case 'whole':
      return z.number().int(whole).min(0, 'Must not be negative.').max(max, `At most ${max}.`);
    case 'positive':
      return z.number().int(whole).min(1, 'Must be at least 1.').max(max, `At most ${max}.`);
    case 'number':
    case 'optionalNumber':
      return f.min !== undefined
        ? z.number().min(f.min, `At least ${f.min}.`).max(max, `At most ${max}.`)
        : z.number().min(0, 'Must not be negative.').max(max, `At most ${max}.`);
    case 'date':
      return z.string().regex(ISO_DATE);
    case 'enum':
      return z.enum(f.values as [string, ...string[]], `Use one of ${f.values?.join(', ')}.`);
  }
}

/** Text → typed value, per field kind and the file's conventions. */
function converter(f: FieldDef, o: RowOptions): (cell: string) => Parsed<string | number> {
  switch (f.kind) {
    case 'whole':
    case 'positive':
    case 'number':
    case 'optionalNumber':
      return (cell) => parseNumber(cell, o.decimal);
    case 'date':
      return (cell) => parseDate(cell, o.dateOrder);
    case 'enum':
      return (cell) => ({ ok: true, value: cell.toLowerCase().replace(/[\s-]+/g, '_') });
    case 'key':
      return (cell) =>
        SCIENTIFIC.test(cell)
          ? {
              ok: false,
              message: `"${cell}" is an identifier shown in scientific notation: its digits are lost. Format the column as Text (or Number with 0 decimals) in the spreadsheet and export again.`,
            }
          : { ok: true, value: cell };
    default:
      return (cell) => ({ ok: true, value: cell });
  }
}

/** Cross-field rules of a row (none for most entities: no refinement cost). */
function rowRules(entity: EntityDef, o: RowOptions) {
  if (entity.name === 'inventory_lots' || entity.name === 'receipts')
    return (row: Record<string, unknown>, ctx: z.RefinementCtx) => {
      const received = (row.received_date as string | undefined) ?? o.today;
      const exp = row.expiration_date as string | undefined;
      if (received > o.today)
        ctx.addIssue({ code: 'custom', path: ['received_date'], message: `Received ${received} is after today (${o.today}).` });
      if (exp && exp <= received)
        ctx.addIssue({ code: 'custom', path: ['expiration_date'], message: `Expiration ${exp} is not after receipt ${received}.` });
    };
  if (entity.name === 'orders')
    return (row: Record<string, unknown>, ctx: z.RefinementCtx) => {
      // The API's rule for an order's date (domain/record-limits): shipped orders have happened.
      const problem = orderDateProblem((row.status as string | undefined) ?? 'open', row.order_date as string, o.today);
      if (problem) ctx.addIssue({ code: 'custom', path: ['order_date'], message: problem.message });
    };
  if (entity.name === 'inbound_shipments')
    return (row: Record<string, unknown>, ctx: z.RefinementCtx) => {
      // The API's rule for an ETA (domain/record-limits).
      const problem = typeof row.eta_date === 'string' ? etaDateProblem(row.eta_date, o.today) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', path: ['eta_date'], message: problem.message });
    };
  if (entity.name === 'products')
    return (row: Record<string, unknown>, ctx: z.RefinementCtx) => {
      const min = row.min_remaining_shelf_life_days as number | undefined;
      const life = row.shelf_life_days as number | undefined;
      if (min !== undefined && life !== undefined && min >= life)
        ctx.addIssue({
          code: 'custom',
          path: ['min_remaining_shelf_life_days'],
          message: `Must be shorter than the shelf life (${life} days).`,
        });
    };
  return undefined;
}

export function rowValidator(entity: EntityDef, index: Record<string, number>, columns: string[], o: RowOptions) {
  const mapped = entity.fields.filter((f) => index[f.name] !== undefined).map((f) => ({ f, at: index[f.name], convert: converter(f, o) }));
  const shape: Record<string, z.ZodType> = {};
  for (const { f } of mapped) shape[f.name] = f.required ? fieldSchema(f) : fieldSchema(f).optional();
  const rules = rowRules(entity, o);
  const fields = z.object(shape);
  const schema = rules ? fields.superRefine(rules) : fields;
  const missingRequired = entity.fields.filter((f) => f.required && index[f.name] === undefined);
  const header = (field: string) => (index[field] !== undefined ? columns[index[field]] : field);

  // Runs for every row of every file: nothing is allocated beyond the typed row unless it fails.
  return (record: string[], row: number): RowResult => {
    const typed: Record<string, string | number> = {};
    let errors: FieldError[] | undefined = missingRequired.length
      ? missingRequired.map((f) => ({ row, column: f.name, value: '', message: 'Required.' }))
      : undefined;
    for (const { f, at, convert } of mapped) {
      const cell = cellAt(record, at);
      if (cell === '') {
        if (f.required) (errors ??= []).push({ row, column: columns[at], value: '', message: 'Required.' });
        continue;
      }
      const v = convert(cell);
      if (v.ok) typed[f.name] = v.value;
      else (errors ??= []).push({ row, column: columns[at], value: cell, message: v.message });
    }
    // With a cell unread, rules across cells would judge a stand-in (a missing receipt date is
    // today): only each read cell's own checks run then.
    const r = (errors ? fields : schema).safeParse(typed);
    if (!r.success || errors) {
      // Every fault of the row in one round: the rules of the cells that did read (a negative case
      // size) beside the cells that did not (a shelf life of "abc"), not one after the other.
      const reported = new Set((errors ?? []).map((e) => e.column));
      const issues = r.success ? [] : r.error.issues;
      const more = issues
        .map((i) => {
          const field = String(i.path[0] ?? '');
          return { row, column: header(field), value: index[field] !== undefined ? cellAt(record, index[field]) : '', message: i.message };
        })
        .filter((e) => !reported.has(e.column));
      return { ok: false, errors: [...(errors ?? []), ...more] };
    }
    const data = r.data as Record<string, string | number | undefined>;
    const values: StagedRow = [row];
    for (const f of entity.fields) values.push(data[f.name] ?? null);
    return { ok: true, values };
  };
}

/** A cell as validated: trimmed, with the export's formula escaping undone. */
function cellAt(record: string[], at: number): string {
  const cell = (record[at] ?? '').trim();
  return cell.charCodeAt(0) === 39 && ESCAPED.test(cell) ? cell.slice(1) : cell;
}
