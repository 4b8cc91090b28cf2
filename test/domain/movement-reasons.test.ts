// The reasons the system writes on its own movements read in Korean on Korean pages (the ledger
// keeps the English); a reason a person typed has no Korean and is shown as typed.
import { describe, expect, it } from 'vitest';
import {
  actionReason,
  importedReceiptReason,
  importReason,
  LOT_CREATED_REASON,
  movementReasonKo,
  OPENING_BALANCE_REASON,
  receiptReason,
} from '../../worker/domain/movement-reasons';

const hangul = /[\uac00-\ud7a3]/;
/** English words left in a Korean sentence (codes such as INB-0024 or a UUID are not words). */
const englishWord = /(?<![\w-])[A-Za-z]{3,}(?![\w-])/;

describe('system movement reasons in Korean', () => {
  it('reads every reason the system writes', () => {
    const id = '0a47f7d0-3418-4508-8c49-d5a21000434c';
    expect(movementReasonKo(receiptReason('INB-0024'))).toBe('입고 건 INB-0024 입고');
    expect(movementReasonKo(importedReceiptReason('INB-0024', id))).toBe(`입고 건 INB-0024 입고 (가져오기 ${id})`);
    expect(movementReasonKo(importReason(id))).toBe(`가져오기 ${id}`);
    expect(movementReasonKo(actionReason('transfer', id))).toBe(`조치 실행: 이동 ${id}`);
    expect(movementReasonKo(actionReason('write_off', id))).toBe(`조치 실행: 폐기 ${id}`);
    expect(movementReasonKo(actionReason('sell', id))).toBe(`조치 실행: 고객 판매 ${id}`);
    expect(movementReasonKo(LOT_CREATED_REASON)).toBe('로트 생성');
    expect(movementReasonKo(OPENING_BALANCE_REASON)).toBe('기초 재고 (샘플 데이터)');
    const all = [
      receiptReason('INB-0024'),
      importedReceiptReason('INB-0024', id),
      importReason(id),
      ...['reorder', 'transfer', 'markdown', 'sell', 'write_off'].map((k) => actionReason(k, id)),
      LOT_CREATED_REASON,
      OPENING_BALANCE_REASON,
    ];
    for (const reason of all) {
      const ko = movementReasonKo(reason);
      expect(ko, reason).toMatch(hangul);
      expect(ko, reason).not.toMatch(englishWord);
    }
  });

  it("leaves a person's reason as typed", () => {
    for (const typed of ['Wrong lot number', 'Damaged in transit', '파손', 'Action required soon', 'import later', ''])
      expect(movementReasonKo(typed), typed).toBeNull();
  });

  it('writes the English the ledger has always stored', () => {
    expect(receiptReason('INB-0024')).toBe('Receipt of shipment INB-0024');
    expect(importedReceiptReason('INB-0024', 'X1')).toBe('Receipt of shipment INB-0024 (import X1)');
    expect(importReason('X1')).toBe('import X1');
    expect(actionReason('write_off', 'A1')).toBe('Action write_off A1');
  });
});
