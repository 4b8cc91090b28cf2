// Validation problems read as plain sentences in English and Korean, with a stable code and the
// limit broken (ADR 029): a service level of 1.5, a movement of -3 units or dated 2026-13-40, a
// page size of 1000 — not zod's "Too big: expected number to be <=0.9999" and a bare path.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, seedBasics } from '../helpers/api';

let admin: string;
let planner: string;
let staff: string;
const movementCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM movements WHERE tenant_id = 'demo'").first<{ n: number }>())!.n;

beforeAll(async () => {
  await seedBasics();
  [admin, planner, staff] = await Promise.all(['admin', 'planner', 'staff'].map((r) => login(`${r}@demo.test`)));
});

/** No sentence a user reads is zod's own wording. */
const ZOD_WORDS = /Too big|Too small|Invalid input|expected number|received string|<=|>=/;

describe('bad settings', () => {
  it('a service level of 1.5 reads as a percentage in English and Korean, with code and limit', async () => {
    const r = await call('PATCH', '/api/tenant', { token: admin, body: { settings: { serviceLevels: { AX: 1.5 } } } });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.detail).toBe('Request body is invalid.');
    expect(r.body.detailKo).toBe('요청 내용이 올바르지 않습니다.');
    expect(r.body.errors).toEqual([
      {
        path: 'settings.serviceLevels.AX',
        field: 'settings.serviceLevels.AX',
        label: 'Service level AX',
        labelKo: 'AX 등급 서비스 수준',
        code: 'too_big',
        message: 'Service level AX must be at most 99.99%.',
        messageKo: 'AX 등급 서비스 수준은 99.99% 이하여야 합니다.',
        limit: { max: 0.9999, unit: 'percent' },
      },
    ]);
  });

  it('a low service level, a deepest markdown and a time zone each name their field and limit', async () => {
    const r = await call('PATCH', '/api/tenant', {
      token: admin,
      body: { timeZone: 'Mars/Olympus', settings: { serviceLevels: { BY: 0.2 }, actions: { maxDiscount: 2 } } },
    });
    expect(r.status).toBe(422);
    const by = (f: string) => r.body.errors.find((e: { field: string }) => e.field === f);
    expect(by('settings.serviceLevels.BY')).toMatchObject({
      code: 'too_small',
      message: 'Service level BY must be at least 50%.',
      messageKo: 'BY 등급 서비스 수준은 50% 이상이어야 합니다.',
      limit: { min: 0.5, unit: 'percent' },
    });
    expect(by('settings.actions.maxDiscount')).toMatchObject({
      code: 'too_big',
      message: 'Deepest markdown must be at most 90%.',
      messageKo: '최대 할인율은 90% 이하여야 합니다.',
      limit: { max: 0.9 },
    });
    expect(by('timeZone')).toMatchObject({
      code: 'invalid_time_zone',
      message: 'Use an IANA time zone name, such as America/New_York or UTC.',
      messageKo: 'Asia/Seoul 또는 UTC처럼 IANA 시간대 이름을 쓰세요.',
    });
    for (const e of r.body.errors) expect(e.message + e.messageKo).not.toMatch(ZOD_WORDS);
  });

  it('a text where a number belongs names the type, not zod', async () => {
    const r = await call('PATCH', '/api/tenant', { token: admin, body: { settings: { actions: { approvalThreshold: 'lots' } } } });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({
      field: 'settings.actions.approvalThreshold',
      code: 'invalid_type',
      message: 'Approval threshold must be a number.',
      messageKo: '승인 기준 금액은 숫자여야 합니다.',
      limit: { expected: 'number' },
    });
  });
});

