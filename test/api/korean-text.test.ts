// What a Korean user meets from the API, in Korean (ADR 027, 029): the movements and lots forms'
// refusals name each field by its Korean label with a Korean sentence (not "lotId: Expiration must
// be after receipt."), every field and query parameter the API takes has a Korean label, and the
// files a Korean page downloads (?lang=ko) carry the Korean words the pages show for states,
// kinds and statuses — while the files without `lang` stay as tools read them.
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { knownFieldLabel } from '../../worker/lib/field-labels';
import { call, daysFromToday, login, seedBasics } from '../helpers/api';
import { sellingProduct } from '../helpers/actions';
import { csv, freshTenant, importFile } from '../fixtures/imports/helpers';

let admin: string;
let planner: string;
let approver: string;
let auditor: string;

const hangul = /[가-힣]/;
/** English left in a Korean sentence: a lowercase word of three letters or more outside quotes. */
const englishLeft = (ko: string) => ko.replace(/"[^"]*"/g, '""').match(/(?<![\w./@?=-])[a-z]{3,}(?![\w./@=-])/g) ?? [];
/** A JSON key (camelCase) in a Korean sentence. */
const JSON_KEY = /\b[a-z]+[A-Z][A-Za-z]*\b/;

/** Every sentence a Korean page shows for a problem: Korean, no English word, no JSON key, and each field named by a Korean label. */
function expectKorean(body: { detail: string; detailKo?: string; errors?: Record<string, string>[] }) {
  expect(body.detailKo, body.detail).toMatch(hangul);
  expect(englishLeft(body.detailKo!), body.detailKo).toEqual([]);
  for (const e of body.errors ?? []) {
    expect(e.messageKo, e.message).toMatch(hangul);
    expect(englishLeft(e.messageKo), e.messageKo).toEqual([]);
    expect(e.messageKo, e.messageKo).not.toMatch(JSON_KEY);
    expect(e.labelKo, e.field).toMatch(hangul);
  }
}

beforeAll(async () => {
  await seedBasics();
  [admin, planner, approver, auditor] = await Promise.all(['admin', 'planner', 'approver', 'auditor'].map((r) => login(`${r}@demo.test`)));
});

describe('the movements and lots forms in Korean', () => {
  it('a new lot that expires before its receipt: the Korean sentence under the expiry, named 유통기한', async () => {
    const r = await call('POST', '/api/movements', {
      token: admin,
      body: {
        type: 'IN',
        sku: 'RAM-001',
        lotId: 'KO-EXP-1',
        warehouse: 'NJ',
        quantity: 5,
        receivedDate: daysFromToday(-3),
        expirationDate: daysFromToday(-5),
      },
    });
    expect(r.status).toBe(422);
    expect(r.body.detail).toBe('The new lot is invalid.');
    expect(r.body.detailKo).toBe('새 로트가 올바르지 않습니다.');
    expect(r.body.errors[0]).toMatchObject({
      path: 'expirationDate',
      field: 'expirationDate',
      label: 'Expiration date',
      labelKo: '유통기한',
      message: 'Expiration must be after receipt.',
      messageKo: '유통기한은 입고일보다 뒤여야 합니다.',
    });
    expectKorean(r.body);
  });

  it('a lot received tomorrow, with no expiry, or of an unknown lot or warehouse: each in Korean with its Korean label', async () => {
    const bad = [
      {
        type: 'IN',
        sku: 'RAM-001',
        lotId: 'KO-EXP-2',
        warehouse: 'NJ',
        quantity: 5,
        receivedDate: daysFromToday(2),
        expirationDate: daysFromToday(90),
      },
      { type: 'IN', sku: 'RAM-001', lotId: 'KO-EXP-3', warehouse: 'NJ', quantity: 5 },
      { type: 'IN', sku: 'RAM-001', lotId: 'KO-EXP-4', warehouse: 'NOWHERE', quantity: 5, expirationDate: daysFromToday(90) },
      { type: 'WRITE_OFF', sku: 'RAM-001', lotId: 'NO-SUCH-LOT', quantity: 1, reason: 'damaged' },
      { type: 'MOVE', sku: 'RAM-001', lotId: 'NO-SUCH-LOT', toWarehouse: 'LA', quantity: 1 },
      { type: 'OUT', sku: 'NOPE-404', quantity: 1 },
    ];
    for (const body of bad) {
      const r = await call('POST', '/api/movements', { token: admin, body });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expectKorean(r.body);
    }
    const lot = await call('POST', '/api/movements', { token: admin, body: bad[3] });
    expect(lot.body.errors[0]).toMatchObject({ field: 'lotId', labelKo: '로트' });
  });

  it('the lots API: an expiry before receipt and a changed expiry without a reason', async () => {
    const r = await call('POST', '/api/lots', {
      token: admin,
      body: {
        lotId: 'KO-LOT-1',
        sku: 'RAM-001',
        warehouse: 'NJ',
        quantityOnHand: 5,
        receivedDate: daysFromToday(-2),
        expirationDate: daysFromToday(-4),
      },
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ field: 'expirationDate', labelKo: '유통기한' });
    expect(r.body.errors[0].messageKo).toMatch(/^유통기한은 입고일\(\d{4}-\d{2}-\d{2}\)보다 뒤여야 합니다\.$/);
    expectKorean(r.body);
    const bigger = await call('POST', '/api/lots', {
      token: admin,
      body: { lotId: 'KO-LOT-2', sku: 'RAM-001', warehouse: 'NJ', quantityOnHand: 0, expirationDate: daysFromToday(30) },
    });
    expect(bigger.status).toBe(422);
    expect(bigger.body.errors[0]).toMatchObject({ field: 'quantityOnHand', labelKo: '수량' });
    expectKorean(bigger.body);
  });
});

