// Imports: preview a file's mapping, upload it (202 + status URL; the queue does the work), watch
// its progress, download its errors. docs/imports.md describes the pipeline.
import { createRoute, z } from '@hono/zod-openapi';
import { guard } from '../lib/auth';
import { forbidden, notFound, ProblemError } from '../lib/problem';
import { can } from '../lib/roles';
import { createRouter, pagination, problemResponses } from '../lib/validate';
import { file, ImportAccepted, ImportDetail, ImportPreview, ImportSummary, json, page } from './schemas';
import { csvStream } from '../imports/csv-write';
import { ENTITY_NAMES, entityByName, type EntityDef } from '../imports/entities';
import type { Role } from '../lib/roles';
import { firstErrors, getImport, importErrorsPage, listImports } from '../imports/imports.repo';
import { checkUpload, previewFile } from '../imports/inspect';
import { readOptions } from '../imports/options';
import { existingCustomersAll, existingSkusAll, existingWarehousesAll, loadRefs } from '../imports/refs';
import { checkPreview, hasRecordChecks } from '../imports/checks';
import { registerFile, safeFileName, uploadKey } from '../imports/register';
import { isZip } from '../imports/sniff';
import { presentImport, readUpload, statusUrl, streamUpload } from '../imports/upload';
import { importTextKo, problemInKorean, withKorean, withSkipKorean } from '../imports/text-ko';
import { fileLang } from '../lib/formats';
import { tenantToday } from '../data/tenant-time';

const tags = ['imports'];
const EntityParam = z.object({
  entity: z
    .string()
    .max(64)
    .openapi({ example: 'orders', description: ENTITY_NAMES.join(' | ') }),
});
const IdParam = z.object({ id: z.string().max(64) });
const FIRST_ERRORS = 1000;
/** Body ceiling for the mount; above MAX_UPLOAD_BYTES (checked per request) plus multipart framing. */
export const UPLOAD_BODY_LIMIT = 128 * 1024 * 1024;

// Documented as plain OpenAPI (not zod) so the form is read by readUpload, which answers 413/415 precisely.
const multipart = (extra: Record<string, object>) => ({
  body: {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object' as const,
          required: ['file'],
          properties: {
            file: {
              type: 'string' as const,
              format: 'binary',
              description: 'CSV (, ; or tab; UTF-8, UTF-16, Windows-1252, CP949, Shift-JIS or GB18030) or XLSX',
            },
            mapping: { type: 'string' as const, description: 'JSON {field: "File column"}; null leaves a field out' },
            dateOrder: { type: 'string' as const, enum: ['auto', 'mdy', 'dmy'] },
            decimal: { type: 'string' as const, enum: ['auto', '.', ','] },
            delimiter: { type: 'string' as const, enum: ['auto', ',', ';', 'tab'] },
            encoding: {
              type: 'string' as const,
              description: 'auto, utf-8, utf-16le, utf-16be, windows-1252, euc-kr (cp949), shift_jis, gb18030',
            },
            headerRow: { type: 'string' as const, description: 'auto or the header row number (1-based)' },
            ...extra,
          },
        },
      },
    },
  },
});

const entityOr404 = (name: string) => {
  const entity = entityByName(name);
  if (!entity) throw new ProblemError(404, 'not-found', `Unknown import entity "${name}". Use one of: ${ENTITY_NAMES.join(', ')}.`);
  return entity;
};

const preview = createRoute({
  method: 'post',
  path: '/{entity}/preview',
  tags,
  summary:
    'Detected columns, proposed mapping and the first 20 rows parsed; every row of the file judged as the import judges it: the first 100 errors and the count of all. Stores nothing.',
  request: { params: EntityParam, ...multipart({}) },
  responses: { 200: json(ImportPreview, 'Preview'), 413: { description: 'File too large' }, ...problemResponses },
});
const upload = createRoute({
  method: 'post',
  path: '/{entity}',
  tags,
  summary: 'Upload a file to import; answers 202 with the import id and status URL (200 for a file already imported).',
  request: {
    params: EntityParam,
    ...multipart({
      mode: { type: 'string', enum: ['upsert', 'replace'] },
      policy: { type: 'string', enum: ['all-or-nothing', 'skip-invalid'] },
    }),
  },
  responses: {
    200: json(ImportAccepted, 'Same file, already imported'),
    202: json(ImportAccepted, 'Accepted: the import id and its status URL'),
    413: { description: 'File too large' },
    ...problemResponses,
  },
});
const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Import history, newest first.',
  request: {
    query: pagination.extend({
      entity: z.string().max(64).optional(),
      status: z.enum(['queued', 'parsing', 'validating', 'committing', 'done', 'failed']).optional(),
    }),
  },
  responses: { 200: json(page(ImportSummary), 'A page of imports'), ...problemResponses },
});
const status = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'Status, counts and the first 1,000 errors of an import.',
  request: { params: IdParam },
  responses: { 200: json(ImportDetail, 'Import'), ...problemResponses },
});
const errorsCsv = createRoute({
  method: 'get',
  path: '/{id}/errors.csv',
  tags,
  summary: 'Every stored error of an import as CSV (row, column, value, message; lang=ko: Korean column names and messages).',
  request: { params: IdParam, query: z.object({ lang: fileLang }) },
  responses: { 200: file('CSV', 'text/csv'), ...problemResponses },
});

const router = createRouter();
router.use('*', guard('imports:write'));

