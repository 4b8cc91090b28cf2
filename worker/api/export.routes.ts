// Exports in the import templates' columns: CSV streamed page by page (formula-injection escaped,
// numbers as numbers), XLSX built whole by SheetJS with numeric cells typed as numbers.
import { createRoute, z } from '@hono/zod-openapi';
import { recordChange } from '../audit/record';
import { guard } from '../lib/auth';
import { isoDate } from '../lib/formats';
import { invalid, ProblemError } from '../lib/problem';
import { createRouter, problemResponses } from '../lib/validate';
import { file } from './schemas';
import { csvStream } from '../imports/csv-write';
import { EXPORTABLE, exportSpec, type ExportFilter } from '../imports/export.repo';
import { writeXlsx, XLSX_TYPE, type Cell } from '../imports/xlsx';
import { FILE_PATTERN } from './templates.routes';

const PAGE = 2000;
// SheetJS holds the workbook in memory; past this many rows use CSV (streamed) or a date range.
export const XLSX_MAX_ROWS = 100_000;

const Query = z.object({
  from: isoDate.optional().openapi({ description: 'orders: order_date, movements: created_at, inbound: eta_date' }),
  to: isoDate.optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
});

const exportRoute = createRoute({
  method: 'get',
  path: '/{file}',
  tags: ['export'],
  summary: `Export as {entity}.csv or {entity}.xlsx, entity one of ${EXPORTABLE.join(', ')}.`,
  request: { params: z.object({ file: z.string().max(80).openapi({ example: 'products.csv' }) }), query: Query },
  responses: {
    200: file('File', 'text/csv', XLSX_TYPE),
    ...problemResponses,
  },
});

const router = createRouter();
// Reads only: any role of the tenant may export (guard picks 'read' for GET).
router.use('*', guard('read'));

export const exportRoutes = router.openapi(exportRoute, async (c) => {
  const { file } = c.req.valid('param');
  const q = c.req.valid('query');
  const m = FILE_PATTERN.exec(file);
  const spec = m ? exportSpec(m[1]) : undefined;
  if (!m || !spec)
    throw new ProblemError(
      404,
      'not-found',
      `No export "${file}". Use <entity>.csv or <entity>.xlsx with entity one of ${EXPORTABLE.join(', ')}.`,
    );
  const db = c.get('db');
  const { tenantId, email } = c.get('auth');
  const filter: ExportFilter = { from: q.from, to: q.to, includeArchived: q.includeArchived === 'true' };
  // Data leaving the system is recorded like a change: who took which file, with which filter.
  await recordChange(c.env, db, [], [{ actor: email, tenantId, entity: 'export', id: file, action: 'export.download', data: { filter } }]);
  const disposition = { 'content-disposition': `attachment; filename="${spec.name}.${m[2]}"` };
  let after: Cell[] | undefined;
  let finished = false;
  const next = async () => {
    if (finished) return [];
    const page = await spec.page(db, tenantId, filter, after, PAGE);
    after = page.last;
    finished = page.rows.length < PAGE;
    return page.rows;
  };
  if (m[2] === 'csv')
    return new Response(csvStream(spec.columns, next), { headers: { 'content-type': 'text/csv; charset=utf-8', ...disposition } });
  const rows: Cell[][] = [];
  for (let page = await next(); page.length; page = await next()) {
    rows.push(...page);
    if (rows.length > XLSX_MAX_ROWS)
      throw invalid(`More than ${XLSX_MAX_ROWS} rows: export CSV instead, or narrow with from/to.`, [
        { path: 'file', message: 'Too many rows for XLSX.' },
      ]);
  }
  return c.body(await writeXlsx(spec.name, spec.columns, rows), 200, { 'content-type': XLSX_TYPE, ...disposition });
});
