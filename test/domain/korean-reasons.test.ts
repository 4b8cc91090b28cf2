// The engine's reasons in Korean (ADR 025): written beside the English from the same numbers, so a
// Korean page never shows an English sentence where the engine explains itself.
import { describe, expect, it } from 'vitest';
import { adjustmentAnomalies } from '../../worker/domain/anomalies';
import { forecastConfidence } from '../../worker/domain/confidence';
import { rankFefo } from '../../worker/domain/fefo';
import { skuInsights } from '../../worker/domain/insights';
import { networkStatus } from '../../worker/domain/network';
import type { ReorderRecommendation } from '../../worker/domain/reorder';
import { stockStatus } from '../../worker/domain/status';
import { simulateWasteRisk, WRITE_OFF_OPTION, type SkuWasteRisk } from '../../worker/domain/waste';
import type { ModelScore } from '../../worker/domain/forecast/backtest';
import { MODEL_KO, modelName } from '../../worker/domain/text';
import { AS_OF, lot } from './helpers';

const hangul = /[\uac00-\ud7a3]/;

describe('stock status reasons in Korean', () => {
  const base = {
    usableOnHand: 100,
    safetyStock: 10,
    meanDailyDemand: 2,
    stockoutProbability: 0.01,
    serviceLevel: 0.95,
    daysToNextArrival: 7,
  };

  it('says each rule in Korean with the English numbers', () => {
    expect(stockStatus({ ...base, usableOnHand: 12, safetyStock: 30, daysToNextArrival: 2, stockoutProbability: 0.04 })).toEqual({
      status: 'warning',
      reason: 'usable stock 12 is at or below the safety stock 30',
      reasonKo: '사용 가능 재고 12개가 안전재고 30개 이하',
    });
    expect(stockStatus({ ...base, meanDailyDemand: 0 }).reasonKo).toBe('예상 수요 없음');
    expect(stockStatus({ ...base, usableOnHand: 0 }).reasonKo).toBe('수요가 예상되지만 사용 가능 재고 없음: 오늘 품절');
    expect(stockStatus({ ...base, stockoutProbability: 0.95 }).reasonKo).toBe('다음 입고 가능일 전 품절 위험 95%');
    expect(stockStatus({ ...base, usableOnHand: 12 }).reasonKo).toBe('재고로 6.0일분만 충당 가능, 다음 입고 가능일은 7일 후');
    expect(stockStatus({ ...base, stockoutProbability: 0.06 }).reasonKo).toBe('다음 입고 전 품절 위험 6%, 서비스 수준이 허용하는 5% 초과');
    expect(stockStatus(base).reasonKo).toBe('사용 가능 재고 100개가 안전재고 10개 초과; 다음 입고 전 품절 위험 1%');
  });

  it("joins the worst warehouse's reason in both languages", () => {
    const worst = stockStatus({ ...base, usableOnHand: 0 });
    const s = networkStatus([
      { warehouse: 'NJ1', status: stockStatus(base) },
      { warehouse: 'CA1', status: worst },
    ]);
    expect(s).toEqual({
      status: 'critical',
      reason: `CA1: ${worst.reason}`,
      reasonKo: 'CA1: 수요가 예상되지만 사용 가능 재고 없음: 오늘 품절',
    });
  });
});

describe('FEFO reasons in Korean', () => {
  it('explains each rank against the next lot of its warehouse', () => {
    const lots = [
      lot('L-0192', 40, 10),
      lot('L-0007', 28, 5),
      lot('L-0100', 28, 5, { receivedDate: '2025-01-01' }),
      lot('L-0101', 28, 5, { receivedDate: '2025-01-01' }),
    ];
    const { ranked } = rankFefo(lots, AS_OF);
    expect(ranked.map((r) => r.reasonKo)).toEqual([
      'L-0101보다 먼저 출고: 유통기한과 입고일이 같고 로트 번호가 앞섬',
      'L-0007보다 먼저 출고: 유통기한이 같고 29일 먼저 입고됨',
      'L-0192보다 먼저 출고: 유통기한이 12일 빠름',
      '마지막 출고: 유통기한이 가장 늦음',
    ]);
    expect(rankFefo([lot('ONLY', 10, 5)], AS_OF).ranked[0].reasonKo).toBe('판매 가능한 유일한 로트');
  });

  it('says why each skipped lot cannot ship', () => {
    const lots = [
      lot('EXP', 0, 5),
      lot('OLD', -3, 5),
      lot('Q', 90, 5, { status: 'quarantine' }),
      lot('H', 90, 5, { status: 'hold' }),
      lot('SHORT', 10, 5),
      lot('EMPTY', 90, 0),
    ];
    const why = Object.fromEntries(rankFefo(lots, AS_OF, { minRemainingDays: 14 }).skipped.map((s) => [s.lot.lotId, s.reasonKo]));
    expect(why).toEqual({
      EXP: '오늘 만료(2025-03-01)',
      OLD: '2025-02-26에 만료, 3일 지남',
      Q: '격리됨: 해제 전까지 판매 불가',
      H: '상태 보류: 판매 불가',
      SHORT: '잔여 유통기한 10일뿐; 고객 요구 14일',
      EMPTY: '재고 없음',
    });
  });
});

