// The API's refusals read in Korean (ADR 029, lib/problem-ko.ts): each sentence thrown across the
// API — stock, receiving, records, users, tenant, actions, roles — has a Korean reading with its
// figures kept and no English sentence left; an unknown sentence has none (shown in English).
import { describe, expect, it } from 'vitest';
import { problemKo } from '../../worker/lib/problem-ko';

const SENTENCES: [string, RegExp][] = [
  ['Not enough sellable stock of RAM-001: 50 requested, 12 available.', /^RAM-001의 판매 가능 재고가 부족합니다: 요청 50개, 가용 12개\.$/],
  ['This movement has already been reversed.', /이미 취소/],
  ['A reversal cannot itself be reversed; post a new movement instead.', /다시 취소할 수 없습니다/],
  ['Product RAM-001 is archived; restore it before posting stock.', /^품목 RAM-001은\(는\) 보관 상태/],
  ['Lot L-1 is quarantine and cannot ship.', /^로트 L-1은\(는\) 격리 상태라 출고할 수 없습니다\.$/],
  ['Lot L-1 expired on 2026-11-01; write it off instead.', /2026-11-01/],
  [
    'Lot L-1 has 3 days of shelf life left; customer C-9 requires 10. Send "override": {"reason": …} to ship it anyway.',
    /^로트 L-1의 남은 유통기한은 3일이고 거래처 C-9의 요구는 10일입니다/,
  ],
  ['Lot L-1 already holds RAM-001 (in NJ); it cannot be received as KIM-001.', /KIM-001/],
  ['Shipment INB-1 expects 4 more of RAM-001; 9 were to be received.', /^입고 예정 INB-1에 남은 RAM-001 수량은 4개인데 9개/],
  ['Product RAM-001 already exists.', /^품목 RAM-001이\(가\) 이미 있습니다\.$/],
  ['Alert channel ops already exists.', /^알림 채널 ops/],
  ['The action is approved; only an approved action executes.', /승인됨/],
  ['The action is executed; it cannot become approved.', /^이 조치는 실행됨 상태라 승인됨 상태가 될 수 없습니다\.$/],
  ['Nobody approves their own proposal.', /자신이 제안한/],
  ['Actions above the approval threshold (10000) need an admin.', /10000/],
  ['Your role does not allow this action.', /역할/],
  ['Customer "C-404" not found.', /^거래처 "C-404"을\(를\) 찾을 수 없습니다\.$/],
  ['Movement not found.', /^재고 이동을\(를\) 찾을 수 없습니다\.$/],
  ['The customer is invalid.', /^거래처가 올바르지 않습니다\.$/],
  ['Unknown query parameters: a, b. This route accepts: page, pageSize.', /^알 수 없는 조회 조건: a, b\.$/],
  ['The window starts after it ends: from 2026-12-10 is after to 2026-12-01.', /2026-12-10.*2026-12-01/],
  ['Lot X names 2 lots (RAM-001 in NJ; RAM-001 in LA); add ?sku= and/or ?warehouse= to choose one.', /2개/],
  ['The action could not be executed: Lot L-1 is archived.', /^조치를 실행하지 못했습니다: 로트 L-1은\(는\) 보관 상태입니다\.$/],
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
