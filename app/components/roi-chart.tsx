// The ROI trend: each week's counted figures as stacked bars, twelve weeks, oldest first. The
// numbers are also in the table beside the chart on the page.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../i18n/t';

export interface TrendPoint {
  week: string;
  wasteAvoided: number;
  stockoutsAvoided: number;
  capitalFreed: number;
}

export default function RoiTrend({ data }: { data: TrendPoint[] }) {
  const { t, f } = useI18n();
  return (
    <div className="h-48" data-testid="roi-trend">
      <BarChart responsive style={{ width: '100%', height: '100%' }} data={data} margin={{ top: 4, right: 8, bottom: 4, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="week" tick={{ fontSize: 10 }} tickFormatter={(w: string) => w.slice(5)} />
        <YAxis tick={{ fontSize: 10 }} width={56} tickFormatter={(v: number) => f.moneyShort(v)} />
        <Tooltip formatter={(v) => f.money(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey="wasteAvoided" name={t('roi.wasteAvoided')} stackId="r" fill="#137257" isAnimationActive={false} />
        <Bar dataKey="stockoutsAvoided" name={t('roi.stockoutsAvoided')} stackId="r" fill="#2f6fb0" isAnimationActive={false} />
        <Bar dataKey="capitalFreed" name={t('roi.capitalFreed')} stackId="r" fill="#b7791f" isAnimationActive={false} />
      </BarChart>
    </div>
  );
}
