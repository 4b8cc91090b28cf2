// The API's refusals read in Korean (ADR 029, lib/problem-ko.ts): each sentence thrown across the
// API — stock, receiving, records, users, tenant, actions, roles — has a Korean reading with its
// figures kept, its particles chosen for the value before them and no English sentence left; an
// unknown sentence has none (shown in English). Every sentence the movements and lots forms can
// show is read from the code that writes it, so a new one fails here until it has its Korean.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemKo } from '../../worker/lib/problem-ko';
import { importTextKo } from '../../worker/imports/text-ko';

const SENTENCES: [string, RegExp][] = [
  ['Not enough sellable stock of RAM-001: 50 requested, 12 available.', /^RAM-001의 판매 가능 재고가 부족합니다: 요청 50개, 가용 12개\.$/],
  ['This movement has already been reversed.', /이미 취소/],
  ['A reversal cannot itself be reversed; post a new movement instead.', /다시 취소할 수 없습니다/],
  ['Product RAM-001 is archived; restore it before posting stock.', /^품목 RAM-001은 보관 상태/],
  ['Lot L-1 is quarantine and cannot ship.', /^로트 L-1은 격리 상태라 출고할 수 없습니다\.$/],
  ['Lot L-1 expired on 2026-11-01; write it off instead.', /2026-11-01/],
  [
    'Lot L-1 has 3 days of shelf life left; customer C-9 requires 10. Send "override": {"reason": …} to ship it anyway.',
    /^로트 L-1의 남은 유통기한은 3일이고 거래처 C-9의 요구는 10일입니다/,
  ],
  ['Lot L-1 already holds RAM-001 (in NJ); it cannot be received as KIM-001.', /KIM-001/],
  ['Shipment INB-1 expects 4 more of RAM-001; 9 were to be received.', /^입고 예정 INB-1에 남은 RAM-001 수량은 4개인데 9개/],
  ['Product RAM-001 already exists.', /^품목 RAM-001이 이미 있습니다\.$/],
  ['Alert channel ops already exists.', /^알림 채널 ops/],
  ['The action is approved; only an approved action executes.', /승인됨/],
  ['The action is executed; it cannot become approved.', /^이 조치는 실행됨 상태라 승인됨 상태가 될 수 없습니다\.$/],
  ['Nobody approves their own proposal.', /자신이 제안한/],
  ['Actions above the approval threshold (10000) need an admin.', /10000/],
  ['Your role does not allow this action.', /역할/],
  ['Customer "C-404" not found.', /^거래처 "C-404"를 찾을 수 없습니다\.$/],
  ['Movement not found.', /^재고 이동을 찾을 수 없습니다\.$/],
  ['The customer is invalid.', /^거래처가 올바르지 않습니다\.$/],
  ['Unknown query parameters: a, b. This route accepts: page, pageSize.', /^알 수 없는 조회 조건: a, b\.$/],
  ['The window starts after it ends: from 2026-12-10 is after to 2026-12-01.', /2026-12-10.*2026-12-01/],
  ['Lot X names 2 lots (RAM-001 in NJ; RAM-001 in LA); add ?sku= and/or ?warehouse= to choose one.', /2개/],
  ['The action could not be executed: Lot L-1 is archived.', /^조치를 실행하지 못했습니다: 로트 L-1은 보관 상태입니다\.$/],
];

describe('the API refusals in Korean', () => {
  it.each(SENTENCES)('%s', (en, ko) => {
    const said = problemKo(en);
    expect(said).toMatch(ko);
    // No English sentence left: only codes, figures and identifiers stay Latin.
    expect(said).not.toMatch(/\b(the|is|cannot|already|not|with|and)\b/i);
  });

  it('has no Korean for a sentence it does not know (shown in English rather than guessed)', () => {
    expect(problemKo('Something entirely new happened.')).toBeNull();
    expect(problemKo(undefined)).toBeNull();
  });
});

/** The API reads a sentence with its own rules, then the imports' (api/app.ts `sentenceKo`). */
const sentenceKo = (en: string) => problemKo(en) ?? importTextKo(en);

/** English left in a Korean sentence: a lowercase word of three letters or more outside quotes (codes and names are not words). */
const englishLeft = (ko: string) => ko.replace(/"[^"]*"/g, '""').match(/(?<![\w./@?=-])[a-z]{3,}(?![\w./@=-])/g) ?? [];

