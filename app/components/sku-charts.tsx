// A SKU's demand history with its forecast and p10–p90 band, and its projected stock against the
// reorder point and safety stock. Recharts draws them; the numbers stay in the panels beside.
import { Area, CartesianGrid, ComposedChart, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis, Legend } from 'recharts';
import type { ReorderRow } from '../lib/types';
import { addDays, projectStock, type ProjectionRow } from '../lib/projection';
import { useI18n } from '../i18n/t';

interface ForecastLike {
  history: { startDate: string; values: number[] };
  forecast: { startDate: string; mean: number[]; p10: number[]; p90: number[] };
  promotions?: { promotionId: string; startDate: string; endDate: string }[];
}

export function ForecastChart({ forecast }: { forecast: ForecastLike }) {
  const { t, f } = useI18n();
  const history = forecast.history.values.map((v, i) => ({ date: addDays(forecast.history.startDate, i), sold: v }));
  const ahead = forecast.forecast.mean.map((m, i) => ({
    date: addDays(forecast.forecast.startDate, i),
    mean: m,
    band: [forecast.forecast.p10[i], forecast.forecast.p90[i]] as [number, number],
  }));
  const data = [...history, ...ahead];
  // Promotions shade their days, clipped to the dates drawn (the axis is categorical).
  const firstDate = data[0]?.date ?? '';
  const lastDate = data.at(-1)?.date ?? '';
  const promotions = (forecast.promotions ?? [])
    .map((p) => ({
      id: p.promotionId,
      x1: p.startDate < firstDate ? firstDate : p.startDate,
      x2: p.endDate > lastDate ? lastDate : p.endDate,
    }))
    .filter((p) => p.x1 <= p.x2);
  return (
    <div className="h-72" data-testid="forecast-chart">
      <ComposedChart responsive style={{ width: '100%', height: '100%' }} data={data} margin={{ top: 4, right: 28, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={40} tickFormatter={(d: string) => f.day(d)} />
        <YAxis tick={{ fontSize: 11 }} width={40} />
        <Tooltip
          labelFormatter={(d) => f.day(String(d))}
          formatter={(v) => (Array.isArray(v) ? v.map((x) => f.num(Number(x), 1)).join(' – ') : f.num(Number(v), 1))}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Area
          dataKey="band"
          name={t('sku.band')}
          fill="#9fd6c2"
          fillOpacity={0.45}
          stroke="none"
          isAnimationActive={false}
          className="forecast-band"
        />
        <Line dataKey="sold" name={t('sku.history')} stroke="#334155" dot={false} strokeWidth={1.2} isAnimationActive={false} />
        <Line
          dataKey="mean"
          name={t('sku.mean')}
          stroke="#137257"
          strokeDasharray="5 3"
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
        />
        {promotions.map((p, i) => (
          <ReferenceArea
            key={`${p.id}-${p.x1}`}
            x1={p.x1}
            x2={p.x2}
            fill="#f59e0b"
            fillOpacity={0.15}
            stroke="none"
            className="promotion-area"
            label={i === 0 ? { value: t('sku.promotion'), fontSize: 10, position: 'insideTop', fill: '#92400e' } : undefined}
          />
        ))}
        <ReferenceLine x={forecast.forecast.startDate} stroke="#94a3b8" />
      </ComposedChart>
    </div>
  );
}

/** Warehouse lines' colours (the SKU's total keeps the brand green). */
const WAREHOUSE_COLOURS = ['#2563eb', '#9333ea', '#0891b2', '#c2410c', '#4d7c0f', '#be185d'];

/**
 * Usable stock run down by the mean forecast, inbound counted from its next arrival: each
 * warehouse on its own share of demand, summed (app/lib/projection.ts), with a thin line per
 * warehouse when there are several.
 */
export function ProjectionChart({
  forecast,
  reorder,
  warehouses = [],
  stockoutLabel,
}: {
  forecast: ForecastLike;
  reorder: ReorderRow;
  /** The SKU's reorder rows per warehouse; with more than one, each runs down on its own. */
  warehouses?: readonly ProjectionRow[];
  /** The run-out line's label; "Runs out" by default (a SKU in several warehouses names the first). */
  stockoutLabel?: string;
}) {
  const { t, f } = useI18n();
  const points = projectStock(forecast.forecast.mean, forecast.forecast.startDate, reorder, warehouses);
  const codes = warehouses.length > 1 ? Object.keys(points[0]?.byWarehouse ?? {}) : [];
  const ropAbove = reorder.reorderPoint >= reorder.safetyStock;
  const data = points.map((p) => ({
    date: p.date,
    stock: p.stock,
    ...Object.fromEntries(codes.map((c) => [`wh:${c}`, p.byWarehouse[c]])),
  }));
  return (
    <div className="h-56" data-testid="projection-chart">
      <LineChart responsive style={{ width: '100%', height: '100%' }} data={data} margin={{ top: 4, right: 28, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={40} tickFormatter={(d: string) => f.day(d)} />
        <YAxis tick={{ fontSize: 11 }} width={48} />
        <Tooltip labelFormatter={(d) => f.day(String(d))} formatter={(v) => f.num(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line dataKey="stock" name={t('sku.projected')} stroke="#137257" dot={false} strokeWidth={2} isAnimationActive={false} />
        {codes.map((c, i) => (
          <Line
            key={c}
            dataKey={`wh:${c}`}
            name={c}
            stroke={WAREHOUSE_COLOURS[i % WAREHOUSE_COLOURS.length]}
            dot={false}
            strokeWidth={1}
            strokeDasharray="5 3"
            isAnimationActive={false}
          />
        ))}
        {/* The higher of the two lines has its label above it (Recharts' 'insideBottom…' on a
            horizontal line) and the lower one below its own, so the two never overlap however close
            the lines are. The reorder point is usually the higher, but a product's own reorder
            point (set in the catalogue) may lie below the computed safety stock. */}
        <ReferenceLine
          y={reorder.reorderPoint}
          stroke="#b45309"
          strokeDasharray="4 3"
          label={{
            value: t('sku.reorderPoint'),
            fontSize: 11,
            position: ropAbove ? 'insideBottomRight' : 'insideTopRight',
            fill: '#b45309',
          }}
        />
        <ReferenceLine
          y={reorder.safetyStock}
          stroke="#b91c1c"
          strokeDasharray="2 3"
          label={{
            value: t('sku.safetyStock'),
            fontSize: 11,
            position: ropAbove ? 'insideTopRight' : 'insideBottomRight',
            fill: '#b91c1c',
          }}
        />
        {reorder.projectedStockoutDate && (
          <ReferenceLine
            x={reorder.projectedStockoutDate}
            stroke="#b91c1c"
            label={{ value: stockoutLabel ?? t('dash.stockoutDate'), fontSize: 11, position: 'insideTopLeft', fill: '#b91c1c' }}
          />
        )}
      </LineChart>
    </div>
  );
}