describe('blank and non-finite settings (what a form sends for a cleared field or 1e309)', () => {
  const tenant = async () => (await call('GET', '/api/tenant', { token: admin })).body;
  const raw = (json: string) => call('PATCH', '/api/tenant', { token: admin, raw: json, headers: { 'content-type': 'application/json' } });

  it('a blank name, a cleared threshold and a cleared service level are refused by name, nothing saved', async () => {
    const before = await tenant();
    const r = await call('PATCH', '/api/tenant', {
      token: admin,
      body: { name: '  ', settings: { serviceLevels: { AX: null }, actions: { approvalThreshold: null } } },
    });
    expect(r.status).toBe(422);
    const by = (f: string) => r.body.errors.find((e: { field: string }) => e.field === f);
    expect(by('name')).toMatchObject({ code: 'required', message: 'Name cannot be empty.', messageKo: '이름을 입력하세요.' });
    expect(by('settings.actions.approvalThreshold')).toMatchObject({
      code: 'required',
      message: 'Approval threshold cannot be empty.',
      messageKo: '승인 기준 금액을 입력하세요.',
    });
    expect(by('settings.serviceLevels.AX')).toMatchObject({ code: 'required', message: 'Service level AX cannot be empty.' });
    expect(await tenant()).toEqual(before);
  });

  it('1e309 (Infinity once parsed) is "too large", not "not a number", and nothing is saved', async () => {
    const before = await tenant();
    const r = await raw('{"settings":{"actions":{"approvalThreshold":1e309,"maxDiscount":-1e309}}}');
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    const by = (f: string) => r.body.errors.find((e: { field: string }) => e.field === f);
    expect(by('settings.actions.approvalThreshold')).toMatchObject({
      code: 'too_big',
      message: 'Approval threshold is too large.',
      messageKo: '승인 기준 금액은 너무 큽니다.',
    });
    expect(by('settings.actions.maxDiscount')).toMatchObject({
      code: 'too_small',
      message: 'Deepest markdown is too small.',
      messageKo: '최대 할인율은 너무 작습니다.',
    });
    expect((await tenant()).settings.actions).toEqual(before.settings.actions);
  });

  it('a movement of 1e309 units is too large, in both languages', async () => {
    const before = await movementCount();
    const r = await call('POST', '/api/movements', {
      token: staff,
      raw: '{"type":"OUT","sku":"RAM-001","quantity":1e309}',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({
      field: 'quantity',
      code: 'too_big',
      message: 'Quantity is too large.',
      messageKo: '수량은 너무 큽니다.',
    });
    expect(await movementCount()).toBe(before);
  });
});

describe('bad movement', () => {
  it('quantity -3 and date 2026-13-40 read plainly in both languages and post nothing', async () => {
    const before = await movementCount();
    const r = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'IN', sku: 'RAM-001', lotId: 'PM-1', warehouse: 'NJ', quantity: -3, expirationDate: '2026-13-40' },
    });
    expect(r.status).toBe(422);
    const by = (f: string) => r.body.errors.find((e: { field: string }) => e.field === f);
    expect(by('quantity')).toEqual({
      path: 'quantity',
      field: 'quantity',
      label: 'Quantity',
      labelKo: '수량',
      code: 'too_small',
      message: 'Quantity must be greater than 0.',
      messageKo: '수량은 0보다 커야 합니다.',
      limit: { min: 0, inclusive: false },
    });
    expect(by('expirationDate')).toMatchObject({
      code: 'invalid_date',
      message: 'Use a real date as yyyy-mm-dd.',
      messageKo: '실제 날짜를 yyyy-mm-dd 형식으로 쓰세요.',
      limit: { format: 'yyyy-mm-dd' },
    });
    expect(await movementCount()).toBe(before);
  });

  it('a missing quantity, a fractional one and an unknown type', async () => {
    const missing = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'RAM-001' } });
    expect(missing.body.errors[0]).toMatchObject({
      field: 'quantity',
      code: 'required',
      message: 'Quantity is required.',
      messageKo: '수량은 필수 항목입니다.',
    });
    const half = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'RAM-001', quantity: 1.5 } });
    expect(half.body.errors[0]).toMatchObject({
      field: 'quantity',
      code: 'not_whole',
      message: 'Whole units only.',
      messageKo: '낱개 단위의 정수만 쓸 수 있습니다.',
    });
    const kind = await call('POST', '/api/movements', { token: staff, body: { type: 'GIFT', sku: 'RAM-001', quantity: 1 } });
    expect(kind.body.errors[0]).toMatchObject({
      field: 'type',
      code: 'not_allowed',
      messageKo: expect.stringContaining('유형은 다음 중 하나여야 합니다'),
      limit: { values: ['IN', 'OUT', 'MOVE', 'ADJUST', 'WRITE_OFF'] },
    });
  });

  it('a refused movement (not enough stock, unknown SKU) carries its Korean detail', async () => {
    const short = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'RAM-001', quantity: 999999 } });
    expect(short.status).toBe(409);
    expect(short.body.detail).toMatch(/^Not enough sellable stock of RAM-001/);
    expect(short.body.detailKo).toMatch(/^RAM-001의 판매 가능 재고가 부족합니다: 요청 999999개, 가용 \d+개\.$/);
    const unknown = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'NOPE-1', quantity: 1 } });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ detail: 'Unknown SKU.', detailKo: '알 수 없는 품목 코드입니다.' });
    expect(unknown.body.errors[0]).toMatchObject({
      field: 'sku',
      message: 'Unknown sku "NOPE-1".',
      messageKo: '알 수 없는 품목 "NOPE-1"입니다.',
    });
  });
});

