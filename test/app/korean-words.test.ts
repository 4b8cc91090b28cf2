// The web app's own Korean for the codes the API sends as they are (forecast models, demand
// classes, kinds of imported data) and for its refusals: every code has a Korean word, the same
// one the engine uses in its Korean sentences, and no English is left; English pages keep the
// engine's own names.
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../app/i18n/messages';
import { DEMAND_CLASSES, MODELS, auditActionLabel, demandClassLabel, entityLabel, modelLabel, translator } from '../../app/i18n/t';
import { ApiProblem, problemSentence } from '../../app/lib/problem.server';
import { CONFIDENCE_KO, LOT_STATUS_KO, MODEL_KO } from '../../worker/domain/text';
import {
  ACTION_KIND_KO,
  ACTION_STATE_KO,
  AUDIT_CODE_KO,
  AUDIT_RECORD_KO,
  AUDIT_VERB_KO,
  auditActionKo,
  MOVEMENT_TYPE_KO,
  ROI_FIGURE_KO,
  ROI_STATUS_KO,
  SHIPMENT_STATUS_KO,
} from '../../worker/domain/code-words';
import { ENTITY_NAMES } from '../../worker/imports/entities';
import type { DemandClass } from '../../worker/domain/forecast/demand-class';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every audit action code the API writes as a literal ("lot.archive"), read from its source. */
function literalAuditCodes(): string[] {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
    );
  const codes = new Set<string>();
  for (const f of [...files('worker'), ...files('queues')])
    for (const m of readFileSync(f, 'utf8').matchAll(/action: '([a-z-]+\.[a-z_-]+)'/g)) codes.add(m[1]);
  return [...codes];
}

const ko = translator(catalogs.ko);
const en = translator(catalogs.en);
const hangul = /[\uac00-\ud7a3]/;
/** A lowercase English word of three letters or more (acronyms such as SBA or RMSSE are names). */
const englishWord = /(?<![\w-])[a-z]{3,}(?![\w-])/;

describe('model words in Korean', () => {
  it('has a Korean name for every forecast model, the one the engine writes', () => {
    expect([...MODELS].sort()).toEqual(Object.keys(MODEL_KO).sort());
    for (const m of MODELS) {
      expect(modelLabel(ko, m)).toBe(MODEL_KO[m]);
      expect(modelLabel(ko, m), m).toMatch(hangul);
      expect(modelLabel(ko, m), m).not.toMatch(englishWord);
      // English pages keep the engine's own name ("holt-winters").
      expect(modelLabel(en, m)).toBe(m);
    }
    expect(modelLabel(ko, 'a-future-model')).toBe('a-future-model');
  });

  it('has a Korean word for every demand class', () => {
    const every: Record<DemandClass, true> = { smooth: true, erratic: true, intermittent: true, lumpy: true, 'no-demand': true };
    expect([...DEMAND_CLASSES].sort()).toEqual(Object.keys(every).sort());
    for (const c of DEMAND_CLASSES) {
      expect(demandClassLabel(ko, c), c).toMatch(hangul);
      expect(demandClassLabel(ko, c), c).not.toMatch(englishWord);
      expect(demandClassLabel(en, c)).toBe(c);
    }
    expect(demandClassLabel(ko, 'intermittent')).toBe('간헐적 수요');
  });

  it('says the backtest line in Korean', () => {
    expect(ko('sku.accuracyLine', { rmsse: '0.76', wape: '40', bias: '-0.9' })).toBe('RMSSE 0.76 · WAPE 40% · 편향 -0.9%');
    expect(en('sku.accuracyLine', { rmsse: '0.76', wape: '40', bias: '-0.9' })).toBe('RMSSE 0.76 · WAPE 40 % · bias -0.9 %');
  });
});

describe('kinds of imported data in Korean', () => {
  it('names every entity the API imports', () => {
    for (const e of ENTITY_NAMES) {
      expect(entityLabel(ko, e), e).toMatch(hangul);
      expect(entityLabel(ko, e), e).not.toMatch(englishWord);
    }
    expect(entityLabel(ko, 'widgets')).toBe('widgets');
  });
});

describe('audit actions in Korean', () => {
  it('names every action the audit trail records; English shows the code', () => {
    // The literal codes, and those made from a record and a verb (crud.ts, documents.ts, decide.ts, post-movement.ts).
    const made = [
      ...['product', 'customer', 'warehouse', 'lot'].flatMap((r) => ['create', 'update', 'archive', 'delete'].map((v) => `${r}.${v}`)),
      ...['order', 'inbound-shipment'].flatMap((r) => ['create', 'update', 'cancel'].map((v) => `${r}.${v}`)),
      ...['approved', 'dismissed', 'expired', 'failed', 'executed'].map((v) => `action.${v}`),
      ...['in', 'out', 'move', 'adjust', 'write_off', 'reverse'].map((v) => `movement.${v}`),
      'import.register',
      'import.retry',
    ];
    const literal = literalAuditCodes();
    expect(literal).toEqual(expect.arrayContaining(['auth.login', 'lot.archive', 'shipment.receive', 'action.proposed']));
    for (const code of [...literal, ...made]) {
      const label = auditActionLabel(ko, 'ko', code);
      expect(label, code).toMatch(hangul);
      expect(label, code).not.toMatch(englishWord);
      expect(auditActionLabel(en, 'en', code)).toBe(code);
    }
    expect(auditActionLabel(ko, 'ko', 'lot.update')).toBe('로트 수정');
    expect(auditActionLabel(ko, 'ko', 'movement.write_off')).toBe('폐기 등록');
    expect(auditActionLabel(ko, 'ko', 'future.thing')).toBe('future.thing');
  });
});

