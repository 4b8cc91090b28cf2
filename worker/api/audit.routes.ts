// The audit trail: search (auditor, admin), CSV, verification against signed checkpoints, and the
// checkpoints themselves for an auditor to take away.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../lib/auth';
import { flushAudit } from '../audit/record';
import { tenantObject } from '../lib/audit';
import { forbidden, invalid } from '../lib/problem';
import { DAY_OR_UTC_TIME, fileLang, isRealIsoDate, windowBound } from '../lib/formats';
import { auditActionKo } from '../domain/code-words';
import { createRouter, problemResponses } from '../lib/validate';
import { AuditCheckpoint, AuditPage, AuditVerification, file, items, json, StoredCheckpoint } from './schemas';
import { csvStream } from '../imports/csv-write';
import { listCheckpoints, verifyAudit, writeCheckpoint } from '../audit/checkpoints';
import type { AuditFilter } from '../durable-objects/tenant-object';
import type { Db } from '../data/db';
import { actorSpellings } from '../data/users.repo';

const tags = ['audit'];
const time = z
  .string()
  .regex(DAY_OR_UTC_TIME, 'Use yyyy-mm-dd or an ISO time in UTC.')
  .refine((s) => isRealIsoDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(windowBound(s, false))), 'Use a real date or time.')
  .optional();
const Filter = z.object({
  from: time.openapi({ description: 'inclusive' }),
  to: time.openapi({ description: 'exclusive; a date means the end of that day' }),
  actor: z.string().max(320).optional(),
  action: z.string().max(100).optional().openapi({ description: 'exact, or a prefix such as "action"' }),
  entity: z.string().max(200).optional().openapi({ description: 'the subject id' }),
});
const Query = Filter.extend({
  order: z
    .enum(['asc', 'desc'])
    .default('asc')
    .openapi({ description: 'asc: oldest first, paged with `after`; desc: newest first, paged with `before`' }),
  after: z.coerce.number().int().min(0).default(0),
  before: z.coerce.number().int().min(1).optional().openapi({ description: 'desc only: entries below this sequence number' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

// An actor is named by email; the filter also finds entries an older release wrote under the user's id.
const filterOf = async (db: Db, tenantId: string, q: z.infer<typeof Filter>): Promise<AuditFilter> => ({
  from: q.from,
  to: q.to && windowBound(q.to, true),
  actors: q.actor ? await actorSpellings(db, tenantId, q.actor) : undefined,
  action: q.action,
  entity: q.entity,
});

const auditorOnly = (c: Context<AppEnv>) => {
  if (!['auditor', 'admin'].includes(c.get('auth').role)) throw forbidden('The audit trail is for auditors and admins.');
  return tenantObject(c.env, c.get('auth').tenantId);
};

const r = {
  list: createRoute({
    method: 'get',
    path: '/audit',
    tags,
    summary:
      'The hash-chained audit log, filtered and paged by sequence: oldest first from `after`, or newest first (`order=desc`) below `before` (auditor, admin).',
    request: { query: Query },
    responses: {
      200: json(AuditPage, 'Entries and the sequence to continue from (`after` ascending, `before` descending; null at the end)'),
      ...problemResponses,
    },
  }),
  csv: createRoute({
    method: 'get',
    path: '/audit.csv',
    tags,
    summary: 'The audit log as CSV (same filters; lang=ko: Korean column names and each action named in Korean beside its code).',
    request: { query: Filter.extend({ lang: fileLang }) },
    responses: { 200: file('CSV', 'text/csv'), ...problemResponses },
  }),
  verify: createRoute({
    method: 'get',
    path: '/audit/verify',
    tags,
    summary: 'Recompute the chain and check it against every signed checkpoint: {ok, length, head} or {ok: false, firstBadSeq, reason}.',
    responses: { 200: json(AuditVerification, 'The verification'), ...problemResponses },
  }),
  checkpoints: createRoute({
    method: 'get',
    path: '/audit/checkpoints',
    tags,
    summary: 'The signed checkpoints (sequence, head hash, time, HMAC-SHA256 signature).',
    responses: { 200: json(items(StoredCheckpoint), 'Checkpoints, each with whether its signature holds'), ...problemResponses },
  }),
  checkpoint: createRoute({
    method: 'post',
    path: '/audit/checkpoints',
    tags,
    summary: 'Sign and store a checkpoint of the current head now (admin, auditor).',
    responses: { 201: json(AuditCheckpoint.nullable(), 'The checkpoint, or null when nothing is new'), ...problemResponses },
  }),
};

export const auditRoutes = createRouter()
  .openapi(r.list, async (c) => {
    const q = c.req.valid('query');
    const stub = auditorOnly(c);
    if (q.order === 'asc' && q.before !== undefined)
      throw invalid('`before` pages newest first: use it with order=desc.', [{ path: 'before', message: 'Needs order=desc.' }]);
    // Entries whose append failed earlier join the chain before anyone reads it.
    await flushAudit(c.env, c.get('db'), c.get('auth').tenantId);
    const entries = await stub.search({
      ...(await filterOf(c.get('db'), c.get('auth').tenantId, q)),
      after: q.after,
      newestFirst: q.order === 'desc',
      before: q.before,
      limit: q.limit,
    });
    const items = entries.map((e) => ({ ...e, data: JSON.parse(e.data) as unknown }));
    return c.json({ items, next: entries.length === q.limit ? entries[entries.length - 1].seq : null }, 200);
  })
  .openapi(r.csv, async (c) => {
    const stub = auditorOnly(c);
    const { lang, ...q } = c.req.valid('query');
    const f = await filterOf(c.get('db'), c.get('auth').tenantId, q);
    // In Korean the action is also named as the audit page names it ("로트 수정"); its code stays
    // beside it, since the code is part of what each entry's hash covers (an auditor recomputes it).
    const ko = lang === 'ko';
    let after = 0;
    let done = false;
    const next = async () => {
      if (done) return [];
      const page = await stub.search({ ...f, after, limit: 1000 });
      done = page.length < 1000;
      after = page.length ? page[page.length - 1].seq : after;
      return page.map((e) =>
        ko
          ? [e.seq, e.at, e.actor, e.action, auditActionKo(e.action), e.subject, e.data, e.prevHash, e.hash]
          : [e.seq, e.at, e.actor, e.action, e.subject, e.data, e.prevHash, e.hash],
      );
    };
    const header = ko
      ? ['순번', '시각', '사용자', '작업 코드', '작업', '대상', '데이터', '이전 해시', '해시']
      : ['seq', 'at', 'actor', 'action', 'subject', 'data', 'prev_hash', 'hash'];
    return c.body(csvStream(header, next), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="audit.csv"',
    });
  })
  .openapi(r.verify, async (c) => {
    auditorOnly(c);
    await flushAudit(c.env, c.get('db'), c.get('auth').tenantId);
    return c.json(await verifyAudit(c.env, c.get('auth').tenantId), 200);
  })
  .openapi(r.checkpoints, async (c) => {
    auditorOnly(c);
    return c.json({ items: await listCheckpoints(c.env, c.get('auth').tenantId) }, 200);
  })
  .openapi(r.checkpoint, async (c) => {
    auditorOnly(c);
    await flushAudit(c.env, c.get('db'), c.get('auth').tenantId);
    return c.json(await writeCheckpoint(c.env, c.get('auth').tenantId), 201);
  });
