// The plan's lot actions fitted around the units other open actions ask (worker/actions/commitments.ts).
import { describe, expect, it } from 'vitest';
import { fitToCommitments, lotKeyOf, type LotTaken } from '../../worker/actions/commitments';
import type { ActionCandidate } from '../../worker/actions/plan-adapter';

const candidate = (kind: ActionCandidate['kind'], quantity: number, lotId = 'L1'): ActionCandidate => ({
  stableKey: `${kind}|S|NJ|${lotId}`,
  kind,
  sku: 'S',
  lotId,
  warehouse: 'NJ',
  toWarehouse: kind === 'transfer' ? 'LA' : null,
  customerId: null,
  supplier: null,
  quantity,
  cases: null,
  value: quantity * 2,
  discountPct: kind === 'markdown' ? 20 : null,
  orderByDate: null,
  reason: 'Planned.',
  reasonKo: '계획됨.',
  confidence: 'medium',
  validUntil: '2026-12-31',
  evidence: {},
});
const taken = (onHand: number, units: number): Map<string, LotTaken> =>
  new Map([[lotKeyOf('S', 'L1', 'NJ'), { sku: 'S', lotId: 'L1', warehouse: 'NJ', onHand, taken: units, by: ['sell A1'] }]]);

describe('fitToCommitments', () => {
  it('cuts the least certain use first (markdown, then transfer) and scales its value', () => {
    const out = fitToCommitments([candidate('transfer', 4), candidate('markdown', 6)], taken(10, 5));
    expect(out.map((c) => [c.kind, c.quantity, c.value])).toEqual([
      ['transfer', 4, 8],
      ['markdown', 1, 2],
    ]);
    expect(out[1].reason).toBe("Planned. Open actions already ask 5 of the lot's 10 units (sell A1): this asks 1 of the 5 left.");
    expect(out[1].evidence).toMatchObject({ committedElsewhere: 5, plannedUnits: 6 });
  });

  it('names the other actions in Korean by the words the pages use, not their codes', () => {
    const t = taken(10, 5);
    t.get(lotKeyOf('S', 'L1', 'NJ'))!.byKo = ['고객 판매 A1'];
    const [cut] = fitToCommitments([candidate('markdown', 6)], t);
    expect(cut.reasonKo).toBe('계획됨. 열린 작업이 이미 로트 10개 중 5개를 요청했습니다(고객 판매 A1). 남은 5개 중 5개를 요청합니다.');
    expect(cut.reasonKo).not.toMatch(/\b(sell|markdown)\b/);
  });

  it('drops what is cut to nothing and leaves other lots and reorders alone', () => {
    const reorder = { ...candidate('reorder', 24), lotId: null };
    const other = candidate('markdown', 3, 'L2');
    const out = fitToCommitments([reorder, candidate('write_off', 4), other], taken(10, 10));
    expect(out).toEqual([reorder, other]);
  });

  it('changes nothing while the lot has room, and matches a moved lot by its printed number', () => {
    const moved = { ...candidate('sell', 5), lotId: 'L1~NJ~S' };
    expect(fitToCommitments([moved], taken(10, 5))).toEqual([moved]);
    expect(fitToCommitments([moved], taken(10, 6))[0].quantity).toBe(4);
  });
});
