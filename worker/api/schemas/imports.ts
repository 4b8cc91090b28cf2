// Imports as the API returns them: the preview of a file, an accepted upload, an import's progress.
import { z } from '@hono/zod-openapi';
import { ENCODINGS } from '../../imports/sniff';
import { ImportRow } from './rows';

/** An import sentence in Korean (imports/text-ko.ts), for the web app's Korean pages; null when it has none. */
const messageKo = z.string().nullable().openapi({ description: 'The same message in Korean; null when it has none.' });

export const FieldError = z
  .object({
    path: z.string().optional(),
    row: z.number().int().optional(),
    column: z.string().optional(),
    value: z.string().optional(),
    message: z.string(),
    messageKo: messageKo.optional(),
  })
  .openapi('FieldError');

const SkippedRow = z.object({
  row: z.number().int(),
  reason: z.string(),
  reasonKo: z.string().nullable().openapi({ description: 'The same reason in Korean; null when it has none.' }),
  text: z.string(),
});

export const ImportPreview = z
  .object({
    entity: z.string(),
    format: z.enum(['csv', 'xlsx']),
    encoding: z.string().optional(),
    encodingCandidates: z.array(z.object({ encoding: z.enum(ENCODINGS), confidence: z.number(), sample: z.string() })).optional(),
    delimiter: z.string().optional(),
    headerRow: z.number().int().nullable(),
    columns: z.array(z.string()),
    mapping: z.record(z.string(), z.string().nullable()),
    unmapped: z.array(z.string()),
    missing: z.array(z.string()),
    dateOrder: z.enum(['mdy', 'dmy']).nullable(),
    decimal: z.enum(['.', ',']).nullable(),
    rows: z
      .array(z.object({ row: z.number().int(), values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) }))
      .openapi({ description: 'The first 20 data rows, typed where valid (every row is judged; see rowsTotal and errorCount).' }),
    rowsTotal: z.number().int().openapi({ description: 'Data rows in the file (not skipped), every one judged.' }),
    skipped: z.array(SkippedRow),
    errors: z.array(FieldError).openapi({ description: 'The first 100 errors of the file, in row order.' }),
    errorCount: z.number().int().openapi({ description: 'Every error found in the file; errors lists the first 100.' }),
    errorsTruncated: z.boolean().openapi({ description: 'True when errors lists fewer than errorCount.' }),
    ready: z.boolean(),
    nearDuplicates: z
      .array(
        z.object({ row: z.number().int(), column: z.string(), value: z.string(), matches: z.string(), message: z.string(), messageKo }),
      )
      .openapi({ description: 'The first 100 near-duplicate keys; nearDuplicateCount counts them all.' }),
    nearDuplicateCount: z.number().int(),
  })
  .openapi('ImportPreview');

export const ImportAccepted = ImportRow.pick({ id: true, status: true })
  .extend({ statusUrl: z.string(), duplicate: z.boolean() })
  .openapi('ImportAccepted');

/** An import's progress as shown in lists and on its status URL. */
export const ImportSummary = ImportRow.pick({
  id: true,
  entity: true,
  fileName: true,
  source: true,
  format: true,
  mode: true,
  policy: true,
  status: true,
  rowsTotal: true,
  rowsProcessed: true,
  rowsOk: true,
  rowsFailed: true,
  rowsSkipped: true,
  bytesTotal: true,
  bytesProcessed: true,
  errorCount: true,
  message: true,
  sha256: true,
  createdBy: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
})
  .extend({
    rowsTotalIsEstimate: z.boolean(),
    progress: z.number().min(0).max(1),
    timings: z.object({ start: z.number(), parse: z.number(), check: z.number(), commit: z.number() }).partial(),
    skippedRows: z.array(SkippedRow),
    messageKo,
    statusUrl: z.string(),
    errorsUrl: z.string(),
  })
  .openapi('ImportSummary');

export const ImportDetail = ImportSummary.extend({
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string(), message: z.string(), messageKo })),
  errorsTruncated: z.boolean(),
}).openapi('ImportDetail');
