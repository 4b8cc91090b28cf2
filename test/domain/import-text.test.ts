// Import sentences in Korean (worker/imports/text-ko.ts): every sentence the import code writes —
// made here by the writers themselves (the preview of bad files, the cell parsers, the checks and
// limits, the outcomes) — has a Korean reading with no English left; a sentence with no rule stays
// English rather than being guessed.
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../worker/imports/entities';
import { previewFile } from '../../worker/imports/inspect';
import { parseDate, parseNumber } from '../../worker/imports/values';
import { mapColumns } from '../../worker/imports/mapping';
import { duplicateKeyMessage, TOO_MANY_ROWS_MESSAGE } from '../../worker/imports/staged-sql';
import { nearDuplicates } from '../../worker/imports/near-duplicates';
import { footerReason } from '../../worker/imports/layout';
import { importTextKo, skipReasonKo } from '../../worker/imports/text-ko';
import { etaDateProblem, lotLimitProblems, orderDateProblem } from '../../worker/domain/record-limits';
import { shipmentTransitionProblem } from '../../worker/domain/inbound';
import { CONTROL_MESSAGE, KEY_MESSAGE, keyFold } from '../../worker/lib/keys';
import type { ProblemError } from '../../worker/lib/problem';

const TODAY = '2026-12-02';
const hangul = /[\uac00-\ud7a3]/;
/**
 * English left in a Korean sentence: a word of three letters or more outside quotes, that is not a
 * code or a name the file or the format uses (column names such as quantity_on_hand, CSV, XLSX,
 * UTF-8, yyyy-mm-dd, mdy, JSON, multipart/form-data).
 */
const FILE_WORDS = new Set([
  ...['CSV', 'XLSX', 'ZIP', 'JSON', 'UTF', 'mdy', 'dmy', 'null', 'file', 'gbk'],
  // What a file itself says: its columns and the values a column takes.
  ...Object.values(ENTITIES).flatMap((e) => [e.name, ...e.fields.flatMap((f) => [f.name, ...(f.values ?? [])])]),
]);
function englishLeft(ko: string): string[] {
  const unquoted = ko.replace(/"[^"]*"/g, '""').replace(/\([^)]*\)/g, (m) => (/[\uac00-\ud7a3]/.test(m) ? m : '()'));
  const words = unquoted.match(/(?<![\w./-])[A-Za-z][A-Za-z_]{2,}(?![\w./-])/g) ?? [];
  return words.filter((w) => !FILE_WORDS.has(w) && !/^[A-Z0-9]+$/.test(w));
}

function expectKorean(en: string, translate: (en: string) => string | null = importTextKo) {
  const ko = translate(en);
  expect(ko, `no Korean for: ${en}`).not.toBeNull();
  expect(ko!, en).toMatch(hangul);
  expect(englishLeft(ko!), `${en}\n→ ${ko}`).toEqual([]);
  return ko!;
}

const enc = (s: string) => new TextEncoder().encode(s);
const refs = {
  sku: new Map([[keyFold('KR-NDL-001'), 'KR-NDL-001']]),
  warehouse: new Map([[keyFold('NJ1'), 'NJ1']]),
  customer: new Map([[keyFold('C-001'), 'C-001']]),
  shelfLife: new Map([['KR-NDL-001', 180]]),
};

async function preview(entity: keyof typeof ENTITIES, csv: string, options = {}) {
  return previewFile(enc(csv), `${entity}.csv`, ENTITIES[entity], options, refs, TODAY);
}

async function refusal(entity: keyof typeof ENTITIES, csv: string | Uint8Array, options = {}): Promise<ProblemError> {
  try {
    await previewFile(typeof csv === 'string' ? enc(csv) : csv, `${entity}.csv`, ENTITIES[entity], options, refs, TODAY);
  } catch (e) {
    return e as ProblemError;
  }
  throw new Error('the preview did not refuse the file');
}

