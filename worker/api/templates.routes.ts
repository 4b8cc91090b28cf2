// Import templates: the header a file must have and one example row, as CSV or XLSX.
import { createRoute, z } from '@hono/zod-openapi';
import { guard } from '../lib/auth';
import { ProblemError } from '../lib/problem';
import { createRouter, problemResponses } from '../lib/validate';
import { file } from './schemas';
import { csvLine } from '../imports/csv-write';
import { ENTITY_NAMES, entityByName } from '../imports/entities';
import { writeXlsx, XLSX_TYPE } from '../imports/xlsx';

export const FILE_PATTERN = /^([a-z_-]+)\.(csv|xlsx)$/;

const template = createRoute({
  method: 'get',
  path: '/{file}',
  tags: ['imports'],
  summary: `The template of an import entity: {entity}.csv or {entity}.xlsx, entity one of ${ENTITY_NAMES.join(', ')}.`,
  request: { params: z.object({ file: z.string().max(80).openapi({ example: 'orders.csv' }) }) },
  responses: {
    200: file('Template', 'text/csv', XLSX_TYPE),
    ...problemResponses,
  },
});

const router = createRouter();
router.use('*', guard('imports:write'));

export const templatesRoutes = router.openapi(template, async (c) => {
  const { file } = c.req.valid('param');
  const m = FILE_PATTERN.exec(file);
  const entity = m ? entityByName(m[1]) : undefined;
  if (!m || !entity)
    throw new ProblemError(
      404,
      'not-found',
      `No template "${file}". Use <entity>.csv or <entity>.xlsx with entity one of ${ENTITY_NAMES.join(', ')}.`,
    );
  const header = entity.fields.map((f) => f.name);
  const example = entity.fields.map((f) => (f.example === '' ? null : f.example));
  const disposition = { 'content-disposition': `attachment; filename="${entity.name}.${m[2]}"` };
  if (m[2] === 'csv') return c.body(csvLine(header) + csvLine(example), 200, { 'content-type': 'text/csv; charset=utf-8', ...disposition });
  return c.body(await writeXlsx(entity.name, header, [example]), 200, { 'content-type': XLSX_TYPE, ...disposition });
});
