// Actions: list and export, propose by hand, notes, decisions (approve / dismiss / bulk) and
// execution. Thin: parse, call a use-case in worker/actions, shape the response.
import { plainText } from '../lib/keys';
import { createRoute, z } from '@hono/zod-openapi';
import { recordChange } from '../audit/record';
import { fileLang, KEY_PATTERN } from '../lib/formats';
import { can } from '../lib/roles';
import { forbidden, invalid, notFound } from '../lib/problem';
import { createRouter, jsonBody, pagination, problemResponses } from '../lib/validate';
import { Action, ActionDetail, ActionNote, ActionPage, BulkDecision, file as fileResponse, json } from './schemas';
import { ACTION_KINDS, ACTION_STATES } from '../data/actions.repo';
import { getAction, listActions, notesOf, addNote, type ActionFilter } from '../data/actions.repo';
import { createAction, NewAction } from '../actions/create';
import { actionLimits, decideAction, decideMany } from '../actions/decide';
import { executeAction } from '../actions/execute';
import { presentAction } from '../actions/present';
import { actionsCsv, actionsXlsx, purchaseOrderRows, purchaseOrdersCsv, purchaseOrdersXlsx } from '../actions/export';
import { XLSX_TYPE } from '../imports/xlsx';
import { resolveKey, resolveKeys } from '../planning/keys';
import type { Context } from 'hono';
import type { AppEnv } from '../lib/auth';

const tags = ['actions'];
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();
const Filter = z.object({
  state: list(ACTION_STATES).openapi({ description: `Actions in these states (comma-separated): ${ACTION_STATES.join(', ')}.` }),
  /** Deprecated: the old name of `state`. */
  status: list(ACTION_STATES).openapi({ deprecated: true, description: 'Deprecated alias of `state`.' }),
  kind: list(ACTION_KINDS),
  sku: z.string().regex(KEY_PATTERN).optional(),
  warehouse: z.string().regex(KEY_PATTERN).optional(),
  minValue: z.coerce.number().min(0).max(1e12).optional().openapi({ description: 'Actions worth at least this (tenant currency).' }),
  confidence: list(['high', 'medium', 'low'] as const).openapi({
    description: "The engine's confidence (comma-separated); a person's proposal has none.",
  }),
});
const SORTS = ['createdAt', '-createdAt', 'value', '-value', 'orderByDate', '-orderByDate', 'sku', '-sku'] as const;
const ListQuery = pagination.merge(Filter).extend({ sort: z.enum(SORTS).default('-createdAt') });
/**
 * An export is the page's view: its filters and its order (oldest first when none is asked for),
 * in its language (lib/formats `fileLang`: Korean for the web app's Korean pages).
 */
const ExportQuery = Filter.extend({ sort: z.enum(SORTS).default('createdAt'), lang: fileLang });
const Id = z.object({ id: z.string().uuid() });
const Reason = z.strictObject({ reason: plainText(2000).min(3, 'Say why.') });
const Note = z.strictObject({ note: plainText(2000).optional() });
// A dismissal says why, in bulk as on its own (POST /actions/{id}/dismiss): every dismissal's audit entry carries a reason.
const Bulk = z
  .strictObject({
    ids: z.array(z.string().uuid()).min(1).max(200),
    decision: z.enum(['approve', 'dismiss']),
    reason: plainText(2000).optional(),
  })
  .refine((b) => b.decision !== 'dismiss' || (b.reason ?? '').length >= 3, { path: ['reason'], message: 'Say why.' });
/** The filter with its SKU and warehouse in their stored spelling (any letter case is accepted; an unknown one is 404). */
const filterOf = async (c: Context<AppEnv>, q: z.infer<typeof Filter>): Promise<ActionFilter> => {
  const k = await resolveKeys(
    c.get('db'),
    c.get('auth').tenantId,
    { sku: q.sku, warehouse: q.warehouse },
    { sku: 'sku', warehouse: 'warehouse' },
  );
  // `state` is the filter's name; `status` (its old name) still works, but not beside a different `state`.
  if (q.state && q.status && q.state.join() !== q.status.join())
    throw invalid('Filter by state only.', [
      { path: 'status', value: q.status.join(','), message: '`status` is the deprecated name of `state`; send `state` alone.' },
    ]);
  return { status: q.state ?? q.status, kind: q.kind, ...k, minValue: q.minValue, confidence: q.confidence };
};
const supplierOf = async (c: Context<AppEnv>, supplier: string | undefined) =>
  supplier ? resolveKey(c.get('db'), c.get('auth').tenantId, 'supplier', supplier) : undefined;
