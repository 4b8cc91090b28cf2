// How a file is to be read and loaded: chosen at upload (multipart fields), stored with the import.
import { z } from 'zod';
import { invalid } from '../lib/problem';
import { parseOr422 } from '../lib/validate';
import { canonicalEncoding, ENCODINGS } from './sniff';

export const ImportMode = z.enum(['upsert', 'replace']);
export const ImportPolicy = z.enum(['all-or-nothing', 'skip-invalid']);

/** Stored in imports.options; absent = detect from the file. */
export const ReadOptions = z.strictObject({
  mapping: z.record(z.string().max(64), z.string().max(200).nullable()).optional(),
  dateOrder: z.enum(['mdy', 'dmy']).optional(),
  decimal: z.enum(['.', ',']).optional(),
  delimiter: z.enum([',', ';', '\t']).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  /** The header's row number (1-based), when the user names it instead of letting it be found. */
  headerRow: z.number().int().min(1).max(1000).optional(),
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
  encoding: z.string().max(40).default('auto'),
  headerRow: z.string().max(10).default('auto'),
});
export type UploadFields = z.infer<typeof UploadFields>;

/** Turns form fields into stored read options; a malformed mapping is a 422 naming it. */
export function readOptions(
  fields: Pick<UploadFields, 'mapping' | 'dateOrder' | 'decimal' | 'delimiter'> & Partial<Pick<UploadFields, 'encoding' | 'headerRow'>>,
): ReadOptions {
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
  const encodingLabel = fields.encoding && fields.encoding !== 'auto' ? fields.encoding : undefined;
  const encoding = encodingLabel ? canonicalEncoding(encodingLabel) : undefined;
  if (encodingLabel && !encoding)
    throw invalid(`The encoding "${encodingLabel}" is not supported.`, [
      { path: 'encoding', message: `Use one of ${ENCODINGS.join(', ')} (or cp949, shift-jis, gbk …).` },
    ]);
  const headerRow = fields.headerRow && fields.headerRow !== 'auto' ? Number(fields.headerRow) : undefined;
  return parseOr422(
    ReadOptions,
    {
      mapping,
      dateOrder: fields.dateOrder === 'auto' ? undefined : fields.dateOrder,
      decimal: fields.decimal === 'auto' ? undefined : fields.decimal,
      delimiter: fields.delimiter === 'auto' ? undefined : fields.delimiter === 'tab' ? '\t' : fields.delimiter,
      encoding,
      headerRow,
    },
    'Import options',
  );
}

export function storedOptions(json: string): ReadOptions {
  const r = ReadOptions.safeParse(JSON.parse(json || '{}'));
  return r.success ? r.data : {};
}