describe('every field and query parameter has a Korean label', () => {
  it('names each one the OpenAPI document declares in Korean, not by its key', async () => {
    const doc = (await call('GET', '/api/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: unknown }> } }>
      >;
      components?: { schemas?: Record<string, unknown> };
    };
    // Each name with its parent's (a service level is named by its class under `serviceLevels`).
    const names = new Map<string, string[]>();
    const seen = new Set<unknown>();
    const walk = (schema: unknown, parent: string): void => {
      if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
      seen.add(schema);
      const s = schema as Record<string, unknown>;
      if (typeof s.$ref === 'string') return walk(doc.components?.schemas?.[s.$ref.split('/').pop()!], parent);
      for (const [k, v] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
        names.set(`${parent}.${k}`, parent ? [parent, k] : [k]);
        walk(v, k);
      }
      for (const key of ['items', 'additionalProperties']) walk(s[key], parent);
      for (const key of ['anyOf', 'oneOf', 'allOf']) for (const sub of (s[key] as unknown[]) ?? []) walk(sub, parent);
    };
    for (const methods of Object.values(doc.paths))
      for (const op of Object.values(methods)) {
        for (const p of op.parameters ?? []) if (p.in === 'query') names.set(p.name, [p.name]);
        for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema, '');
      }
    expect(names.size).toBeGreaterThan(50);
    // The one name Korean pages write in Latin letters too: JWKS URL (the settings page's own label).
    const unlabelled = [...names.values()].filter((path) => {
      const ko = knownFieldLabel(path)?.[1];
      return !ko || (!hangul.test(ko) && ko !== 'JWKS URL');
    });
    expect(unlabelled).toEqual([]);
  });
});

