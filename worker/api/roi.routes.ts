// ROI from decisions for one ISO week: JSON, CSV (one line per action behind each figure) and a
// printable HTML page. Each figure lists the actions behind it (links to /api/actions/{id}).
import { createRoute, z } from '@hono/zod-openapi';
import { html, raw } from 'hono/html';
import { createRouter, problemResponses } from '../lib/validate';
import { file, json, Roi } from './schemas';
import { weeklyRoi, type RoiLine } from '../actions/roi';
import { ISO_WEEK, isIsoWeek } from '../domain/dates';
import { csvLine } from '../imports/csv-write';

const tags = ['roi'];
const Query = z.object({
  week: z
    .string()
    .regex(ISO_WEEK, 'Use an ISO week, e.g. 2026-W48.')
    .refine(
      (w) => !ISO_WEEK.test(w) || isIsoWeek(w),
      'That year has no week 53 (ISO 8601: a year has week 53 only when it holds 53 Thursdays).',
    )
    .optional(),
});
const route = <P extends string, R extends ReturnType<typeof json> | ReturnType<typeof file>>(path: P, summary: string, response: R) =>
  createRoute({ method: 'get', path, tags, summary, request: { query: Query }, responses: { 200: response, ...problemResponses } });

const FIGURES = [
  ['wasteAvoided', 'Waste avoided'],
  ['stockoutsAvoided', 'Stock-outs avoided (expected lost sales)'],
  ['capitalFreed', 'Capital freed'],
  ['valueWrittenOff', 'Value written off'],
] as const;

export const roiRoutes = createRouter()
  .openapi(route('/roi', 'ROI from decisions for an ISO week (default: this week).', json(Roi, 'ROI')), async (c) =>
    c.json(await weeklyRoi(c.get('db'), c.get('auth').tenantId, c.req.valid('query').week), 200),
  )
  .openapi(route('/roi.csv', 'The ROI figures as CSV, one line per action behind each figure.', file('CSV', 'text/csv')), async (c) => {
    const r = await weeklyRoi(c.get('db'), c.get('auth').tenantId, c.req.valid('query').week);
    let out = '\ufeff' + csvLine(['week', 'figure', 'action_id', 'kind', 'sku', 'amount', 'status', 'detail']);
    for (const [key, label] of FIGURES) {
      out += csvLine([r.week, label, '', '', '', r[key].value, 'total', '']);
      for (const a of r[key].actions as RoiLine[]) out += csvLine([r.week, label, a.actionId, a.kind, a.sku, a.amount, a.status, a.detail]);
    }
    for (const [k, n] of Object.entries(r.counts)) out += csvLine([r.week, `actions ${k}`, '', '', '', n, 'count', '']);
    out += csvLine([r.week, 'median decision latency (h)', '', '', '', r.decisionLatencyHours.median, 'hours', '']);
    return c.body(out, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="roi-${r.week}.csv"`,
    });
  })
  .openapi(route('/roi.html', 'A printable ROI page for an ISO week.', file('HTML page', 'text/html')), async (c) => {
    const r = await weeklyRoi(c.get('db'), c.get('auth').tenantId, c.req.valid('query').week);
    const rows = FIGURES.map(
      ([key, label]) =>
        html`<h2>${label}: ${r[key].value.toFixed(2)}</h2>
          <table>
            <tr>
              <th>Action</th>
              <th>Kind</th>
              <th>SKU</th>
              <th>Amount</th>
              <th>Status</th>
              <th>Why</th>
            </tr>
            ${(r[key].actions as RoiLine[]).map(
              (a) =>
                html`<tr>
                  <td><a href="/api/actions/${a.actionId}">${a.actionId.slice(0, 8)}</a></td>
                  <td>${a.kind}</td>
                  <td>${a.sku}</td>
                  <td>${a.amount.toFixed(2)}</td>
                  <td>${a.status}</td>
                  <td>${a.detail}</td>
                </tr>`,
            )}
          </table>`,
    );
    const page = html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>Lotwise ROI ${r.week}</title>
          <style>
            ${raw('body{font:14px system-ui;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;text-align:left}@media print{a{color:inherit}}')}
          </style>
        </head>
        <body>
          <h1>ROI from decisions — week ${r.week} (${r.from} to ${r.lastDay}, ${r.timeZone})</h1>
          <p>Counted from executed decisions only; the value of orders is never counted as return.</p>
          ${rows}
          <h2>Actions</h2>
          <p>
            proposed ${r.counts.proposed} · approved ${r.counts.approved} · dismissed ${r.counts.dismissed} · executed ${r.counts.executed}
            · expired ${r.counts.expired}
          </p>
          <p>
            Decision latency: median ${r.decisionLatencyHours.median ?? '–'} h, mean ${r.decisionLatencyHours.mean ?? '–'} h over
            ${r.decisionLatencyHours.decisions} decisions.
          </p>
        </body>
      </html>`;
    return c.html(page);
  });
