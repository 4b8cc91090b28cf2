// Imports: drop a file, check and edit how its columns map, import it and watch it to the end;
// errors by row and column (and as CSV), history, and the templates.
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useRef, useState } from 'react';
import { useFetcher, useLoaderData, useRevalidator } from 'react-router';
import type { Route } from './+types/imports';
import { api, load } from '../lib/api.server';
import { attempt, formAction, refuse } from '../lib/forms.server';
import { requireUser } from '../lib/session.server';
import { serverT } from '../lib/lang.server';
import { can } from '../lib/roles';
import type { Page } from '../lib/types';
import { ENTITIES, entityLabel, pageTitle, useI18n, useRoot } from '../i18n/t';
import type { MessageKey } from '../i18n/messages';
import { Card, Notice, PageError, PageHeader, buttonCls, inputCls } from '../components/ui';
import { useCsrf } from '../components/csrf';
import { DataTable, type ColumnInfo } from '../components/data-table';
import type { ImportStatus } from './import-status';
import type { ImportPreview } from '../lib/types';
import type { EntityName } from '../../worker/imports/entities';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.imports');

// Every entity the API imports has its choice here: a new one fails the typecheck until it is added.
const everyEntity: Exclude<EntityName, (typeof ENTITIES)[number]> extends never ? true : never = true;
void everyEntity;
// Files that change stock on hand (through the ledger): offered only to roles that post movements,
// as the API requires (worker/imports/entities.ts writesLedger).
const LEDGER_ENTITIES = new Set<string>(['inventory_lots', 'receipts']);

type Preview = ImportPreview;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  return load(() => api(context, request, token).get<Page<ImportStatus>>('/api/imports', { pageSize: 50 }));
}

export async function action({ request, context }: Route.ActionArgs) {
  const { form, api } = await formAction(request, context, can.importFiles);
  const entity = String(form.get('entity') ?? '');
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return refuse(serverT(request)('imp.chooseFile'));
  const body = new FormData();
  body.set('file', file, file.name);
  for (const k of ['mapping', 'dateOrder', 'decimal', 'delimiter', 'policy']) {
    const v = form.get(k);
    if (typeof v === 'string' && v) body.set(k, v);
  }
  const path = `/api/imports/${encodeURIComponent(entity)}${form.get('intent') === 'preview' ? '/preview' : ''}`;
  return attempt(() => api.send('POST', path, body));
}

export function ErrorBoundary() {
  return <PageError />;
}

const hc = createColumnHelper<ImportStatus>();
type ErrRow = NonNullable<ImportStatus['errors']>[number];
const ec = createColumnHelper<ErrRow>();