const poName = (supplier: string | undefined, ext: string) =>
  `purchase-orders${supplier ? `-${supplier.replace(/[^A-Za-z0-9._-]+/g, '_')}` : ''}.${ext}`;
const file = (name: string, type: string) => ({ 'content-type': type, 'content-disposition': `attachment; filename="${name}"` });

const poRoute = (format: 'csv' | 'xlsx') =>
  createRoute({
    method: 'get',
    path: `/actions/purchase-orders.${format}`,
    tags,
    summary: `Purchase orders raised by executed reorders, optionally for one supplier, as ${format.toUpperCase()}.`,
    request: { query: z.object({ supplier: z.string().max(200).optional(), lang: fileLang }) },
    responses: { 200: fileResponse('File', format === 'csv' ? 'text/csv' : XLSX_TYPE), ...problemResponses },
  });

const r = {
  list: createRoute({
    method: 'get',
    path: '/actions',
    tags,
    summary: 'Actions, filtered, sorted and paged, with value totals.',
    request: { query: ListQuery },
    responses: { 200: json(ActionPage, 'A page of actions with value totals'), ...problemResponses },
  }),
  csv: createRoute({
    method: 'get',
    path: '/actions.csv',
    tags,
    summary:
      'Actions as CSV (same filters; sort as the list sorts, oldest first by default; lang=ko: Korean column names and words for kinds, states and confidence).',
    request: { query: ExportQuery },
    responses: { 200: fileResponse('CSV', 'text/csv'), ...problemResponses },
  }),
  xlsx: createRoute({
    method: 'get',
    path: '/actions.xlsx',
    tags,
    summary: 'Actions as XLSX (same filters, sort and lang as the CSV).',
    request: { query: ExportQuery },
    responses: { 200: fileResponse('XLSX', XLSX_TYPE), ...problemResponses },
  }),
  poCsv: poRoute('csv'),
  poXlsx: poRoute('xlsx'),
  create: createRoute({
    method: 'post',
    path: '/actions',
    tags,
    summary:
      'Propose an action by hand (planner, admin). Refused: 422 action-not-executable (what execution would refuse), 409 duplicate-action (send confirmDuplicate), 409 lot-over-committed when open actions already ask the lot for its units (send confirmOverCommit).',
    request: jsonBody(NewAction),
    responses: { 201: json(Action, 'The action'), ...problemResponses },
  }),
  bulk: createRoute({
    method: 'post',
    path: '/actions/bulk',
    tags,
    summary: 'Approve or dismiss a selection; each decision is ruled and audited on its own.',
    request: jsonBody(Bulk),
    responses: { 200: json(BulkDecision, 'One result per id'), ...problemResponses },
  }),
  get: createRoute({
    method: 'get',
    path: '/actions/{id}',
    tags,
    summary: 'One action with its notes.',
    request: { params: Id },
    responses: { 200: json(ActionDetail, 'Action'), ...problemResponses },
  }),
  note: createRoute({
    method: 'post',
    path: '/actions/{id}/notes',
    tags,
    summary: 'Add a note.',
    request: { params: Id, ...jsonBody(z.strictObject({ text: plainText(4000).min(1) })) },
    responses: { 201: json(ActionNote, 'Note'), ...problemResponses },
  }),
  dismiss: createRoute({
    method: 'post',
    path: '/actions/{id}/dismiss',
    tags,
    summary: 'Dismiss a proposed action (planner+, reason required).',
    request: { params: Id, ...jsonBody(Reason) },
    responses: { 200: json(Action, 'The action'), ...problemResponses },
  }),
  approve: createRoute({
    method: 'post',
    path: '/actions/{id}/approve',
    tags,
    summary:
      'Approve (approver, admin; above the value threshold admin only; never one’s own proposal). Concurrent approvals: one 200, the rest 409. 409 lot-over-committed when approved actions already ask the lot for the units it holds.',
    request: { params: Id, body: { content: { 'application/json': { schema: Note } }, required: false } },
    responses: { 200: json(Action, 'The action'), ...problemResponses },
  }),
  execute: createRoute({
    method: 'post',
    path: '/actions/{id}/execute',
    tags,
    summary: 'Execute an approved action (idempotent).',
    request: { params: Id },
    responses: { 200: json(Action, 'The action with its outcome'), ...problemResponses },
  }),
};