// Each step names the router so far: route types accumulate into the export (AppType) while every
// handler keeps its own statement.
/** Stock on hand changes only with the ledger's permission, whichever way it arrives: the preview says so too (it said "ready", then the import answered 403). */
function mayImport(role: Role, entity: EntityDef) {
  if (entity.writesLedger && !can(role, 'movements:write'))
    throw forbidden(`Importing ${entity.name} changes stock on hand; your role may not post stock movements.`);
}

/** An import's refusal carries its Korean (`detailKo`, each error's `messageKo`) for the web app's Korean pages. */
async function inKorean<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw e instanceof ProblemError ? problemInKorean(e) : e;
  }
}

const previewed = router.openapi(preview, (c) =>
  inKorean(async () => {
    const entity = entityOr404(c.req.valid('param').entity);
    mayImport(c.get('auth').role, entity);
    const file = await readUpload(c);
    const options = readOptions(file.fields);
    const db = c.get('db');
    const t = c.get('auth').tenantId;
    const today = await tenantToday(db, t);
    // The file's own keys against the stored ones of the same entity (products, customers, warehouses).
    const own = { products: existingSkusAll, customers: existingCustomersAll, warehouses: existingWarehousesAll }[entity.name as string];
    const [refs, storedKeys] = await Promise.all([loadRefs(db, t, entity), own?.(db, t)]);
    // Every row of the file is judged; its valid rows are kept only for the checks against stored records.
    const read = await previewFile(file.bytes, file.name, entity, options, refs, today, { storedKeys, checkRows: hasRecordChecks(entity) });
    // The rows read against the stored records, as the import's check phase judges them.
    const mayReceive = can(c.get('auth').role, 'movements:write');
    const { read: _read, ...shown } = await checkPreview(db, entity, read, { tenantId: t, today, mayReceive });
    return c.json(
      {
        ...shown,
        errors: shown.errors.map(withKorean),
        skipped: shown.skipped.map(withSkipKorean),
        nearDuplicates: shown.nearDuplicates.map(withKorean),
      },
      200,
    );
  }),
);

const uploaded = previewed.openapi(upload, (c) =>
  inKorean(async () => {
    const entity = entityOr404(c.req.valid('param').entity);
    const { tenantId, userId, email, role } = c.get('auth');
    mayImport(role, entity);
    const id = crypto.randomUUID();
    // The file streams into R2 as it arrives; it is checked (format, header) from its first bytes.
    const file = await streamUpload(c, (name) => uploadKey(tenantId, id, safeFileName(name, `${entity.name}.csv`)), {
      importId: id,
      uploadedBy: userId,
    });
    let format: 'csv' | 'xlsx';
    try {
      const options = readOptions(file.fields);
      // A workbook is read whole (its directory sits at the end); a CSV is judged by its head.
      const bytes = isZip(file.head) ? new Uint8Array(await (await c.env.FILES.get(file.objectKey))!.arrayBuffer()) : file.head;
      const checked = await checkUpload(bytes, file.name, entity, options);
      format = checked.format;
      const { row, created, retried } = await registerFile(c.env, c.get('db'), {
        id,
        tenantId,
        entity: entity.name,
        fileName: file.objectKey.split('/').pop()!,
        objectKey: file.objectKey,
        sha256: file.sha256,
        source: 'upload',
        format,
        mode: file.fields.mode,
        policy: file.fields.policy,
        options: JSON.stringify(checked.options),
        bytesTotal: file.size,
        createdBy: email,
        createdById: userId,
      });
      const body = { id: row.id, statusUrl: statusUrl(row.id), status: row.status, duplicate: !created && !retried };
      c.header('Location', statusUrl(row.id));
      return c.json(body, row.status === 'done' ? 200 : 202);
    } catch (e) {
      if (e instanceof ProblemError) await c.env.FILES.delete(file.objectKey);
      throw e;
    }
  }),
);

const listed = uploaded.openapi(list, async (c) => {
  const q = c.req.valid('query');
  const result = await listImports(c.get('db'), c.get('auth').tenantId, q);
  return c.json({ ...result, items: result.items.map(presentImport) }, 200);
});

const withStatus = listed.openapi(status, async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const { tenantId } = c.get('auth');
  const row = await getImport(db, tenantId, id);
  if (!row) throw notFound('Import');
  const errors = await firstErrors(db, tenantId, id, FIRST_ERRORS);
  return c.json({ ...presentImport(row), errors: errors.map(withKorean), errorsTruncated: row.errorCount > errors.length }, 200);
});

export const importsRoutes = withStatus.openapi(errorsCsv, async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const { tenantId } = c.get('auth');
  if (!(await getImport(db, tenantId, id))) throw notFound('Import');
  // In Korean each message is read as the import page reads it (a sentence with no Korean stays
  // English); the file's own column names and values stay as the file has them.
  const ko = c.req.valid('query').lang === 'ko';
  let after = -1;
  const body = csvStream(ko ? ['행', '열', '값', '내용'] : ['row', 'column', 'value', 'message'], async () => {
    const page = await importErrorsPage(db, tenantId, id, 5000, after);
    after = page.at(-1)?.seq ?? after;
    return page.map((e) => [e.row, e.column, e.value, ko ? (importTextKo(e.message) ?? e.message) : e.message]);
  });
  return new Response(body, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="import-${id}-errors.csv"` },
  });
});
