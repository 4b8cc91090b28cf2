// Fields as a person names them (ADR 029): the label of a request's field path in English and
// Korean, as the web app labels its inputs. A field error and a Korean sentence name a field by its
// label, never by its JSON key (`lotId`, `expiringWithinDays`); test/api/korean-text.test.ts holds
// every field and query parameter of the OpenAPI document to have one.

export type Label = readonly [en: string, ko: string];

/** Field names (the last path segment) as the web app labels them. */
const LABELS: Record<string, Label> = {
  name: ['Name', '이름'],
  timeZone: ['Time zone', '시간대'],
  currency: ['Currency', '통화'],
  approvalThreshold: ['Approval threshold', '승인 기준 금액'],
  maxDiscount: ['Deepest markdown', '최대 할인율'],
  alertWebhookUrl: ['Alert webhook URL', '알림 웹훅 URL'],
  holidayCalendar: ['Holiday calendar', '휴일 달력'],
  issuer: ['Issuer URL', '발급자(Issuer) URL'],
  jwksUrl: ['JWKS URL', 'JWKS URL'],
  audience: ['Audience of the ID token', 'ID 토큰 대상(Audience)'],
  roleClaim: ['Role claim', '역할 클레임'],
  clientId: ['Client ID', '클라이언트 ID'],
  clientSecret: ['Client secret', '클라이언트 시크릿'],
  type: ['Type', '유형'],
  sku: ['SKU', '품목 코드'],
  lotId: ['Lot', '로트'],
  lot: ['Lot', '로트'],
  warehouse: ['Warehouse', '창고'],
  toWarehouse: ['To warehouse', '도착 창고'],
  quantity: ['Quantity', '수량'],
  expirationDate: ['Expiration date', '유통기한'],
  receivedDate: ['Received date', '입고일'],
  unitCost: ['Unit cost', '단가'],
  unitPrice: ['Unit price', '판매 단가'],
  status: ['Status', '상태'],
  reason: ['Reason', '사유'],
  reference: ['Reference', '참조 번호'],
  customerId: ['Customer', '거래처'],
  page: ['Page', '페이지'],
  pageSize: ['Page size', '페이지 크기'],
  q: ['Search', '검색어'],
  from: ['From', '시작일'],
  to: ['To', '종료일'],
  after: ['After', '이후 시점'],
  sort: ['Sort', '정렬'],
  order: ['Order', '정렬 방향'],
  email: ['Email', '이메일'],
  password: ['Password', '비밀번호'],
  role: ['Role', '역할'],
  active: ['Active', '활성'],
  category: ['Category', '분류'],
  caseSize: ['Case size', '케이스 입수'],
  shelfLifeDays: ['Shelf life (days)', '유통기한 일수'],
  leadTimeDays: ['Lead time (days)', '리드타임(일)'],
  moq: ['Minimum order quantity', '최소 주문 수량'],
  supplier: ['Supplier', '공급처'],
  minRemainingShelfLifeDays: ['Minimum remaining shelf life (days)', '최소 잔여 유통기한(일)'],
  safetyStockOverride: ['Safety stock', '안전 재고'],
  reorderPointOverride: ['Reorder point', '재주문점'],
  orderDate: ['Order date', '주문일'],
  etaDate: ['ETA', '도착 예정일'],
  validUntil: ['Valid until', '유효 기한'],
  discountPct: ['Discount (%)', '할인율(%)'],
  text: ['Text', '내용'],
  question: ['Question', '질문'],
  file: ['File', '파일'],
  format: ['Format', '형식'],
  horizon: ['Horizon', '예측 기간'],
  quantityOnHand: ['Quantity', '수량'],
  leadTimeSdDays: ['Lead-time variability (days)', '리드타임 변동(일)'],
  safetyStock: ['Safety stock', '안전 재고'],
  reorderPoint: ['Reorder point', '재주문점'],
  archived: ['Archived', '보관됨'],
  region: ['Region', '지역'],
  channel: ['Channel', '채널'],
  customer: ['Customer', '거래처'],
  orderId: ['Order', '주문 번호'],
  lines: ['Lines', '품목 줄'],
  shipmentId: ['Shipment', '입고 예정 번호'],
  origin: ['Origin', '출발지'],
  override: ['Override', '예외 출고'],
  tenant: ['Company', '회사'],
  settings: ['Settings', '설정'],
  serviceLevels: ['Service levels', '서비스 수준'],
  actions: ['Actions', '조치 설정'],
  oidc: ['Company sign-in', '회사 계정 로그인'],
  code: ['Authorization code', '인증 코드'],
  codeVerifier: ['Code verifier', 'PKCE 검증 코드'],
  redirectUri: ['Redirect URI', '리디렉션 주소'],
  nonce: ['Nonce', '일회용 값(nonce)'],
  url: ['URL', '주소(URL)'],
  secret: ['Secret', '시크릿'],
  kind: ['Kind', '유형'],
  kinds: ['Kinds', '유형'],
  state: ['State', '상태'],
  severity: ['Severity', '심각도'],
  minSeverity: ['Minimum severity', '최소 심각도'],
  confidence: ['Confidence', '신뢰도'],
  entity: ['Data', '데이터'],
  mapping: ['Column mapping', '열 매핑'],
  mode: ['Mode', '가져오기 방식'],
  policy: ['Invalid rows', '잘못된 행'],
  dateOrder: ['Date order', '날짜 형식'],
  decimal: ['Decimal mark', '소수점'],
  delimiter: ['Delimiter', '구분자'],
  encoding: ['Encoding', '인코딩'],
  headerRow: ['Header row', '머리글 행'],
  confirmDuplicate: ['Confirm duplicate', '중복 확인'],
  confirmOverCommit: ['Confirm over-commitment', '초과 요청 확인'],
  minValue: ['Minimum value', '최소 금액'],
  ids: ['Actions', '조치 목록'],
  decision: ['Decision', '결정'],
  note: ['Note', '메모'],
  actor: ['User', '사용자'],
  action: ['Action', '작업'],
  before: ['Before', '이전 순번'],
  limit: ['Limit', '최대 개수'],
  week: ['Week', '주'],
  class: ['Class', '등급'],
  level: ['Level', '집계 단위'],
  days: ['Days', '기간(일)'],
  expiringWithinDays: ['Expiring within (days)', '만료까지 남은 일수'],
  includeEmpty: ['Include empty lots', '빈 로트 포함'],
  includeArchived: ['Include archived', '보관 항목 포함'],
  minOverdueDays: ['Minimum days overdue', '최소 지연 일수'],
  historyDays: ['History (days)', '이력 기간(일)'],
  minRemainingDays: ['Minimum remaining shelf life (days)', '최소 잔여 유통기한(일)'],
  holdoutDays: ['Holdout (days)', '검증 기간(일)'],
  lang: ['Language', '언어'],
};