describe("the web app's refusals in Korean", () => {
  const problem = (status: number, body: ApiProblem['body'], lang: 'en' | 'ko') => problemSentence(new ApiProblem(status, body, lang));

  it('says its own sentences in the page language', () => {
    for (const status of [403, 404, 429, 500]) {
      const sentence = problem(status, { detail: 'Your role does not allow this action.' }, 'ko');
      expect(sentence, String(status)).toMatch(hangul);
      expect(sentence, String(status)).not.toMatch(englishWord);
    }
    expect(problem(404, {}, 'en')).toBe('This item does not exist, or it belongs to another company.');
    expect(problem(403, { detail: 'Your role does not allow this action.' }, 'en')).toBe(
      'Your role does not allow this. Ask an administrator if you need it.',
    );
  });

  it("shows the API's Korean on Korean pages when it sent one, else its English", () => {
    const body = {
      detail: 'The header does not match the template; see the errors or send a mapping.',
      detailKo: '머리글이 템플릿과 맞지 않습니다. 오류를 확인하거나 열 매핑을 지정하세요.',
      errors: [
        {
          row: 1,
          column: 'shelf_life_days',
          message: 'Required column "shelf_life_days" is missing.',
          messageKo: '필수 열 "shelf_life_days"가 없습니다.',
        },
      ],
    };
    expect(problem(422, body, 'ko')).toBe(
      '머리글이 템플릿과 맞지 않습니다. 오류를 확인하거나 열 매핑을 지정하세요. (1행, shelf_life_days: 필수 열 "shelf_life_days"가 없습니다.)',
    );
    expect(problem(422, body, 'en')).toBe(
      'The header does not match the template; see the errors or send a mapping. (row 1, shelf_life_days: Required column "shelf_life_days" is missing.)',
    );
    expect(problem(422, { detail: 'Say why.' }, 'ko')).toBe('Say why.');
  });
});

describe('the Korean catalog', () => {
  it('has Korean for every sentence this change added', () => {
    const keys = Object.keys(catalogs.en).filter(
      (k) =>
        /^audit\.(code|record|verb)\./.test(k) ||
        /^(problem|model)\.|^(imp\.chooseFile|inb\.enterQty|act\.bulkRefused|act\.unknownRequest|chan\.testRefused|status\.gaveUp)$/.test(
          k,
        ),
    );
    expect(keys.length).toBeGreaterThan(15);
    for (const k of keys) {
      const text = catalogs.ko[k as keyof typeof catalogs.ko];
      expect(text, k).toMatch(hangul);
      expect(text.replace(/\{\w+\}/g, ''), k).not.toMatch(englishWord);
    }
  });
});

describe("the API's Korean words for codes are the pages' words", () => {
  const catalog = catalogs.ko as Record<string, string>;
  const words = (prefix: string) =>
    Object.fromEntries(
      Object.entries(catalog)
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => [k.slice(prefix.length), v]),
    );

  it('says kinds, states, statuses, movement types, ROI figures and audit actions as the catalog does', () => {
    expect(ACTION_KIND_KO).toEqual(words('act.kind.'));
    expect(ACTION_STATE_KO).toEqual(words('act.state.'));
    expect(SHIPMENT_STATUS_KO).toEqual(words('inb.status.'));
    expect(MOVEMENT_TYPE_KO).toEqual(words('moves.type.'));
    expect(ROI_STATUS_KO).toEqual(words('roi.status.'));
    expect(AUDIT_CODE_KO).toEqual(words('audit.code.'));
    expect(AUDIT_RECORD_KO).toEqual(words('audit.record.'));
    expect(AUDIT_VERB_KO).toEqual(words('audit.verb.'));
    for (const [k, v] of Object.entries(ROI_FIGURE_KO)) expect(catalog[`roi.${k}`], k).toBe(v);
    for (const [k, v] of Object.entries(CONFIDENCE_KO)) expect(catalog[`act.conf.${k}`], k).toBe(v);
    for (const [k, v] of Object.entries(LOT_STATUS_KO)) expect(catalog[`lot.status.${k}`], k).toBe(v);
  });

  it('names an audit action in Korean as the audit page does', () => {
    for (const code of ['lot.update', 'movement.write_off', 'shipment.receive', 'action.approved', 'auth.login', 'future.thing'])
      expect(auditActionKo(code), code).toBe(auditActionLabel(ko, 'ko', code));
  });
});