describe('import row errors in Korean', () => {
  it('reads every error a preview of bad lots, products, orders and shipments finds', async () => {
    const lots = await preview(
      'inventory_lots',
      [
        'sku,lot_id,warehouse,quantity_on_hand,received_date,expiration_date,unit_cost,status',
        'KR-NDL-001,L1,NJ1,10,2026-11-01,2027-05-01,1.2,available',
        'NOPE-999,L2,ZZ9,10,2026-11-01,2027-05-01,1.2,available',
        'KR-NDL-001,L3,NJ1,abc,2026-11-01,notadate,1.2,available',
        'KR-NDL-001,L4,NJ1,-5,2026-11-01,2026-10-01,1.2,broken',
        'KR-NDL-001,L5,NJ1,1.5,2026-12-31,2027-05-01,-1,available',
        'KR-NDL-001,L6,NJ1,10,2026-02-30,2027-05-01,1.2,available',
        'KR-NDL-001,L7,NJ1,10,2026-11-01,2029-05-01,1.2,available',
        'KR-NDL-001,L8,NJ1,10,1900-01-01,2027-05-01,1.2,available',
        'KR-NDL-001,L9,NJ1,99999999,2026-11-01,2027-05-01,1.2,available',
        '8.80104E+12,L10,NJ1,10,2026-11-01,2027-05-01,1.2,available',
        'KR NDL/001!,L11,NJ1,10,2026-11-01,2027-05-01,1.2,available',
        'KR-NDL-001,L12,NJ1,10,2026-11-01,2027-05-01,1.2,available,extra',
        'KR-NDL-001,,NJ1,10,2026-11-01,2027-05-01,1.2,available',
        'KR-NDL-001,L14,NJ1,10,3000-01-01,2027-05-01,1.2,available',
        'KR-NDL-001,L15,NJ1,10,2026-11-01,2027-05-01,1e400,available',
        'KR-NDL-001,L16,NJ1,10,2026-11-01,2026-10-01,1.2,available',
        'KR-NDL-001,L17,NJ1,10,2026-12-31,2027-05-01,1.2,available',
        'Total,,,,,,,',
      ].join('\n'),
    );
    const products = await preview(
      'products',
      [
        'sku,name,category,case_size,shelf_life_days,unit_cost,unit_price,lead_time_days,moq,supplier,min_remaining_shelf_life_days',
        `KR-NEW-1,${'x'.repeat(201)},Noodles,0,180,1,2,7,0,S,200`,
        'KR-NEW-2,Name,Noodles,2.5,180,1,2,400,0,S,10',
        'KR-NEW-3,Name\u0007,Noodles,12,180,1,2,7,0,S,10',
      ].join('\n'),
    );
    const orders = await preview(
      'orders',
      [
        'order_id,line,order_date,customer_id,sku,quantity,status',
        'O-1,1,2027-01-01,C-404,KR-NDL-001,5,shipped',
        'O-2,1,2029-01-01,C-001,KR-NDL-001,5,open',
      ].join('\n'),
    );
    const shipments = await preview(
      'inbound_shipments',
      ['shipment_id,sku,quantity,eta_date,origin,status', 'INB-1,KR-NDL-001,10,2031-01-01,Busan,planned'].join('\n'),
    );
    const errors = [...lots.errors, ...products.errors, ...orders.errors, ...shipments.errors];
    const messages = [...new Set(errors.map((e) => e.message))];
    // The file's faults, each found by the import's own code.
    expect(messages.length).toBeGreaterThan(25);
    expect(messages).toContain('Expiration 2026-10-01 is not after receipt 2026-11-01.');
    for (const m of messages) expectKorean(m);
    expect(importTextKo('Unknown sku "NOPE-999".')).toBe('등록되지 않은 SKU "NOPE-999".');
    expect(importTextKo('"notadate" is not a date (use yyyy-mm-dd).')).toBe('"notadate"는 날짜가 아닙니다(yyyy-mm-dd 형식으로 쓰세요).');
    expect(importTextKo('Must not be negative.')).toBe('음수일 수 없습니다.');
    // The skipped total line says why, in Korean too.
    for (const s of lots.skipped) expectKorean(s.reason, skipReasonKo);
  });

  it("reads the header's and the mapping's errors", async () => {
    const missing = await preview('products', 'sku|name\nKR-1|x');
    const twice = await preview('products', 'sku,name,name,shelf_life_days,case_size\nKR-1,x,y,10,1');
    const mapped = await preview('products', 'sku,name,shelf_life_days,case_size\nKR-1,x,10,1', {
      mapping: { name: 'Nom', colour: 'x' },
    });
    const decimal = await preview('products', 'sku,name,shelf_life_days,case_size,unit_cost\nKR-1,x,10,1,"1,5"\nKR-2,y,10,1,2.5');
    const unsure = await preview('products', 'sku,name,shelf_life_days,case_size,unit_cost\nKR-1,x,10,1,"1,500"');
    const messages = [...missing.errors, ...twice.errors, ...mapped.errors, ...decimal.errors, ...unsure.errors].map((e) => e.message);
    expect(messages.length).toBeGreaterThan(4);
    for (const m of new Set(messages)) expectKorean(m);
    const columns = mapColumns(ENTITIES.products, ['sku']).errors.map((e) => e.message);
    for (const m of columns) expectKorean(m);
  });

  it("reads the preview's refusals of a file", async () => {
    const refusals = [
      await refusal('products', ''),
      await refusal('products', 'sku,name\nKR-1,x', { headerRow: 9 }),
      await refusal('products', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])),
      await refusal('products', new Uint8Array([0, 1, 2, 3, 0, 0, 0, 255, 0, 1, 0, 0, 9, 9])),
    ];
    for (const p of refusals) {
      expectKorean(p.message);
      for (const e of p.errors ?? []) expectKorean(e.message);
    }
  });

  it('reads every cell parser, check, limit and outcome sentence', () => {
    const cells = [
      ...['abc', '2026-13-40', '1850-01-01', '03/04/2026'].map((v) => parseDate(v, undefined)),
      parseDate('13/13/2026', 'mdy'),
      parseDate('31/02/2026', 'dmy'),
      ...['abc', '1,5', '1e999'].map((v) => parseNumber(v)),
      ...['1.2.3', '1,2,3', '1 2'].map((v) => parseNumber(v, ',')),
      parseNumber('1.234.5', '.'),
    ];
    const sentences = cells.flatMap((c) => (c.ok ? [] : [c.message]));
    expect(sentences.length).toBeGreaterThan(8);
    sentences.push(
      KEY_MESSAGE,
      CONTROL_MESSAGE,
      duplicateKeyMessage(['sku'], 3),
      duplicateKeyMessage(['lot_id', 'sku', 'warehouse'], 7),
      orderDateProblem('shipped', '2027-01-01', TODAY)!.message,
      orderDateProblem('open', '2029-01-01', TODAY)!.message,
      etaDateProblem('2031-01-01', TODAY)!.message,
      ...lotLimitProblems({ receivedDate: '1990-01-01', expirationDate: '2030-01-01', quantity: 1e8, shelfLifeDays: 30 }, TODAY).map(
        (p) => p.message,
      ),
      `Shipment INB-1, KR-NDL-001: ${shipmentTransitionProblem('received', 'planned', 0)}`,
      `Shipment INB-1, KR-NDL-001: ${shipmentTransitionProblem('planned', 'received', 0)}`,
      `Shipment INB-1, KR-NDL-001: ${shipmentTransitionProblem('in_transit', 'cancelled', 5)}`,
      'Shipment INB-1, KR-NDL-001: marking a shipment arrived, or changing one that arrived, is for the roles that receive stock (staff, admin).',
      // checks.ts, commit-receipts.ts (written in SQL), promotions
      '5 units of KR-NDL-001 on shipment INB-1 were already received; the quantity cannot be lower.',
      'Shipment INB-1 has no line for SKU KR-NDL-002.',
      'Shipment INB-1 is cancelled; its KR-NDL-001 line cannot be received.',
      'Shipment INB-1 names no warehouse; give the warehouse the units were received into.',
      'Shipment INB-1 expects 10 more of KR-NDL-001; the file receives 12.',
      'Lot L1 of KR-NDL-001 in NJ1 expires 2027-01-01.',
      'Lot L1 already holds KR-NDL-001 (in NJ1); it cannot be received as KR-NDL-002.',
      'The promotion ends (2026-01-01) before it starts (2026-02-01).',
      'The promotion runs longer than 366 days (2026-01-01 to 2027-06-01); a promotion is a limited period.',
      // staged-sql.ts: a preview too large to check against stored records
      TOO_MANY_ROWS_MESSAGE,
      // pipeline.ts: outcomes and failures
      '3 of 4 rows have errors; nothing was imported (policy all-or-nothing).',
      'No valid rows to import.',
      'The file is empty.',
      'The file has a header but no data rows.',
      '1 rows imported.',
      '1 rows imported, 3 skipped with errors.',
      '12 rows imported, 2 skipped with errors. Run 2 of this file: the first failed (audit trail: import.failed).',
      '12 rows imported. Run 4 of this file: the 3 earlier failed (audit trail: import.failed).',
      'The import stopped on an internal error after retries; nothing was loaded.',
      'Uploaded file prod-bad.csv (products) failed to import: 1 of 1 rows have errors; nothing was imported (policy all-or-nothing).',
      'Dropped file lots-2026-12.csv (inventory_lots) failed to import: The file is empty.',
      'The file has 99999999 bytes; the limit is 50000000.',
      'Unknown entity "widgets".',
      'Importing inventory_lots changes stock on hand; your role may not post stock movements.',
    );
    for (const m of sentences) expectKorean(m);
    expect(importTextKo('1 rows imported, 3 skipped with errors.')).toBe('1행을 가져왔습니다. 오류가 있는 3행은 건너뛰었습니다.');
    expect(importTextKo('Uploaded file prod-bad.csv (products) failed to import: No valid rows to import.')).toBe(
      '업로드한 파일 prod-bad.csv(품목) 가져오기 실패: 가져올 유효한 행이 없습니다.',
    );
  });

  it('reads why rows are skipped and near-duplicates', () => {
    for (const r of ['blank row', 'repeated header row', 'blank row above the header', 'above the header (row 2): title or notes'])
      expectKorean(r, skipReasonKo);
    for (const record of [['Total', '', '12'], ['Subtotal', '3'], ['Page 1 of 3'], ['Printed 2026-12-01 by ERP']]) {
      const reason = footerReason(record);
      expect(reason, record.join(',')).toBeDefined();
      expectKorean(reason!, skipReasonKo);
    }
    const near = nearDuplicates(
      ENTITIES.products,
      [
        { row: 2, values: { sku: 'KR-1' } },
        { row: 3, values: { sku: 'kr-1 ' } },
        { row: 4, values: { sku: 'kr-nDl-001' } },
      ],
      new Map([[keyFold('KR-NDL-001'), 'KR-NDL-001']]),
    );
    expect(near.length).toBeGreaterThan(0);
    for (const n of near) expectKorean(n.message);
  });

  it('gives no Korean for a sentence it does not know', () => {
    expect(importTextKo('Something nobody wrote a rule for.')).toBeNull();
    expect(importTextKo('')).toBeNull();
    expect(skipReasonKo('a reason from the future')).toBeNull();
  });
});