/** The label of a field path the web app names, en and ko; undefined for a field it does not know. */
export function knownFieldLabel(path: readonly (string | number)[]): Label | undefined {
  const parts = path.map(String);
  const last = parts[parts.length - 1] ?? '';
  // A service level is keyed by its ABC/XYZ class: "Service level AX".
  if (parts[parts.length - 2] === 'serviceLevels') return [`Service level ${last}`, `${last} 등급 서비스 수준`];
  if (parts[parts.length - 2] === 'override' && last === 'reason') return ['Override reason', '예외 출고 사유'];
  // Own keys only: a path is what the request sent ("__proto__" must not read Object.prototype).
  const known = Object.hasOwn(LABELS, last) ? LABELS[last] : undefined;
  if (known) return parts.length > 1 && /^\d+$/.test(parts[parts.length - 2] ?? '') ? withLine(known, parts) : known;
  return undefined;
}

/**
 * The label of a field path, en and ko. A field with no label keeps its path in English; in Korean
 * it is "이 항목" (this field), never the JSON key: a Korean sentence does not name `fooBar`.
 */
export function fieldLabel(path: readonly (string | number)[]): Label {
  const known = knownFieldLabel(path);
  if (known) return known;
  const joined = path.map(String).join('.') || 'request';
  return [joined, joined === 'request' ? '요청' : '이 항목'];
}

/** "Line 2 SKU" for `lines.1.sku`. */
const withLine = ([en, ko]: Label, parts: string[]): Label => {
  const n = Number(parts[parts.length - 2]) + 1;
  return [`Line ${n} ${en}`, `${n}번째 줄 ${ko}`];
};
