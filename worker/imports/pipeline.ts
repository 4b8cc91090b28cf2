// The import job, run by the imports queue consumer. Each step is committed with its checkpoint
// (staging.repo), so a delivery does as many steps as its budget allows and then re-enqueues the
// next one; a redelivered or duplicated message finds its step already written and stops.
// Phases: parse (blocks of records → staged rows) → check (whole-file rules) → commit (one batch).
import { enqueueRefresh } from '../planning/refresh/enqueue';
import { createDb, type Db } from '../data/db';
import { raiseEventAlert } from '../alerts/deliver';
import { config, type Env } from '../lib/env';
import { importJob, type ImportJobMessage } from '../lib/messages';
import { ImportFailure, processBlock, type Header, type Refs } from './block';
import type { SkippedRow } from './layout';
import { checkStaged } from './checks';
import { tenantToday } from '../data/tenant-time';
import { commitStatements } from './commit';
import { flushAudit, recordEvent } from '../audit/record';
import { outboxInsert } from '../data/audit-outbox.repo';
import { entityByName, type EntityDef } from './entities';
import { getImport, importActor, saveCheckpoint, TERMINAL, type ImportRow } from './imports.repo';
import { storedOptions, type ReadOptions } from './options';
import type { RecordReader } from './reader';
import { loadRefs } from './refs';
import { FileFormatError, type TextFormat } from './sniff';
import { openSource } from './source';
import { chunkRanges } from './staged-sql';
import { failImport, writeStep } from './staging.repo';
import { ZipGuardError } from './zip-guard';
import { importTextKo } from './text-ko';

/** The import step a queue message names (lib/messages.ts). */
export type ImportJob = ImportJobMessage;

export interface Budget {
  /** Stop starting new steps after this many ms of the delivery (CPU and wall stay bounded). */
  ms: number;
  /** Characters of CSV per parse step (one staged chunk, well under D1's 2 MB value limit). */
  blockChars: number;
  /** Rows per load statement, so no single D1 statement runs long. */
  commitRows: number;
}
export const DEFAULT_BUDGET: Budget = { ms: 15_000, blockChars: 512 * 1024, commitRows: 50_000 };

const SKIPPED_KEPT = 100;

// A step never takes this long; an older checkpoint means the chain of messages broke.
const STALL_MS = 60_000;

export interface Checkpoint {
  phase: 'parse' | 'check' | 'commit';
  source?: string;
  /** Bytes of the source being parsed (the CSV a workbook was converted to, for XLSX). */
  size?: number;
  offset?: number;
  record?: number;
  format?: TextFormat;
  header?: Header;
  /** Rows skipped as not data (above the header, totals, page lines, blanks) and why; the first SKIPPED_KEPT. */
  skipped?: SkippedRow[];
  /** Milliseconds spent per phase (wall time, for operators and the benchmark); `start` (first step
   * began) and `done` (the load committed, rows visible) are epoch ms. */
  timings?: { start?: number; parse?: number; check?: number; commit?: number; done?: number };
}

export const sendJob = (env: Env, imp: Pick<ImportRow, 'tenantId' | 'id' | 'run' | 'step'>) => env.IMPORTS_QUEUE.send(importJob(imp));

class Delivery {
  private reader?: RecordReader;
  private refs?: Refs;
  private inflight?: Promise<boolean>;
  private stepStart = Date.now();
  private cp: Checkpoint;
  private readonly options: ReadOptions;

  constructor(
    private readonly env: Env,
    private readonly db: Db,
    public imp: ImportRow,
    private readonly entity: EntityDef,
    private readonly budget: Budget,
  ) {
    this.cp = { phase: 'parse', ...(JSON.parse(imp.checkpoint || '{}') as Partial<Checkpoint>) };
    this.options = storedOptions(imp.options);
  }

  /** One step; false when another delivery already did it (stop, it carries on). */
  async step(): Promise<'continue' | 'finished' | 'duplicate'> {
    this.stepStart = Date.now();
    if (this.cp.phase === 'parse') return this.parse();
    if (this.cp.phase === 'check') return this.check();
    return this.commit();
  }

  /**
   * Writes a step and moves the checkpoint on. A parse step's write is left in flight (`defer`)
   * while the next block is read and validated; the next write first awaits it, so writes stay
   * in order and a duplicate still stops the delivery before anything else is written.
   */
  private async advance(w: Parameters<typeof writeStep>[2], cp: Checkpoint, defer = false): Promise<'continue' | 'duplicate'> {
    if (!(await this.flush())) return 'duplicate';
    const t = { ...this.cp.timings };
    t.start ??= this.stepStart;
    t[this.cp.phase] = (t[this.cp.phase] ?? 0) + Date.now() - this.stepStart;
    cp = { ...cp, timings: t };
    const set = { ...w.set, checkpoint: JSON.stringify(cp) };
    const write = writeStep(this.db, this.imp, { ...w, set });
    this.imp = { ...this.imp, ...set, step: this.imp.step + 1 } as ImportRow;
    this.cp = cp;
    if (!defer) return (await write) ? 'continue' : 'duplicate';
    this.inflight = write;
    write.catch(() => undefined); // observed by flush(); avoids an unhandled rejection meanwhile
    return 'continue';
  }

