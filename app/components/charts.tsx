// Charts drawn by Recharts; each has its numbers beside it, so nothing depends on reading bars.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';

export function BarPanel({
  data,
  format,
  axisFormat = format,
  testId,
}: {
  data: { name: string; value: number }[];
  format: (n: number) => string;
  /** Shorter labels for the value axis (e.g. $340K); the list beside the chart keeps `format`. */
  axisFormat?: (n: number) => string;
  testId?: string;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-[1fr_12rem]" data-testid={testId}>
      <div className="h-52">
        <BarChart responsive style={{ width: '100%', height: '100%' }} data={data} margin={{ top: 4, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {/* Every category is labelled; slanted, so five labels in a half-width panel do not run together. */}
          <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={52} />
          <YAxis tick={{ fontSize: 11 }} width={56} tickFormatter={(v: number) => axisFormat(v)} />
          <Tooltip formatter={(v) => format(Number(v))} />
          <Bar dataKey="value" fill="#137257" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </div>
      <dl className="space-y-1 self-center text-sm">
        {data.map((d) => (
          <div key={d.name} className="flex justify-between gap-2 border-b border-slate-100 py-1">
            <dt className="text-slate-700">{d.name}</dt>
            <dd className="tabular font-medium">{format(d.value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