describe('the movements and lots forms in Korean', () => {
  // What a Korean user posting a movement or a lot met in English, each with the Korean it reads as now.
  const SAID: [string, string][] = [
    ['Expiration must be after receipt.', '유통기한은 입고일보다 뒤여야 합니다.'],
    ['Expiration must be after receipt (2026-12-02).', '유통기한은 입고일(2026-12-02)보다 뒤여야 합니다.'],
    ['A new lot needs an expiration date.', '새 로트에는 유통기한이 필요합니다.'],
    ['A lot cannot be received after today (2026-12-02).', '로트의 입고일은 오늘(2026-12-02)보다 늦을 수 없습니다.'],
    [
      'The lot has already expired; receive it with status "quarantine" or do not receive it.',
      '이 로트는 이미 유통기한이 지났습니다. 격리 상태("quarantine")로 입고하거나 입고하지 마세요.',
    ],
    [
      'A reason is required to change the expiration date from 2026-12-01 to 2027-01-03.',
      '유통기한을 2026-12-01에서 2027-01-03으로 바꾸려면 사유가 필요합니다.',
    ],
    ['Lot "L-1" of RAM-001 is in NJ, LA.', 'RAM-001의 로트 "L-1"은 NJ, LA에 있습니다.'],
    ['Lot "L-2" holds KIM-002, not RAM-001.', '로트 "L-2"에는 RAM-001이 아니라 KIM-002가 들어 있습니다.'],
    [
      'Lot L-1 of RAM-001 in LA differs in expirationDate, unitCost; the moved units cannot merge into it.',
      'LA의 RAM-001 로트 L-1은 유통기한, 단가 값이 달라 이동한 수량을 합칠 수 없습니다.',
    ],
    ['Import not found.', '가져오기를 찾을 수 없습니다.'],
    ['Action not found.', '조치를 찾을 수 없습니다.'],
    ['The new lot is invalid.', '새 로트가 올바르지 않습니다.'],
  ];
  it.each(SAID)('%s', (en, ko) => expect(sentenceKo(en)).toBe(ko));

  it('has Korean for every sentence the ledger, the lots API and their shared checks write', () => {
    const written = writtenSentences(LOT_AND_MOVEMENT_WRITERS);
    expect(written).toEqual(expect.arrayContaining(['Expiration must be after receipt.', 'A new lot needs an expiration date.']));
    expect(written.length).toBeGreaterThan(40);
    const missing = written.filter((en) => {
      const ko = sentenceKo(en);
      return !ko || !/[가-힣]/.test(ko) || englishLeft(ko).length > 0;
    });
    expect(missing).toEqual([]);
  });

  it('names every record kind the API answers "not found" for in Korean', () => {
    const kinds = new Set<string>();
    for (const f of sourceFiles('worker'))
      for (const m of readFileSync(f, 'utf8').matchAll(/(?:notFound|missing)\('([^']+)'\)|\blabel: '([A-Z][a-z]+(?: [a-z]+)*)'/g))
        kinds.add(m[1] ?? m[2]);
    expect([...kinds]).toEqual(expect.arrayContaining(['Import', 'Action', 'Lot', 'Movement', 'Inbound shipment']));
    for (const kind of kinds) {
      const ko = sentenceKo(`${kind} not found.`);
      expect(ko, kind).toMatch(/^[가-힣 ]+(을|를) 찾을 수 없습니다\.$/);
    }
  });
});

/** The files whose refusals the movements and lots forms (and a receipt's lines) can show. */
const LOT_AND_MOVEMENT_WRITERS = [
  'worker/stock/plan-movement.ts',
  'worker/stock/post-movement.ts',
  'worker/stock/receive.ts',
  'worker/api/lots.routes.ts',
  'worker/api/movements.routes.ts',
  'worker/api/crud.ts',
  'worker/domain/shipping.ts',
  'worker/domain/record-limits.ts',
  'worker/data/refs.repo.ts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/**
 * The sentences `files` write: each string given as a field error's `message` or to a refusal
 * (invalidInput, stateConflict, invalid, conflict, badRequest), read from the source with each
 * `${…}` filled by a sample of what it stands for (a date, a count, a code; an optional part left out).
 */
function writtenSentences(files: string[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:\bmessage: |\b(?:invalidInput|stateConflict|invalid|conflict|badRequest)\(\s*)(['`])/g)) {
      const text = readLiteral(src, m.index + m[0].length - 1);
      if (text && /^[A-Z]/.test(text)) out.add(text);
    }
  }
  return [...out];
}

/** The string literal starting at `at` ('…' or `…`), its placeholders filled with samples. */
function readLiteral(src: string, at: number): string | null {
  const quote = src[at];
  let i = at + 1;
  let text = '';
  while (i < src.length && src[i] !== quote) {
    if (src[i] === '\\') {
      text += src[i + 1];
      i += 2;
    } else if (quote === '`' && src.startsWith('${', i)) {
      const end = closing(src, i + 2);
      text += sample(src.slice(i + 2, end));
      i = end + 1;
    } else text += src[i++];
  }
  return text;
}

/** The index of the `}` closing an expression that starts at `at` (nested braces and templates skipped). */
function closing(src: string, at: number): number {
  let depth = 0;
  for (let i = at; i < src.length; i++) {
    const c = src[i];
    if (c === '`') {
      i = skipTemplate(src, i);
    } else if (c === "'") {
      i = src.indexOf("'", i + 1);
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (!depth) return i;
      depth--;
    }
  }
  return src.length;
}

function skipTemplate(src: string, at: number): number {
  for (let i = at + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src.startsWith('${', i)) i = closing(src, i + 2);
    else if (src[i] === '`') return i;
  }
  return src.length;
}

/** A sample value for a placeholder's expression, by what it names. */
function sample(expr: string): string {
  const e = expr.trim();
  // An optional part ("in NJ") is left out; a choice of two texts takes the plain one.
  const choice = /^[^?]+\?[\s\S]*:\s*'([^']*)'\s*$/.exec(e);
  if (choice) return choice[1];
  if (/\?[\s\S]*:/.test(e)) return '';
  if (/toLowerCase/.test(e)) return 'lot';
  if (/\.join\(/.test(e)) return 'NJ, LA';
  if (/toLocaleString/.test(e)) return '10,000,000';
  if (/[Dd]ate|today|oldest|latest/.test(e)) return '2026-12-02';
  if (/status/.test(e)) return 'quarantine';
  if (/quantity|Quantity|units|left|open|already|length|MAX|minRemaining|required|wanted|available|[Dd]ays|\bn\b|OnHand/.test(e))
    return '5';
  if (/label/.test(e)) return 'Lot';
  if (/\bkind\b/.test(e)) return 'warehouse';
  return 'L-1';
}