export const actionsRoutes = createRouter()
  .openapi(r.list, async (c) => {
    const q = c.req.valid('query');
    const { tenantId } = c.get('auth');
    const [out, limits] = await Promise.all([
      listActions(c.get('db'), tenantId, await filterOf(c, q), q.sort, q.page, q.pageSize),
      actionLimits(c.get('db'), tenantId),
    ]);
    return c.json(
      {
        ...out,
        items: out.items.map(presentAction),
        page: q.page,
        pageSize: q.pageSize,
        approvalThreshold: limits.approvalThreshold,
        maxDiscount: limits.maxDiscount,
      },
      200,
    );
  })
  .openapi(r.csv, async (c) => {
    const q = c.req.valid('query');
    return c.body(
      actionsCsv(c.get('db'), c.get('auth').tenantId, await filterOf(c, q), q.sort, q.lang),
      200,
      file('actions.csv', 'text/csv; charset=utf-8'),
    );
  })
  .openapi(r.xlsx, async (c) => {
    const q = c.req.valid('query');
    return c.body(
      await actionsXlsx(c.get('db'), c.get('auth').tenantId, await filterOf(c, q), q.sort, q.lang),
      200,
      file('actions.xlsx', XLSX_TYPE),
    );
  })
  .openapi(r.poCsv, async (c) => {
    const { lang } = c.req.valid('query');
    const supplier = await supplierOf(c, c.req.valid('query').supplier);
    const rows = await purchaseOrderRows(c.get('db'), c.get('auth').tenantId, supplier, lang);
    return c.body(purchaseOrdersCsv(rows, lang), 200, file(poName(supplier, 'csv'), 'text/csv; charset=utf-8'));
  })
  .openapi(r.poXlsx, async (c) => {
    const { lang } = c.req.valid('query');
    const supplier = await supplierOf(c, c.req.valid('query').supplier);
    const rows = await purchaseOrderRows(c.get('db'), c.get('auth').tenantId, supplier, lang);
    return c.body(await purchaseOrdersXlsx(rows, lang), 200, file(poName(supplier, 'xlsx'), XLSX_TYPE));
  })
  .openapi(r.create, async (c) => {
    if (!can(c.get('auth').role, 'planning:write')) throw forbidden();
    return c.json(presentAction(await createAction(c.env, c.get('db'), c.get('auth'), c.req.valid('json'))), 201);
  })
  .openapi(r.bulk, async (c) => {
    const b = c.req.valid('json');
    return c.json({ results: await decideMany(c.env, c.get('db'), c.get('auth'), b.ids, b.decision, b.reason) }, 200);
  })
  .openapi(r.get, async (c) => {
    const { tenantId } = c.get('auth');
    const a = await getAction(c.get('db'), tenantId, c.req.valid('param').id);
    if (!a) throw notFound('Action');
    return c.json({ ...presentAction(a), notes: await notesOf(c.get('db'), tenantId, a.id) }, 200);
  })
  .openapi(r.note, async (c) => {
    const p = c.get('auth');
    if (!can(p.role, 'planning:write') && !can(p.role, 'decisions:write')) throw forbidden();
    const { id } = c.req.valid('param');
    if (!(await getAction(c.get('db'), p.tenantId, id))) throw notFound('Action');
    const note = await addNote(c.get('db'), p.tenantId, id, p.email, c.req.valid('json').text);
    await recordChange(
      c.env,
      c.get('db'),
      [],
      [{ actor: p.email, tenantId: p.tenantId, entity: 'action', id, action: 'action.note', data: { note: note.text } }],
    );
    return c.json(note, 201);
  })
  .openapi(r.dismiss, async (c) =>
    c.json(
      presentAction(await decideAction(c.env, c.get('db'), c.get('auth'), c.req.valid('param').id, 'dismiss', c.req.valid('json').reason)),
      200,
    ),
  )
  .openapi(r.approve, async (c) => {
    const body = (c.req.valid('json') as { note?: string } | undefined) ?? {};
    return c.json(presentAction(await decideAction(c.env, c.get('db'), c.get('auth'), c.req.valid('param').id, 'approve', body.note)), 200);
  })
  .openapi(r.execute, async (c) =>
    c.json(presentAction(await executeAction(c.env, c.get('db'), c.get('auth'), c.req.valid('param').id)), 200),
  );
