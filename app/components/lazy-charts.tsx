// Recharts is the largest library here, so charts load as their own chunk after the page's first
// paint. Each placeholder has the chart's height, so nothing moves when the chart arrives.
import { lazy, Suspense, type ComponentProps } from 'react';

const Bar = lazy(() => import('./charts').then((m) => ({ default: m.BarPanel })));
const Forecast = lazy(() => import('./sku-charts').then((m) => ({ default: m.ForecastChart })));
const Projection = lazy(() => import('./sku-charts').then((m) => ({ default: m.ProjectionChart })));

const Hold = ({ h }: { h: string }) => <div className={`${h} animate-pulse rounded bg-slate-50`} aria-hidden />;

export function BarPanel(props: ComponentProps<typeof Bar>) {
  return (
    <Suspense fallback={<Hold h="h-52" />}>
      <Bar {...props} />
    </Suspense>
  );
}

export function ForecastChart(props: ComponentProps<typeof Forecast>) {
  return (
    <Suspense fallback={<Hold h="h-72" />}>
      <Forecast {...props} />
    </Suspense>
  );
}

export function ProjectionChart(props: ComponentProps<typeof Projection>) {
  return (
    <Suspense fallback={<Hold h="h-56" />}>
      <Projection {...props} />
    </Suspense>
  );
}