describe('lot risk reasons in Korean', () => {
  it('says why a lot is ageing dangerously', () => {
    const lots = [
      lot('GONE', -1, 10),
      lot('SHORT', 3, 10),
      lot('RISKY', 20, 10),
      lot('FINE', 90, 10),
      lot('HELD', 90, 5, { status: 'hold' }),
    ];
    const risk = (lotId: string, p: number) => ({ lotId, warehouse: 'WH-1', probabilityOfWaste: p, certainLoss: false });
    const waste = {
      valueAtRisk: 0,
      lots: [risk('GONE', 1), risk('SHORT', 0), risk('RISKY', 0.6), risk('FINE', 0.02)],
    } as unknown as SkuWasteRisk;
    const reorder = { meanDailyDemand: 1, usableOnHand: 30, safetyStock: 5 } as ReorderRecommendation;
    const aging = skuInsights({ lots, inbound: [], reorder, waste, leadTimeDays: 7, minRemainingDays: 5, asOf: AS_OF }).aging;
    const why = Object.fromEntries(aging.map((a) => [a.lotId, [a.reason, a.reasonKo]]));
    expect(why).toEqual({
      GONE: ['past its expiration date', '유통기한 경과'],
      SHORT: ['3 days left, below the 5 customers require: cannot ship', '3일 남음, 고객이 요구하는 5일 미달: 출고 불가'],
      RISKY: ['60 % chance to expire unsold within 20 days', '20일 안에 팔리지 않고 만료될 확률 60%'],
      FINE: ['expected to sell before expiry', '유통기한 전 판매 예상'],
      HELD: ['not sellable now (held); see FEFO', '현재 판매 불가(보류): FEFO 참조'],
    });
  });
});

describe('other engine notes in Korean', () => {
  it('writes anomaly reasons and forecast confidence notes in Korean from the same numbers', () => {
    const adj = [1, 2, 1, 2, 1, 2, 1, 2].map((q, i) => ({ id: `A${i}`, sku: 'SKU-1', date: AS_OF, quantity: q }));
    const [a] = adjustmentAnomalies([...adj, { id: 'BIG', sku: 'SKU-1', date: AS_OF, quantity: -40 }]);
    expect(a.reason).toBe('adjustment of -40 units is unusually large; typical size 2 (robust z 25.6)');
    expect(a.reasonKo).toBe('재고 조정 -40개는 이례적으로 큼; 평소 규모 2개(로버스트 z 25.6)');
    const c = forecastConfidence(400, 'smooth', 'profile', undefined);
    expect(c.note).toBe('1.1 years of history, too little to backtest; profile forecast is a rough guide');
    expect(c.noteKo).toBe('이력 1.1년, 백테스트하기에 부족; 요일·계절 수요 프로필 예측은 대략적인 참고용');
    expect(c.noteKo).toMatch(hangul);
  });

  it("names the forecast model in Korean in the confidence note (it said '(holt-winters)')", () => {
    const score = { model: 'holt-winters', wape: 40, biasPct: -0.9 } as ModelScore;
    const c = forecastConfidence(730, 'erratic', 'holt-winters', score);
    expect(c.note).toBe('medium: 2.0 years of history; backtest WAPE 40 %, bias -0.9 % (holt-winters)');
    expect(c.noteKo).toBe('보통: 이력 2.0년; 백테스트 WAPE 40%, 편향 -0.9% (홀트-윈터스 계절 평활)');
    for (const model of Object.keys(MODEL_KO)) {
      const ko = forecastConfidence(730, 'smooth', model, { ...score, model } as ModelScore).noteKo!;
      expect(ko).toContain(MODEL_KO[model as keyof typeof MODEL_KO]);
      expect(ko, ko).not.toMatch(/[a-z]{3,}/);
    }
    expect(modelName('ko', 'a-future-model')).toBe('a-future-model');
    expect(modelName('en', 'holt-winters')).toBe('holt-winters');
  });
});

describe('what can be done with a certain loss, in Korean', () => {
  it('writes every option of a lot nobody here can buy in both languages', () => {
    const r = simulateWasteRisk(
      {
        sku: 'SKU-1',
        lots: [lot('GONE', -1, 7), lot('SHORT', 5, 3)],
        asOf: AS_OF,
        minRemainingDays: 10,
        demandMean: new Array<number>(200).fill(2),
        uncertainty: { dispersion: 1.5, levelSd: 0.2 },
        alternatives: {
          customers: [{ customerId: 'OUTLET', minRemainingDays: 3 }],
          warehouses: [{ warehouse: 'WH-2', minRemainingDays: 2 }],
          transferLeadTimeDays: 2,
        },
      },
      { paths: 20 },
    );
    const short = r.lots.find((l) => l.lotId === 'SHORT')!;
    expect(short.options.map((o) => [o.action, o.detailKo])).toEqual([
      ['markdown', '2025-03-06 전에 유통기한 요건이 없는 구매처에 할인 판매'],
      ['sell-to-customer', '고객 1곳이 잔여 유통기한 5일을 받아들임'],
      ['transfer', 'WH-2 구매처는 2일이면 받음; 2일 이동 후 3일 남음'],
      ['write-off', '로트 폐기(처분 또는 기부)'],
    ]);
    expect(short.options.map((o) => o.detail)).toEqual([
      'sell at a discount before 2025-03-06 to buyers without a shelf-life requirement',
      '1 customer accepts 5 days of shelf life',
      'buyers in WH-2 accept 2 days; 3 left after a 2-day transfer',
      'write the lot off (dispose or donate)',
    ]);
    const gone = r.lots.find((l) => l.lotId === 'GONE')!;
    expect(gone.options).toEqual([WRITE_OFF_OPTION]);
    expect(WRITE_OFF_OPTION.detailKo).toMatch(hangul);
  });
});
