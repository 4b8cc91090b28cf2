// How a file is to be read and loaded: chosen at upload (multipart fields), stored with the import.
import { z } from 'zod';
import { invalid } from '../lib/problem';
import { parseOr422 } from '../lib/validate';

export const ImportMode = z.enum(['upsert', 'replace']);
export const ImportPolicy = z.enum(['all-or-nothing', 'skip-invalid']);

/** Stored in imports.options; absent = detect from the file. */
export const ReadOptions = z.strictObject({
  mapping: z.record(z.string().max(64), z.string().max(200).nullable()).optional(),
  dateOrder: z.enum(['mdy', 'dmy']).optional(),
  decimal: z.enum(['.', ',']).optional(),
  delimiter: z.enum([',', ';', '\t']).optional(),
});
export type ReadOptions = z.infer<typeof ReadOptions>;

/** The multipart fields next to `file`, as the form sends them (all strings). */
export const UploadFields = z.object({
  mapping: z.string().max(20_000).optional(),
  mode: ImportMode.default('upsert'),
  policy: ImportPolicy.default('all-or-nothing'),
  dateOrder: z.enum(['auto', 'mdy', 'dmy']).default('auto'),
  decimal: z.enum(['auto', '.', ',']).default('auto'),
  delimiter: z.enum(['auto', ',', ';', 'tab', '\t']).default('auto'),
});
export type UploadFields = z.infer<typeof UploadFields>;

/** Turns form fields into stored read options; a malformed mapping is a 422 naming it. */
export function readOptions(fields: Pick<UploadFields, 'mapping' | 'dateOrder' | 'decimal' | 'delimiter'>): ReadOptions {
  let mapping: unknown;
  if (fields.mapping?.trim()) {
    try {
      mapping = JSON.parse(fields.mapping);
    } catch {
      throw invalid('The mapping is not valid JSON.', [
        { path: 'mapping', message: 'Send a JSON object of field → column header (or null).' },
      ]);
    }
  }
  return parseOr422(
    ReadOptions,
    {
      mapping,
      dateOrder: fields.dateOrder === 'auto' ? undefined : fields.dateOrder,
      decimal: fields.decimal === 'auto' ? undefined : fields.decimal,
      delimiter: fields.delimiter === 'auto' ? undefined : fields.delimiter === 'tab' ? '\t' : fields.delimiter,
    },
    'Import options',
  );
}

export function storedOptions(json: string): ReadOptions {
  const r = ReadOptions.safeParse(JSON.parse(json || '{}'));
  return r.success ? r.data : {};
}