  /** Waits for the step write in flight; false when another delivery had written that step. */
  async flush(): Promise<boolean> {
    const write = this.inflight;
    this.inflight = undefined;
    return write ? write : true;
  }

  private today?: string;
  /** The tenant's local date when the import was made: defaults (received_date) and date rules use it. */
  private async localToday(): Promise<string> {
    return (this.today ??= await tenantToday(this.db, this.imp.tenantId, new Date(this.imp.createdAt)));
  }

  private async parse() {
    if (!this.reader) {
      const opened = await openSource(this.env.FILES, this.imp, this.entity, this.cp, this.options);
      this.cp = { ...this.cp, ...opened.at };
      this.reader = opened.reader;
    }
    this.refs ??= await loadRefs(this.db, this.imp.tenantId, this.entity);
    const block = await this.reader.next(this.budget.blockChars);
    const imp = this.imp;
    const r = processBlock(
      {
        entity: this.entity,
        header: this.cp.header,
        mapping: this.options.mapping,
        dateOrder: this.options.dateOrder,
        decimal: this.options.decimal,
        headerRow: this.options.headerRow,
        today: await this.localToday(),
        refs: this.refs,
        firstRow: this.cp.record ?? 0,
      },
      block.records,
      block.quoteErrors,
    );
    const header = this.cp.header ?? r.header;
    const ok = imp.rowsOk + r.rows.length;
    const failed = imp.rowsFailed + r.failed;
    if (block.done && !header) throw new ImportFailure('The file is empty.');
    if (block.done && ok + failed === 0) throw new ImportFailure('The file has a header but no data rows.');
    const offset = this.cp.offset! + block.bytes;
    const size = this.cp.size || 1;
    const estimate = offset > 0 ? Math.round(((ok + failed) * size) / offset) : 0;
    // All-or-nothing: once a row failed nothing will load, so stop staging (keep validating).
    const rows = imp.policy === 'all-or-nothing' && failed > 0 ? [] : r.rows;
    return this.advance(
      {
        rows,
        errors: r.errors,
        set: {
          status: block.done ? 'validating' : 'parsing',
          rowsOk: ok,
          rowsFailed: failed,
          rowsSkipped: imp.rowsSkipped + r.skipped,
          rowsProcessed: ok + failed,
          rowsTotal: block.done ? ok + failed : Math.max(estimate, ok + failed),
          errorCount: imp.errorCount + r.errors.length,
          // In the uploaded file's bytes, so progress reads the same for a converted workbook.
          bytesProcessed: block.done ? imp.bytesTotal : Math.min(imp.bytesTotal, Math.round((offset / size) * imp.bytesTotal)),
        },
      },
      {
        ...this.cp,
        phase: block.done ? 'check' : 'parse',
        offset,
        record: (this.cp.record ?? 0) + block.records.length,
        header,
        skipped: [...(this.cp.skipped ?? []), ...r.notes].slice(0, SKIPPED_KEPT),
      },
      true,
    );
  }

  private async check() {
    // The last parse step must be in the table before whole-file rules read it.
    if (!(await this.flush())) return 'duplicate' as const;
    const imp = this.imp;
    if (imp.policy === 'all-or-nothing' && imp.rowsFailed > 0)
      throw new ImportFailure(`${imp.rowsFailed} of ${imp.rowsTotal} rows have errors; nothing was imported (policy all-or-nothing).`);
    const errors = await checkStaged(this.db, imp, this.entity, this.cp.header!, await this.localToday());
    const bad = [...new Set(errors.map((e) => e.row ?? 0))];
    const set = { rowsOk: imp.rowsOk - bad.length, rowsFailed: imp.rowsFailed + bad.length, errorCount: imp.errorCount + errors.length };
    if (imp.policy === 'all-or-nothing' && bad.length)
      throw new ImportFailure(
        `${bad.length} of ${imp.rowsTotal} rows conflict; nothing was imported (policy all-or-nothing).`,
        errors,
        set,
      );
    if (set.rowsOk === 0) throw new ImportFailure('No valid rows to import.', errors, set);
    return this.advance({ errors, skipRows: bad, set: { ...set, status: 'committing' } }, { ...this.cp, phase: 'commit' });
  }

