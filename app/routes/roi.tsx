// The weekly ROI report: what executed decisions were worth (never the value of orders), each figure
// with the actions behind it, the last 12 weeks as a chart, CSV, and a layout that prints on one page.
import { lazy, Suspense } from 'react';
import { Form, Link, useLoaderData } from 'react-router';
import type { Route } from './+types/roi';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import { queryOf } from '../lib/query';
import { pageTitle, useI18n } from '../i18n/t';
import { Card, HeaderCells, PageError, PageHeader, ghostCls, inputCls } from '../components/ui';
import type { TrendPoint } from '../components/roi-chart';
import type { Roi } from '../lib/types';

const RoiTrend = lazy(() => import('../components/roi-chart'));

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.roi');

/** The ISO week (YYYY-Www) of a UTC day. */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - (d.getUTCDay() || 7)));
  const w = Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(w).padStart(2, '0')}`;
}

/** Monday of an ISO week, as a Date at 00:00 UTC. */
function mondayOf(week: string): Date {
  const [y, w] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(y, 0, 4));
  return new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (w - 1) * 7 * 86_400_000);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const a = api(context, request, token);
  // A week that is not one (garbage, 2025-W53) answers 422 saying so, rather than another week's report.
  const week = queryOf(request).week('week') ?? isoWeek(new Date());
  const monday = mondayOf(week).getTime();
  const weeks = Array.from({ length: 12 }, (_, i) => isoWeek(new Date(monday - (11 - i) * 7 * 86_400_000)));
  return load(async () => {
    const all = await Promise.all(weeks.map((w) => a.get<Roi>('/api/roi', { week: w })));
    const trend: TrendPoint[] = all.map((r) => ({
      week: r.week,
      wasteAvoided: r.wasteAvoided.value,
      stockoutsAvoided: r.stockoutsAvoided.value,
      capitalFreed: r.capitalFreed.value,
    }));
    return { roi: all[all.length - 1], trend, previous: weeks[10], next: isoWeek(new Date(monday + 7 * 86_400_000)) };
  });
}

export function ErrorBoundary() {
  return <PageError />;
}

const FIGURES = ['wasteAvoided', 'stockoutsAvoided', 'capitalFreed', 'valueWrittenOff'] as const;
/** In print, each figure lists its largest actions only, so the report stays on one page. */
const PRINT_LINES = 4;

// Print: the report alone (no navigation or controls), compact, on one A4 page.
const PRINT_CSS = `@media print {
  @page { size: A4; margin: 12mm; }
  aside, [data-print="hide"], a[href="#main"] { display: none !important; }
  body { background: #fff; }
  main { max-width: none !important; padding: 0 !important; }
  .md\\:grid { display: block !important; }
  section { box-shadow: none !important; break-inside: avoid; }
  [data-print-extra] { display: none !important; }
}`;

export default function Roi() {
  const { roi, trend, previous, next } = useLoaderData<typeof loader>();
  const { t, f, currency, tx } = useI18n();
  return (
    <div className="space-y-4 print:space-y-2 print:text-xs" data-testid="roi-report">
      <style>{PRINT_CSS}</style>
      <PageHeader title={t('roi.title', { week: roi.week })}>
        <div className="flex flex-wrap items-center gap-2" data-print="hide">
          <Link className={ghostCls} to={`?week=${previous}`}>
            {t('roi.previous')}
          </Link>
          <Link className={ghostCls} to={`?week=${next}`}>
            {t('roi.next')}
          </Link>
          <Form method="get" className="flex items-center gap-1">
            <label className="text-xs text-slate-700">
              <span className="sr-only">{t('roi.week')}</span>
              <input name="week" defaultValue={roi.week} pattern="\d{4}-W\d{2}" className={`${inputCls} w-28`} aria-label={t('roi.week')} />
            </label>
            <button className={ghostCls}>{t('roi.show')}</button>
          </Form>
          <a className={ghostCls} href={`/roi.csv?week=${roi.week}`} download>
            {t('common.export')}
          </a>
          <button type="button" className={ghostCls} onClick={() => window.print()}>
            {t('roi.print')}
          </button>
        </div>
      </PageHeader>
      <p className="text-sm text-slate-700">
        {t('roi.period', { from: f.day(roi.from), to: f.day(roi.lastDay), tz: roi.timeZone, currency })}
      </p>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4 print:grid-cols-4">
        {FIGURES.map((k) => (
          <div key={k} className="rounded-xl border border-slate-200 bg-white p-3" data-testid={`roi-${k}`} data-value={roi[k].value}>
            <p className="text-xs text-slate-600">{t(`roi.${k}`)}</p>
            <p className="tabular text-xl font-semibold">{f.money(roi[k].value)}</p>
            <p className="text-xs text-slate-600">{t('roi.behind', { n: roi[k].actions.length })}</p>
          </div>
        ))}
      </div>
      <Card title={t('roi.trend')}>
        {/* Twelve weeks with nothing counted draw no chart: an empty axis says less than a sentence. */}
        {trend.some((w) => w.wasteAvoided || w.stockoutsAvoided || w.capitalFreed) ? (
          <Suspense fallback={<div className="h-48 animate-pulse rounded bg-slate-50" aria-hidden />}>
            <RoiTrend data={trend} />
          </Suspense>
        ) : (
          <p className="text-sm text-slate-600" data-testid="roi-trend-empty">
            {t('roi.trendNone')}
          </p>
        )}
      </Card>
      <Card title={t('roi.counts')}>
        <p className="text-sm" data-testid="roi-counts">
          {(['proposed', 'approved', 'dismissed', 'executed', 'expired'] as const)
            .map((k) => `${t(`act.state.${k}`)} ${roi.counts[k]}`)
            .join(' · ')}
        </p>
        <p className="mt-1 text-sm text-slate-700">
          {roi.decisionLatencyHours.decisions === 0
            ? t('roi.latencyNone')
            : t('roi.latency', {
                median: f.hours(roi.decisionLatencyHours.median),
                mean: f.hours(roi.decisionLatencyHours.mean),
                n: roi.decisionLatencyHours.decisions,
              })}
        </p>
      </Card>
      {FIGURES.map((k) => (
        <Card key={k} title={`${t(`roi.${k}`)} · ${f.money(roi[k].value)}`}>
          {roi[k].actions.length === 0 ? (
            <p className="text-sm text-slate-600">{t('roi.none')}</p>
          ) : (
            <table className="min-w-full text-sm" aria-label={t(`roi.${k}`)}>
              <thead className="text-left text-xs uppercase text-slate-700">
                <tr>
                  <HeaderCells
                    cellCls="px-2 py-1"
                    cells={[
                      [t('act.kind')],
                      [t('common.sku')],
                      [t('roi.amount', { currency }), true],
                      [t('common.status')],
                      [t('act.why')],
                    ]}
                  />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {[...roi[k].actions]
                  .sort((x, y) => y.amount - x.amount)
                  .map((l, i) => (
                    <tr key={l.actionId} {...(i >= PRINT_LINES ? { 'data-print-extra': '' } : {})}>
                      <td className="px-2 py-1">
                        <Link className="text-brand-700 underline" to={`/actions?open=${l.actionId}`}>
                          {t(`act.kind.${l.kind}` as 'act.kind.reorder')}
                        </Link>
                      </td>
                      <td className="px-2 py-1">{l.sku}</td>
                      <td className="tabular px-2 py-1 text-right">{f.money(l.amount)}</td>
                      <td className="px-2 py-1">{t(`roi.status.${l.status}`)}</td>
                      <td className="px-2 py-1 text-slate-700">{tx(l, 'detail')}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          {roi[k].actions.length > PRINT_LINES && (
            <p className="hidden text-xs text-slate-600 print:block">{t('roi.more', { n: roi[k].actions.length - PRINT_LINES })}</p>
          )}
        </Card>
      ))}
      <p className="text-xs text-slate-600">{t('roi.rule')}</p>
    </div>
  );
}