describe('bad query parameter', () => {
  it('a page size of 1000 and a date 2026-13-40 in the query string', async () => {
    const r = await call('GET', '/api/movements?pageSize=1000&from=2026-13-40', { token: planner });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ detail: 'Query string is invalid.', detailKo: '조회 조건이 올바르지 않습니다.' });
    const by = (f: string) => r.body.errors.find((e: { field: string }) => e.field === f);
    expect(by('pageSize')).toMatchObject({
      code: 'too_big',
      message: 'Page size must be at most 500.',
      messageKo: '페이지 크기는 500 이하여야 합니다.',
      limit: { max: 500 },
    });
    expect(by('from')).toMatchObject({
      code: 'invalid_date',
      limit: { format: 'yyyy-mm-dd' },
      messageKo: '실제 날짜를 yyyy-mm-dd 형식으로 쓰세요.',
    });
  });

  it('an unknown parameter is named in both languages', async () => {
    const r = await call('GET', '/api/movements?colour=red', { token: planner });
    expect(r.status).toBe(400);
    expect(r.body.detailKo).toBe('알 수 없는 조회 조건: colour.');
    expect(r.body.errors[0]).toMatchObject({ field: 'colour', code: 'unknown_parameter', messageKo: '알 수 없는 조회 조건입니다.' });
  });
});

describe('conflicts and refusals across the API', () => {
  it('a refusal thrown in English carries detailKo (self-demotion, duplicate user, role)', async () => {
    const people = await call('GET', '/api/users?pageSize=100', { token: admin });
    const me = people.body.items.find((u: { email: string }) => u.email === 'admin@demo.test');
    const self = await call('PATCH', `/api/users/${me.id}`, { token: admin, body: { role: 'planner' } });
    expect(self.status).toBe(409);
    expect(self.body.detailKo).toBe('자기 자신의 역할을 낮추거나 비활성화할 수 없습니다. 다른 관리자에게 요청하세요.');
    const dup = await call('POST', '/api/users', {
      token: admin,
      body: { email: 'planner@demo.test', name: 'Twin', role: 'planner', password: 'another-pass-123' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.detailKo).toBe('이 이메일의 사용자가 조직에 이미 있습니다.');
    const role = await call('PATCH', '/api/tenant', { token: planner, body: { name: 'x' } });
    expect(role.status).toBe(403);
    expect(role.body.detailKo).toBe('이 작업을 할 수 있는 역할이 아닙니다.');
  });

  it('a record check shared with the imports (an order dated years ahead) carries its Korean too', async () => {
    const r = await call('POST', '/api/orders', {
      token: planner,
      body: { orderId: 'SO-KO-1', customerId: 'C-001', orderDate: '2031-01-01', lines: [{ sku: 'RAM-001', quantity: 1 }] },
    });
    expect(r.status).toBe(422);
    expect(r.body.detail).toBe('The order date is not possible.');
    expect(r.body.detailKo).toBe('주문일이 올바르지 않습니다.');
    expect(r.body.errors[0]).toMatchObject({ field: 'orderDate', message: expect.stringMatching(/^An order cannot be dated more than/) });
    expect(r.body.errors[0].messageKo).toMatch(/^주문일은 오늘부터 \d+일 넘게 앞설 수 없습니다/);
  });
});
