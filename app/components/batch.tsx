// Lists longer than one API page (the API answers at most 500 rows a request) are read a batch at
// a time: the loader asks for batch N (`?batch=N`), the table sorts, searches and pages within it,
// and this line says which rows are loaded and moves to the neighbouring batches. Without it a
// list silently stopped at its first page (the ledger showed 200 of 557 movements).
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../i18n/t';
import { queryOf } from '../lib/query';

/** The API's largest page (worker/lib/validate.ts `pageSize` max). */
export const BATCH_SIZE = 500;

/** The batch a list page's URL asks for: `?batch=N`, 1 when absent; anything but a whole number ≥ 1 answers 422 (for loaders). */
export function batchOf(url: URL): number {
  return queryOf(url).int('batch', 1) ?? 1;
}

/** The URL of another batch of the current list (the table's own page parameter starts over). */
export function useBatchHref(): (batch: number) => string {
  const [params] = useSearchParams();
  return (b) => {
    const n = new URLSearchParams(params);
    n.delete('page');
    if (b > 1) n.set('batch', String(b));
    else n.delete('batch');
    return `?${n}`;
  };
}

/** Links to the previous and next batch, shown only where there is one. */
export function BatchLinks({ total, batch, batchSize }: { total: number; batch: number; batchSize: number }) {
  const { t } = useI18n();
  const href = useBatchHref();
  return (
    <>
      {batch > 1 && (
        <Link className="text-brand-700 underline" to={href(batch - 1)} data-testid="batch-prev">
          {t('common.batchPrev', { n: batchSize })}
        </Link>
      )}{' '}
      {batch * batchSize < total && (
        <Link className="text-brand-700 underline" to={href(batch + 1)} data-testid="batch-next">
          {t('common.batchNext', { n: batchSize })}
        </Link>
      )}
    </>
  );
}

/** "Rows 1–500 of 557 are loaded here; …" with the batch links — nothing when one batch holds the list. */
export function BatchNav({ total, batch, batchSize = BATCH_SIZE }: { total: number; batch: number; batchSize?: number }) {
  const { t, f } = useI18n();
  if (total <= batchSize && batch === 1) return null;
  return (
    <p className="text-sm text-slate-700" data-testid="batch-nav">
      {t('common.batch', {
        from: f.num(Math.min(total, (batch - 1) * batchSize + 1)),
        to: f.num(Math.min(total, batch * batchSize)),
        total: f.num(total),
      })}{' '}
      <BatchLinks total={total} batch={batch} batchSize={batchSize} />
    </p>
  );
}