  private async commit() {
    if (!(await this.flush())) return 'duplicate' as const;
    const imp = this.imp;
    const now = new Date().toISOString();
    const statements = commitStatements({
      src: { imp, entity: this.entity, skip: imp.policy === 'skip-invalid' },
      tenantId: imp.tenantId,
      mode: imp.mode,
      mapped: new Set(Object.keys(this.cp.header!.index)),
      ranges: await chunkRanges(this.db, imp, this.budget.commitRows),
      today: await this.localToday(),
      now,
      // The ledger names the import's author as any movement's: by email (or the source), with their id.
      createdBy: importActor(imp),
      createdById: imp.createdById,
    });
    const earlier =
      imp.run > 1
        ? ` Run ${imp.run} of this file: the ${imp.run === 2 ? 'first' : `${imp.run - 1} earlier`} failed (audit trail: import.failed).`
        : '';
    const message = `${imp.rowsOk} rows imported${imp.rowsFailed ? `, ${imp.rowsFailed} skipped with errors` : ''}.${earlier}`;
    // The commit's audit entry rides in the load's own batch: the rows and their record land together.
    const entry = outboxInsert(this.db, {
      actor: importActor(imp),
      tenantId: imp.tenantId,
      entity: 'import',
      id: imp.id,
      action: 'import.commit',
      after: { entity: imp.entity, file: imp.fileName, sha256: imp.sha256, mode: imp.mode, policy: imp.policy },
      data: { rowsOk: imp.rowsOk, rowsFailed: imp.rowsFailed, source: imp.source },
    });
    const r = await this.advance({ extra: [...statements, entry], cleanup: true, set: { status: 'done', message } }, this.cp);
    if (r === 'duplicate') return r;
    // The load's own duration, and when the rows became visible (status done), are known only
    // now; recorded apart, outside the load's batch.
    const done = Date.now();
    await flushAudit(this.env, this.db, imp.tenantId);
    const timings = { ...this.cp.timings, commit: done - this.stepStart, done };
    await saveCheckpoint(this.db, imp.id, { ...this.cp, timings });
    await enqueueRefresh(this.env, imp.tenantId, `import ${imp.id}`);
    return 'finished' as const;
  }

  close = () => this.reader?.close();
}

async function fail(env: Env, db: Db, imp: ImportRow, e: ImportFailure | FileFormatError | ZipGuardError) {
  const errors = e instanceof ImportFailure ? e.errors : [{ row: 0, column: '', value: '', message: e.message }];
  await failImport(db, imp, e.message, errors, e instanceof ImportFailure ? e.set : {});
  // The failure is part of the trail: a later run of the same file (a retry) does not erase it.
  await recordEvent(env, db, {
    actor: importActor(imp),
    tenantId: imp.tenantId,
    entity: 'import',
    id: imp.id,
    action: 'import.failed',
    data: {
      run: imp.run,
      file: imp.fileName,
      entity: imp.entity,
      message: e.message.slice(0, 1000),
      errors: imp.errorCount + errors.length,
    },
  });
  // A dropped file has nobody watching it: that one warns; a failed upload is shown to its uploader
  // and only informs the alert channels that want info.
  const message = `${imp.source === 'landing' ? 'Dropped file' : 'Uploaded file'} ${imp.fileName} (${imp.entity}) failed to import: ${e.message}`;
  await raiseEventAlert(env, imp.tenantId, {
    dedupeKey: `import-failed:${imp.id}:${imp.run}`,
    kind: 'import-failed',
    severity: imp.source === 'landing' ? 'warning' : 'info',
    message: message.slice(0, 1000),
    messageKo: importTextKo(message)?.slice(0, 1000) ?? null,
  });
}

/** Deliveries of one step before an unexpected error fails the import instead of retrying. */
export const MAX_ATTEMPTS = 3;

/** Runs an import job until it finishes, the budget is spent (then re-enqueues) or it is stale. */
export async function runImportJob(env: Env, job: ImportJob, deadline: number, budget = DEFAULT_BUDGET, attempt = 1): Promise<string> {
  const db = createDb(env);
  const imp = await getImport(db, job.tenantId, job.importId);
  if (!imp || TERMINAL.has(imp.status) || imp.run !== job.run) return 'ignored';
  if (job.step !== imp.step) {
    if (job.step < imp.step && Date.now() - Date.parse(imp.updatedAt) > STALL_MS) await sendJob(env, imp);
    return 'stale';
  }
  const entity = entityByName(imp.entity);
  const delivery = new Delivery(env, db, imp, entity!, budget);
  try {
    if (!entity) throw new ImportFailure(`Unknown entity "${imp.entity}".`);
    if (imp.bytesTotal > config(env).MAX_UPLOAD_BYTES)
      throw new ImportFailure(`The file has ${imp.bytesTotal} bytes; the limit is ${config(env).MAX_UPLOAD_BYTES}.`);
    for (;;) {
      const r = await delivery.step();
      if (r !== 'continue') return r;
      if (Date.now() >= deadline) {
        if (!(await delivery.flush())) return 'duplicate';
        await sendJob(env, delivery.imp);
        return 'continued';
      }
    }
  } catch (e) {
    // A step write still in flight decides first: if another delivery owns the step, leave it to it.
    if (!(await delivery.flush().catch(() => true))) return 'duplicate';
    if (e instanceof ImportFailure || e instanceof FileFormatError || e instanceof ZipGuardError) {
      await fail(env, db, delivery.imp, e);
      return 'failed';
    }
    if (attempt < MAX_ATTEMPTS) throw e;
    console.error('import', imp.id, 'failed after retries', e);
    await fail(env, db, delivery.imp, new ImportFailure('The import stopped on an internal error after retries; nothing was loaded.'));
    return 'failed';
  } finally {
    await delivery.close();
  }
}