describe('files a Korean page downloads', () => {
  let reorderId: string;
  let shipmentId: string;
  beforeAll(async () => {
    await sellingProduct('KO-CSV-1', 10);
    const made = await call('POST', '/api/actions', {
      token: planner,
      body: { kind: 'reorder', sku: 'KO-CSV-1', quantity: 48, reason: 'Promotion next month needs stock.', confirmDuplicate: true },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    reorderId = made.body.id;
    expect((await call('POST', `/api/actions/${reorderId}/approve`, { token: approver, body: {} })).status).toBe(200);
    const executed = await call('POST', `/api/actions/${reorderId}/execute`, { token: planner });
    expect(executed.status, JSON.stringify(executed.body)).toBe(200);
    shipmentId = executed.body.outcome.shipmentId;
    await call('POST', '/api/actions', {
      token: planner,
      body: { kind: 'reorder', sku: 'KO-CSV-1', quantity: 24, reason: 'Second order kept open.', confirmDuplicate: true },
    });
  });

  const rows = (text: unknown) =>
    Papa.parse<string[]>(
      String(text)
        .replace(/^\ufeff/, '')
        .trim(),
      { delimiter: ',' },
    ).data;
  const column = (table: string[][], name: string) => table.slice(1).map((r) => r[table[0].indexOf(name)]);

  it('actions.csv: Korean column names and words for kind, state and confidence; ids as stored', async () => {
    const ko = rows((await call('GET', '/api/actions.csv?sku=KO-CSV-1&lang=ko', { token: planner })).body);
    expect(ko[0].slice(0, 4)).toEqual(['조치 ID', '유형', '상태', '품목 코드']);
    expect(new Set(column(ko, '유형'))).toEqual(new Set(['재주문']));
    expect(column(ko, '상태').sort()).toEqual(['실행됨', '제안됨']);
    expect(column(ko, '조치 ID')).toContain(reorderId);
    expect(column(ko, '품목 코드')).toContain('KO-CSV-1');
    expect(ko.flat().join(',')).not.toMatch(/\b(proposed|executed|reorder)\b/);
    // Without lang: the file as tools read it.
    const en = rows((await call('GET', '/api/actions.csv?sku=KO-CSV-1', { token: planner })).body);
    expect(en[0].slice(0, 3)).toEqual(['id', 'kind', 'state']);
    expect(column(en, 'state').sort()).toEqual(['executed', 'proposed']);
  });

  it("purchase-orders.csv: the shipment's status in Korean, its PO number as stored", async () => {
    const ko = rows((await call('GET', '/api/actions/purchase-orders.csv?supplier=Han%20River&lang=ko', { token: planner })).body);
    const line = ko.find((r) => r.includes(shipmentId))!;
    expect(line[ko[0].indexOf('상태')]).toBe('예정');
    expect(line[ko[0].indexOf('조치 ID')]).toBe(reorderId);
    const en = rows((await call('GET', '/api/actions/purchase-orders.csv?supplier=Han%20River', { token: planner })).body);
    expect(en.find((r) => r.includes(shipmentId))![en[0].indexOf('status')]).toBe('planned');
  });

  it('roi.csv: figures, totals, counts and states in Korean', async () => {
    const text = String((await call('GET', '/api/roi.csv?lang=ko', { token: planner })).body);
    const ko = rows(text);
    expect(ko[0]).toEqual(['주', '항목', '조치 ID', '유형', '품목 코드', '금액', '상태', '내용']);
    expect(column(ko, '항목')).toEqual(
      expect.arrayContaining(['방지한 폐기', '방지한 품절', '회수한 자본', '폐기 처리 금액', '조치 제안됨']),
    );
    expect(column(ko, '상태')).toContain('합계');
    expect(text).not.toMatch(/\b(total|count|hours|actions proposed|Waste avoided)\b/);
  });

  it('audit.csv: each action named in Korean beside its code (the code is part of what the hash covers)', async () => {
    const ko = rows((await call('GET', `/api/audit.csv?entity=${reorderId}&lang=ko`, { token: auditor })).body);
    expect(ko[0]).toEqual(['순번', '시각', '사용자', '작업 코드', '작업', '대상', '데이터', '이전 해시', '해시']);
    expect(column(ko, '작업 코드')).toEqual(['action.proposed', 'action.approved', 'action.executed']);
    expect(column(ko, '작업')).toEqual(['조치 제안', '조치 승인', '조치 실행']);
  });

  it("an import's errors.csv: the messages in Korean, the file's own columns and values as they are", async () => {
    const t = await freshTenant('ko-csv');
    const r = await importFile(
      t.planner,
      'orders',
      csv('order_id,customer_id,order_date,sku,quantity', 'O-1,CUST-0001,notadate,KR-NDL-001,abc'),
    );
    expect(r.status).toBe('failed');
    const ko = rows((await call('GET', `/api/imports/${r.id}/errors.csv?lang=ko`, { token: t.planner })).body);
    expect(ko[0]).toEqual(['행', '열', '값', '내용']);
    expect(column(ko, '열')).toEqual(expect.arrayContaining(['order_date', 'quantity']));
    for (const m of column(ko, '내용')) expect(m, m).toMatch(hangul);
    const en = rows((await call('GET', `/api/imports/${r.id}/errors.csv`, { token: t.planner })).body);
    expect(en[0]).toEqual(['row', 'column', 'value', 'message']);
  });
});