function Progress({ id, onDone }: { id: string; onDone: () => void }) {
  const { t, f, tx } = useI18n();
  const status = useFetcher<ImportStatus>();
  const s = status.data;
  const finished = s?.status === 'done' || s?.status === 'failed';
  const reported = useRef(false);
  useEffect(() => {
    if (finished) {
      // Once only: the page's revalidation reloads this fetcher too, so `s` changes again after
      // the end. Nothing is returned here: an effect's return value is its cleanup, and returning
      // onDone()'s promise made React call a promise on the next change, which tore the page down.
      if (!reported.current) {
        reported.current = true;
        onDone();
      }
      return;
    }
    const timer = setTimeout(() => status.load(`/imports/${id}/status`), s ? 600 : 0);
    return () => clearTimeout(timer);
    // Poll again whenever the previous answer arrives.
  }, [id, s, finished]);
  // A finished import is a whole bar (red when it failed) and says its outcome, not "99 %".
  const pct = finished ? 100 : Math.round((s?.progress ?? 0) * 100);
  // The counts are shown in words already: of a done import's message only what it adds (e.g. an earlier failed run).
  // The message reads in the page's language (the API's Korean beside its English, `messageKo`).
  const said = s?.message ? tx({ message: s.message, messageKo: s.messageKo }, 'message') : '';
  const extra =
    s?.status === 'done'
      ? said
          .replace(/^[\d,]+ rows imported[^.]*\.\s*/, '')
          .replace(/^[\d,]+행을 가져왔습니다\.(?: 오류가 있는 [\d,]+행은 건너뛰었습니다\.)?\s*/, '')
      : said;
  const errorCols = [
    ec.accessor('row', { header: t('imp.row'), meta: { numeric: true } }),
    ec.accessor('column', { header: t('imp.column') }),
    ec.accessor('value', { header: t('imp.value') }),
    ec.accessor((e) => tx(e, 'message'), { id: 'message', header: t('imp.message') }),
  ];
  return (
    <div className="mt-4 space-y-3" data-testid="import-progress" data-status={s?.status ?? 'queued'}>
      <div className="flex items-center justify-between text-sm">
        <span>
          {s ? t(`imp.status.${s.status}`) : t('imp.status.queued')} · {s?.fileName}
        </span>
        <span className="tabular">{finished ? '' : `${pct} %`}</span>
      </div>
      <div
        role="progressbar"
        aria-label={t('imp.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 rounded bg-slate-200"
      >
        <div
          className={`h-2 rounded ${s?.status === 'failed' ? 'bg-red-600' : 'bg-brand-600'} transition-all`}
          style={{ width: `${pct}%` }}
        />
      </div>
      {s && finished && (
        <p className="text-sm" data-testid="import-counts">
          {t(s.status === 'failed' ? 'imp.countsFailed' : 'imp.counts', {
            ok: f.num(s.rowsOk),
            failed: f.num(s.rowsFailed),
            skipped: f.num(s.rowsSkipped),
          })}
          {extra ? ` — ${extra}` : ''}
        </p>
      )}
      {s?.errors && s.errors.length > 0 && (
        <div>
          <div className="mb-2 flex items-center justify-between">
            <h3 className="text-sm font-semibold">{t('imp.errors', { n: f.num(s.errorCount) })}</h3>
            <a className="text-sm text-brand-700 underline" href={`/imports/${id}/errors.csv`} download>
              {t('imp.errorsCsv')}
            </a>
          </div>
          <DataTable
            id="err_"
            label={t('imp.errors', { n: s.errorCount })}
            columns={errorCols as never}
            data={s.errors}
            toolbar={false}
            compact
            rowTestId="import-error"
          />
        </div>
      )}
    </div>
  );
}

function Uploader({ mayMoveStock }: { mayMoveStock: boolean }) {
  const { t, tx, f } = useI18n();
  const csrf = useCsrf();
  const revalidator = useRevalidator();
  const previewer = useFetcher<typeof action>();
  const uploader = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  // The mapping as last edited, read synchronously: quick edits in a row each build on the one
  // before, not on a render that has not happened yet.
  const mappingRef = useRef<Record<string, string | null>>({});
  // A preview of a new file or option proposes a mapping; a preview of an edited mapping only
  // checks it (an answer arriving after a further edit must not undo that edit).
  const adopt = useRef(true);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const preview = previewer.data?.ok ? (previewer.data.data as Preview) : null;
  useEffect(() => {
    if (preview && adopt.current) {
      mappingRef.current = preview.mapping;
      setMapping(preview.mapping);
    }
  }, [previewer.data]);
  useEffect(() => {
    const d = uploader.data;
    if (d?.ok) setUploadId((d.data as { id: string }).id);
  }, [uploader.data]);

  const send = (intent: 'preview' | 'upload', map?: Record<string, string | null>) => {
    if (!formRef.current || !fileRef.current?.files?.length) return;
    const fd = new FormData(formRef.current);
    fd.set('intent', intent);
    if (intent === 'preview') adopt.current = !map;
    if (map) fd.set('mapping', JSON.stringify(map));
    if (intent === 'upload') setUploadId(null);
    (intent === 'preview' ? previewer : uploader).submit(fd, { method: 'post', encType: 'multipart/form-data' });
  };
  const error =
    (previewer.data && !previewer.data.ok ? previewer.data.error : null) ??
    (uploader.data && !uploader.data.ok ? uploader.data.error : null);
  return (
    <Card title={t('imp.upload')}>
      <form
        ref={formRef}
        method="post"
        encType="multipart/form-data"
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          send('upload', Object.keys(mappingRef.current).length ? mappingRef.current : undefined);
        }}
      >
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="intent" value="upload" />
        <div className="flex flex-wrap gap-3">
          <label className="text-sm">
            {t('imp.entity')}
            <select name="entity" className={`${inputCls} ml-2`} onChange={() => send('preview')}>
              {ENTITIES.filter((e) => mayMoveStock || !LEDGER_ENTITIES.has(e)).map((e) => (
                <option key={e} value={e}>
                  {t(`imp.entity.${e}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            {t('imp.dateOrder')}
            <select name="dateOrder" className={`${inputCls} ml-2`} onChange={() => send('preview', mappingRef.current)}>
              <option value="auto">{t('imp.auto')}</option>
              <option value="mdy">MM/DD/YYYY</option>
              <option value="dmy">DD/MM/YYYY</option>
            </select>
          </label>
          <label className="text-sm">
            {t('imp.decimal')}
            <select name="decimal" className={`${inputCls} ml-2`} onChange={() => send('preview', mappingRef.current)}>
              <option value="auto">{t('imp.auto')}</option>
              <option value=".">1,234.5</option>
              <option value=",">1.234,5</option>
            </select>
          </label>
          <label className="text-sm">
            {t('imp.delimiter')}
            <select name="delimiter" className={`${inputCls} ml-2`} onChange={() => send('preview', mappingRef.current)}>
              <option value="auto">{t('imp.auto')}</option>
              <option value=",">,</option>
              <option value=";">;</option>
              <option value="tab">{t('imp.tab')}</option>
            </select>
          </label>
          <label className="text-sm">
            {t('imp.policy')}
            <select name="policy" className={`${inputCls} ml-2`}>
              <option value="all-or-nothing">{t('imp.policy.all')}</option>
              <option value="skip-invalid">{t('imp.policy.skip')}</option>
            </select>
          </label>
        </div>
        <label
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            if (fileRef.current && e.dataTransfer.files.length) {
              fileRef.current.files = e.dataTransfer.files;
              send('preview');
            }
          }}
          className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed p-6 text-sm ${over ? 'border-brand-600 bg-brand-50' : 'border-slate-300 bg-slate-50'}`}
          data-testid="dropzone"
        >
          <span className="font-medium">{t('imp.drop')}</span>
          <span className="text-xs text-slate-600">{t('imp.formats')}</span>
          <input
            ref={fileRef}
            type="file"
            name="file"
            accept=".csv,.txt,.tsv,.xlsx"
            className="mt-2 text-xs"
            onChange={() => send('preview')}
            aria-label={t('imp.file')}
          />
        </label>
        {error && <Notice kind="error">{error}</Notice>}
        {preview && (
          <div className="space-y-3" data-testid="mapping-preview">
            <p className="text-xs text-slate-700">
              {t('imp.detected', {
                format: preview.format,
                encoding: preview.encoding ?? '—',
                delimiter: preview.delimiter === '\t' ? t('imp.tab') : (preview.delimiter ?? '—'),
              })}
            </p>
            <table className="text-sm" aria-label={t('imp.mapping')}>
              <thead>
                <tr className="text-left text-xs text-slate-600">
                  <th className="pr-4">{t('imp.field')}</th>
                  <th>{t('imp.fileColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.keys(mapping).map((field) => (
                  <tr key={field}>
                    <td className="py-1 pr-4 font-mono text-xs">
                      {field}
                      {preview.missing.includes(field) && <span className="ml-1 text-red-700">*</span>}
                    </td>
                    <td>
                      <select
                        aria-label={t('imp.mapFor', { field })}
                        className={inputCls}
                        value={mapping[field] ?? ''}
                        onChange={(e) => {
                          const next = { ...mappingRef.current, [field]: e.target.value || null };
                          mappingRef.current = next;
                          setMapping(next);
                          send('preview', next);
                        }}
                      >
                        <option value="">{t('imp.notMapped')}</option>
                        {preview.columns.map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.missing.length > 0 && <Notice kind="error">{t('imp.missing', { fields: preview.missing.join(', ') })}</Notice>}
            {preview.errors.length > 0 && (
              <div>
                {/* Every row of the file is judged; the API lists the first errors and counts them all. */}
                <p className="text-sm font-semibold text-red-800" data-testid="preview-error-count">
                  {preview.errorCount > preview.errors.length
                    ? t('imp.previewErrorsFirst', { n: f.num(preview.errorCount), shown: f.num(preview.errors.length) })
                    : t('imp.previewErrors', { n: f.num(preview.errorCount) })}
                </p>
                <ul className="max-h-64 list-disc overflow-y-auto pl-5 text-sm text-red-800" data-testid="preview-errors">
                  {preview.errors.map((e, i) => (
                    <li key={i}>{t('imp.errorLine', { row: e.row ?? '', column: e.column ?? e.path ?? '', message: tx(e, 'message') })}</li>
                  ))}
                </ul>
              </div>
            )}
            {preview.headerRow !== null && preview.headerRow > 1 && (
              <Notice kind="info">{t('imp.headerRow', { row: preview.headerRow })}</Notice>
            )}
            {preview.nearDuplicates.length > 0 && (
              <div data-testid="near-duplicates">
                <Notice kind="info">{t('imp.nearDuplicates', { n: preview.nearDuplicateCount })}</Notice>
                <ul className="mt-1 list-disc pl-5 text-sm text-amber-900">
                  {preview.nearDuplicates.slice(0, 10).map((d, i) => (
                    <li key={i}>{t('imp.nearDuplicate', { row: d.row, value: d.value, matches: d.matches })}</li>
                  ))}
                </ul>
              </div>
            )}
            {preview.skipped.length > 0 && (
              <ul className="list-disc pl-5 text-sm text-slate-700" data-testid="preview-skipped">
                {preview.skipped.slice(0, 10).map((s) => (
                  <li key={s.row}>{t('imp.skippedRow', { row: s.row, reason: tx(s, 'reason'), text: s.text.slice(0, 80) })}</li>
                ))}
              </ul>
            )}
            {preview.rows.length > 0 && (
              <div className="overflow-x-auto">
                <table className="text-xs" aria-label={t('imp.sampleRows')} data-testid="preview-rows">
                  <caption className="text-left text-slate-600">{t('imp.sampleRows')}</caption>
                  <thead>
                    <tr className="text-left text-slate-600">
                      <th className="pr-3 font-normal">{t('imp.row')}</th>
                      {Object.keys(preview.rows[0].values).map((k) => (
                        <th key={k} className="pr-3 font-mono font-normal">
                          {k}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.slice(0, 5).map((r) => (
                      <tr key={r.row} className="border-t border-slate-100">
                        <td className="pr-3 text-slate-600">{r.row}</td>
                        {Object.keys(preview.rows[0].values).map((k) => (
                          <td key={k} className="max-w-48 truncate whitespace-nowrap pr-3">
                            {r.values[k] === null || r.values[k] === undefined ? '—' : String(r.values[k])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="text-xs text-slate-600">{t('imp.rowsPreview', { n: f.num(preview.rowsTotal) })}</p>
          </div>
        )}
        <button className={buttonCls} disabled={uploader.state !== 'idle'}>
          {t('imp.import')}
        </button>
      </form>
      {uploadId && <Progress key={uploadId} id={uploadId} onDone={() => void revalidator.revalidate()} />}
    </Card>
  );
}

export default function Imports() {
  const history = useLoaderData<typeof loader>();
  const { t, f } = useI18n();
  const { user } = useRoot();
  const columns = [
    hc.accessor('createdAt', { header: t('common.date'), cell: (c) => f.time(c.getValue()) }),
    hc.accessor('entity', {
      header: t('imp.entity'),
      cell: (c) => t(`imp.entity.${c.getValue()}` as MessageKey),
      meta: { exportText: (e: string) => entityLabel(t, e) } satisfies ColumnInfo,
    }),
    hc.accessor('fileName', { header: t('imp.file') }),
    hc.accessor('status', {
      header: t('common.status'),
      cell: (c) => t(`imp.status.${c.getValue()}`),
      meta: { exportText: (s: ImportStatus['status']) => t(`imp.status.${s}`) } satisfies ColumnInfo,
    }),
    // A failed import loaded nothing, whatever its valid rows: "Imported 3" beside "Failed" said otherwise.
    hc.accessor((i) => (i.status === 'failed' ? 0 : i.rowsOk), { id: 'rowsOk', header: t('imp.ok'), meta: { numeric: true } }),
    hc.accessor('rowsFailed', { header: t('imp.failed'), meta: { numeric: true } }),
    hc.accessor('errorCount', {
      header: t('imp.errorsShort'),
      meta: { numeric: true },
      cell: (c) =>
        c.getValue() ? (
          <a className="text-brand-700 underline" href={`/imports/${c.row.original.id}/errors.csv`} download>
            {c.getValue()}
          </a>
        ) : (
          0
        ),
    }),
    hc.accessor('createdBy', { header: t('moves.by') }),
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.imports')} />
      {user && can.importFiles(user.role) && <Uploader mayMoveStock={can.moveStock(user.role)} />}
      <Card title={t('imp.templates')}>
        <ul className="flex flex-wrap gap-3 text-sm">
          {ENTITIES.map((e) => (
            <li key={e}>
              {t(`imp.entity.${e}`)}:{' '}
              <a className="text-brand-700 underline" href={`/templates/${e}.csv`} download>
                CSV
              </a>{' '}
              ·{' '}
              <a className="text-brand-700 underline" href={`/templates/${e}.xlsx`} download>
                XLSX
              </a>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-slate-700">{t('imp.erp')}</p>
      </Card>
      <Card title={t('imp.history')}>
        <DataTable label={t('imp.history')} columns={columns as never} data={history.items} exportName="imports" rowTestId="import-row" />
      </Card>
    </div>
  );
}
