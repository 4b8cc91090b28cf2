// ROI from decisions for one ISO week: JSON, CSV (one line per action behind each figure) and a
// printable HTML page. Each figure lists the actions behind it (links to /api/actions/{id}).
import { createRoute, z } from '@hono/zod-openapi';
import { html, raw } from 'hono/html';
import { createRouter, problemResponses } from '../lib/validate';
import { file, json, Roi } from './schemas';
import { weeklyRoi, type RoiLine } from '../actions/roi';
import { ISO_WEEK, isIsoWeek } from '../domain/dates';
import { csvLine } from '../imports/csv-write';
import { ACTION_KIND_KO, ACTION_STATE_KO, codeKo, ROI_FIGURE_KO, ROI_STATUS_KO } from '../domain/code-words';
import { fileLang } from '../lib/formats';

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
/** The CSV also takes its language (lib/formats `fileLang`). */
const CsvQuery = Query.extend({ lang: fileLang });
const route = <P extends string, R extends ReturnType<typeof json> | ReturnType<typeof file>>(path: P, summary: string, response: R) =>
  createRoute({ method: 'get', path, tags, summary, request: { query: Query }, responses: { 200: response, ...problemResponses } });

const FIGURES = [
  ['wasteAvoided', 'Waste avoided'],
  ['stockoutsAvoided', 'Stock-outs avoided (expected lost sales)'],
  ['capitalFreed', 'Capital freed'],
  ['valueWrittenOff', 'Value written off'],
] as const;

const ROI_WORDS = {
  header: ['week', 'figure', 'action_id', 'kind', 'sku', 'amount', 'status', 'detail'],
  total: 'total',
  count: 'count',
  latency: 'median decision latency (h)',
  hours: 'hours',
};
const ROI_WORDS_KO: typeof ROI_WORDS = {
  header: ['주', '항목', '조치 ID', '유형', '품목 코드', '금액', '상태', '내용'],
  total: '합계',
  count: '건수',
  latency: '결정 소요 시간 중앙값(시간)',
  hours: '시간',
};

export const roiRoutes = createRouter()
  .openapi(route('/roi', 'ROI from decisions for an ISO week (default: this week).', json(Roi, 'ROI')), async (c) =>
    c.json(await weeklyRoi(c.get('db'), c.get('auth').tenantId, c.req.valid('query').week), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/roi.csv',
      tags,
      summary:
        'The ROI figures as CSV, one line per action behind each figure (lang=ko: Korean column names, figures, kinds, statuses and details).',
      request: { query: CsvQuery },
      responses: { 200: file('CSV', 'text/csv'), ...problemResponses },
    }),
    async (c) => {
      const { week, lang } = c.req.valid('query');
      const r = await weeklyRoi(c.get('db'), c.get('auth').tenantId, week);
      // In Korean the words the ROI page shows; action ids, SKUs, weeks and amounts stay as they are.
      const ko = lang === 'ko';
      const w = ko ? ROI_WORDS_KO : ROI_WORDS;
      let out = '\ufeff' + csvLine(w.header);
      for (const [key, label] of FIGURES) {
        const figure = ko ? ROI_FIGURE_KO[key] : label;
        out += csvLine([r.week, figure, '', '', '', r[key].value, w.total, '']);
        for (const a of r[key].actions as RoiLine[])
          out += csvLine(
            ko
              ? [r.week, figure, a.actionId, codeKo(ACTION_KIND_KO, a.kind), a.sku, a.amount, codeKo(ROI_STATUS_KO, a.status), a.detailKo]
              : [r.week, figure, a.actionId, a.kind, a.sku, a.amount, a.status, a.detail],
          );
      }
      for (const [k, n] of Object.entries(r.counts))
        out += csvLine([r.week, ko ? `조치 ${codeKo(ACTION_STATE_KO, k)}` : `actions ${k}`, '', '', '', n, w.count, '']);
      out += csvLine([r.week, w.latency, '', '', '', r.decisionLatencyHours.median, w.hours, '']);
      return c.body(out, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="roi-${r.week}.csv"`,
      });
    },
  )
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
