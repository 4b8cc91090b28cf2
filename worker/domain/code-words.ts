// The words the web app's Korean pages show for the API's codes (its catalog's act.kind.*,
// act.state.*, inb.status.*, moves.type.*, roi.*, audit.*), for the Korean the API writes itself: a
// Korean export (?lang=ko) carries these words where the pages do, never `proposed` or `IN`. The
// web app cannot import the engine, so the words are written twice; test/app/korean-words.test.ts
// holds each equal to the catalog's.

/** Action kinds (act.kind.*). */
export const ACTION_KIND_KO: Record<string, string> = {
  reorder: '재주문',
  transfer: '이동',
  markdown: '가격 인하',
  sell: '고객 판매',
  write_off: '폐기',
};

/** Action states (act.state.*). */
export const ACTION_STATE_KO: Record<string, string> = {
  proposed: '제안됨',
  approved: '승인됨',
  executed: '실행됨',
  dismissed: '기각됨',
  failed: '실패',
  expired: '만료됨',
};

/** An inbound shipment's status, which a purchase order's line carries (inb.status.*). */
export const SHIPMENT_STATUS_KO: Record<string, string> = {
  planned: '예정',
  in_transit: '운송 중',
  delayed: '지연됨',
  arrived: '도착',
  received: '입고 완료',
  cancelled: '취소됨',
};

/** Movement types (moves.type.*): the ledger's code stays beside the word where the page shows it. */
export const MOVEMENT_TYPE_KO: Record<string, string> = {
  IN: '입고 (IN)',
  OUT: '출고 (OUT)',
  MOVE: '창고 이동 (MOVE)',
  ADJUST: '재고 조정',
  WRITE_OFF: '폐기',
  REVERSAL: '취소 전표',
};

/** Whether an action's amount counts in the week's ROI (roi.status.*). */
export const ROI_STATUS_KO: Record<string, string> = { counted: '집계됨', pending: '대기', missed: '미집계' };

/** The ROI figures (roi.wasteAvoided …). */
export const ROI_FIGURE_KO: Record<string, string> = {
  wasteAvoided: '방지한 폐기',
  stockoutsAvoided: '방지한 품절',
  capitalFreed: '회수한 자본',
  valueWrittenOff: '폐기 처리 금액',
};

/** Audit codes named whole (audit.code.*). */
export const AUDIT_CODE_KO: Record<string, string> = {
  'auth.login': '로그인',
  'auth.login-failed': '로그인 실패',
  'ask.question': '질문',
  'movement.in': '입고 등록',
  'movement.out': '출고 등록',
  'movement.move': '창고 이동 등록',
  'movement.adjust': '재고 조정 등록',
  'movement.write_off': '폐기 등록',
  'movement.reverse': '취소 전표 등록',
};

/** The record of a record.verb audit code (audit.record.*). */
export const AUDIT_RECORD_KO: Record<string, string> = {
  action: '조치',
  alert: '알림',
  'alert-channel': '알림 채널',
  export: '내보내기',
  import: '가져오기',
  inbound: '입고 예정',
  'inbound-shipment': '입고 예정',
  order: '주문',
  price: '가격',
  product: '품목',
  customer: '거래처',
  warehouse: '창고',
  lot: '로트',
  shipment: '입고 건',
  tenant: '회사 설정',
  user: '사용자',
};

/** The verb of a record.verb audit code (audit.verb.*). */
export const AUDIT_VERB_KO: Record<string, string> = {
  proposed: '제안',
  approved: '승인',
  dismissed: '기각',
  executed: '실행',
  expired: '만료',
  failed: '실패',
  note: '메모',
  acknowledge: '확인',
  create: '생성',
  update: '수정',
  delete: '삭제',
  archive: '보관 처리',
  cancel: '취소',
  test: '테스트',
  download: '다운로드',
  register: '등록',
  retry: '재시도',
  commit: '저장',
  change: '변경',
  receive: '입고',
};

/** A code's Korean word from `words`; a code it does not know as it is (shown rather than guessed). */
export function codeKo<T extends string | null | undefined>(words: Record<string, string>, code: T): string | T {
  return code && Object.hasOwn(words, code) ? words[code] : code;
}

/** An audit action code in Korean as the audit page names it ("lot.update" → "로트 수정"); an unknown code as it is. */
export function auditActionKo(code: string): string {
  if (Object.hasOwn(AUDIT_CODE_KO, code)) return AUDIT_CODE_KO[code];
  const at = code.lastIndexOf('.');
  const [record, verb] = [code.slice(0, at), code.slice(at + 1)];
  return at > 0 && Object.hasOwn(AUDIT_RECORD_KO, record) && Object.hasOwn(AUDIT_VERB_KO, verb)
    ? `${AUDIT_RECORD_KO[record]} ${AUDIT_VERB_KO[verb]}`
    : code;
}
