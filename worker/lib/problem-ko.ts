// The API's refusals in Korean (ADR 029): conflicts, refusals and hand-written field messages are
// thrown in English across the API; this reads each back into Korean for `detailKo` beside
// `detail` and `messageKo` beside an error's message (ProblemError.body() asks it). Whole
// sentences, anchored; a sentence with no rule has no Korean and is shown in English rather than
// wrongly. A particle after a value is chosen by josa() (lib/josa.ts) and a field is named by its
// Korean label (lib/field-labels.ts), never by its JSON key. test/api/problem-messages.test.ts
// checks the sentences users meet most; test/domain/problem-ko.test.ts reads every sentence the
// ledger and the lots API write from their source and fails on any without Korean.
import { fieldLabel } from './field-labels';
import { josa } from './josa';

/** Record kinds as the web app names them. */
const THING_KO: Record<string, string> = {
  product: '품목',
  customer: '거래처',
  warehouse: '창고',
  lot: '로트',
  movement: '재고 이동',
  action: '조치',
  user: '사용자',
  alert: '알림',
  'alert channel': '알림 채널',
  'inbound shipment': '입고 예정',
  order: '주문',
  sku: '품목',
  view: '화면',
  route: '경로',
  'company sign-in': '회사 계정 로그인',
  request: '요청',
  'request body': '요청 내용',
  'query string': '조회 조건',
  path: '주소 경로',
  'new lot': '새 로트',
  receipt: '입고 실적',
  import: '가져오기',
  export: '내보내기',
  template: '템플릿',
  document: '문서',
  shipment: '입고 예정',
  setting: '설정',
  settings: '설정',
  tenant: '회사',
  promotion: '프로모션',
  resource: '항목',
};
const thing = (s: string) => THING_KO[s.toLowerCase()] ?? s;

/** Action states (act.state.*). */
const STATE_KO: Record<string, string> = {
  proposed: '제안됨',
  approved: '승인됨',
  rejected: '반려됨',
  dismissed: '기각됨',
  executed: '실행됨',
  expired: '만료됨',
  failed: '실패',
  available: '가용',
  quarantine: '격리',
  hold: '보류',
  archived: '보관됨',
  cancelled: '취소됨',
};
const state = (s: string) => STATE_KO[s] ?? s;

/** "expirationDate, unitCost" as the fields' Korean labels: a Korean sentence never names a JSON key. */
const fieldsKo = (list: string) =>
  list
    .split(', ')
    .map((k) => fieldLabel([k])[1])
    .join(', ');

type Rule = readonly [RegExp, (...m: string[]) => string];

const RULES: readonly Rule[] = [
  // Validation
  [/^(.+) is invalid\.$/, (w) => `${josa(thing(w.replace(/^The /, '')), '이/가')} 올바르지 않습니다.`],
  [/^The (.+) refers to records that do not exist\.$/, (w) => `${thing(w)}에 없는 기록이 지정되어 있습니다.`],
  [/^(.+) "(.+)" not found\.$/, (w, v) => `${thing(w)} ${josa(`"${v}"`, '을/를')} 찾을 수 없습니다.`],
  [/^(.+) not found\.$/, (w) => `${josa(thing(w), '을/를')} 찾을 수 없습니다.`],
  [/^Unknown query parameters?: (.+?)\.( This route .*)?$/, (names) => `알 수 없는 조회 조건: ${names}.`],
  [/^Unknown query parameter\.$/, () => '알 수 없는 조회 조건입니다.'],
  [/^The window starts after it ends: from (\S+) is after to (\S+)\.$/, (a, b) => `기간의 시작(${a})이 끝(${b})보다 늦습니다.`],
  [/^After `to`\.$/, () => '종료일보다 늦습니다.'],
  [/^Before `from`\.$/, () => '시작일보다 이릅니다.'],
  [/^The request body is not valid JSON\.$/, () => '요청 내용이 올바른 JSON이 아닙니다.'],
  [/^Request bodies here are limited to (\d+) bytes\.$/, (n) => `요청 내용은 최대 ${n}바이트입니다.`],
  [/^The key "(.+)" is not allowed\.$/, (k) => `"${k}" 키는 쓸 수 없습니다.`],
  [/^forbidden key$/, () => '쓸 수 없는 키입니다.'],
  [/^Idempotency-Key must be 1–255 visible ASCII characters\.$/, () => 'Idempotency-Key는 보이는 ASCII 문자 1~255자여야 합니다.'],
  [/^This Idempotency-Key was used with a different request\.$/, () => '이 Idempotency-Key는 다른 요청에 이미 쓰였습니다.'],
  [/^A request with this Idempotency-Key is still in progress\.$/, () => '이 Idempotency-Key의 요청이 아직 처리 중입니다.'],
  [/^Retry: the key was just released\.$/, () => '다시 시도하세요. 키가 방금 해제되었습니다.'],
  // Roles
  [/^Your role does not allow this action\.$/, () => '이 작업을 할 수 있는 역할이 아닙니다.'],
  [/^Only approvers and admins approve actions\.$/, () => '조치는 승인자와 관리자만 승인할 수 있습니다.'],
  [/^Only admins and auditors see the status page\.$/, () => '상태 화면은 관리자와 감사자만 볼 수 있습니다.'],
  [/^The audit trail is for auditors and admins\.$/, () => '감사 기록은 감사자와 관리자만 볼 수 있습니다.'],
  [/^Your role may change only the status of this document\.$/, () => '이 문서는 상태만 바꿀 수 있는 역할입니다.'],
  [
    /^Marking a shipment arrived, or cancelling one that arrived, is for the roles that receive stock \(staff, admin\)\.$/,
    () => '입고 예정을 도착으로 표시하거나 도착한 입고를 취소하는 일은 입고 담당 역할(현장 직원, 관리자)만 할 수 있습니다.',
  ],
  [
    /^Your role may only mark a shipment arrived or cancel one that arrived\.$/,
    () => '이 역할은 입고 예정을 도착으로 표시하거나 도착한 입고를 취소하는 일만 할 수 있습니다.',
  ],
  [/^A valid bearer token is required\.$/, () => '유효한 인증 토큰이 필요합니다.'],
  // Tenant and users
  [/^The OIDC issuer cannot be Lotwise itself\.$/, () => 'OIDC 발급자를 Lotwise 자신으로 지정할 수 없습니다.'],
  [
    /^This issuer and audience cannot be used\. Register a separate client \(audience\) for Lotwise at your identity provider\.$/,
    () => '이 발급자와 대상(audience)은 쓸 수 없습니다. ID 공급자에 Lotwise 전용 클라이언트(audience)를 따로 등록하세요.',
  ],
  [
    /^The JWKS URL must be https to a public host name \(no IP address, no private or local name\)\.$/,
    () => 'JWKS URL은 공개 호스트 이름의 https 주소여야 합니다(IP 주소, 사설·로컬 이름 불가).',
  ],
  [/^Use an https URL on a public host name\.$/, () => '공개 호스트 이름의 https URL을 쓰세요.'],
  [/^A user with this email already exists in your organisation\.$/, () => '이 이메일의 사용자가 조직에 이미 있습니다.'],
  [
    /^You cannot demote or disable yourself; ask another admin\.$/,
    () => '자기 자신의 역할을 낮추거나 비활성화할 수 없습니다. 다른 관리자에게 요청하세요.',
  ],
  [/^Too many failed sign-in attempts from here\. Try again later\.$/, () => '로그인 실패가 너무 많습니다. 나중에 다시 시도하세요.'],
  // Records
  [/^(\S+(?: \S+)?) (.+) already exists\.$/, (w, k) => `${thing(w)} ${josa(k, '이/가')} 이미 있습니다.`],
  [
    /^(\S+) (.+) cannot be archived while (.+)\.$/,
    (w, k, why) => `${thing(w)} ${josa(k, '은/는')} 다음 이유로 보관할 수 없습니다: ${why}.`,
  ],
  [/^(\S+) (.+) cannot be deleted while (.+)\.$/, (w, k, why) => `${thing(w)} ${josa(k, '은/는')} 다음 이유로 삭제할 수 없습니다: ${why}.`],
  [
    /^Lot (.+) names (\d+) lots \((.+)\); add \?sku= and\/or \?warehouse= to choose one\.$/,
    (l, n, list) => `로트 ${l}에 해당하는 로트가 ${n}개입니다(${list}). ?sku= 또는 ?warehouse=로 하나를 고르세요.`,
  ],
  [
    /^Lot (.+) still holds (\d+) units; move, ship or write them off first\.$/,
    (l, n) => `로트 ${l}에 아직 ${n}개가 있습니다. 먼저 이동, 출고 또는 폐기하세요.`,
  ],
  [/^Say why the expiration date changes\.$/, () => '유통기한을 바꾸는 이유를 쓰세요.'],
  [/^The lot is not possible\.$/, () => '이 로트는 있을 수 없습니다.'],
  [/^The order date is not possible\.$/, () => '주문일이 올바르지 않습니다.'],
  [/^The ETA is not possible\.$/, () => '도착 예정일이 올바르지 않습니다.'],
  // Stock movements
  [
    /^Not enough sellable stock of (.+): (\d+) requested, (\d+) available\.$/,
    (s, w, a) => `${s}의 판매 가능 재고가 부족합니다: 요청 ${w}개, 가용 ${a}개.`,
  ],
  [/^Stock of (.+) changed while posting; not enough remains\.$/, (s) => `처리하는 동안 ${s}의 재고가 바뀌어 남은 재고가 부족합니다.`],
  [/^This movement has already been reversed\.$/, () => '이 재고 이동은 이미 취소되었습니다.'],
  [
    /^A reversal cannot itself be reversed; post a new movement instead\.$/,
    () => '취소 전표는 다시 취소할 수 없습니다. 새 재고 이동을 등록하세요.',
  ],
  [
    /^The stock this movement added has already been used; it cannot be reversed\.$/,
    () => '이 이동으로 들어온 재고가 이미 쓰여 취소할 수 없습니다.',
  ],
  [
    /^Product (.+) is archived; restore it before posting stock\.$/,
    (s) => `품목 ${josa(s, '은/는')} 보관 상태입니다. 재고를 등록하려면 먼저 복원하세요.`,
  ],
  [/^Product (.+) no longer exists\.$/, (s) => `품목 ${josa(s, '이/가')} 더 이상 없습니다.`],
  [/^Lot (.+) is (\w+) and cannot ship\.$/, (l, s) => `로트 ${josa(l, '은/는')} ${state(s)} 상태라 출고할 수 없습니다.`],
  [
    /^Lot (.+) expired on (\S+); write it off instead\.$/,
    (l, d) => `로트 ${josa(l, '은/는')} ${d}에 유통기한이 지났습니다. 대신 폐기하세요.`,
  ],
  [
    /^Lot (.+) has (-?\d+) days of shelf life left; (?:customer (.+)|the product) requires (\d+)\. Send "override": \{"reason": …\} to ship it anyway\.$/,
    (l, d, c, n) =>
      `로트 ${l}의 남은 유통기한은 ${d}일이고 ${c ? `거래처 ${c}` : '품목'}의 요구는 ${n}일입니다. 그래도 출고하려면 예외 사유("override": {"reason": …})를 보내세요.`,
  ],
  [/^Lot (.+) is archived\.$/, (l) => `로트 ${josa(l, '은/는')} 보관 상태입니다.`],
  [
    /^Lot (.+) of (.+) in (.+) differs in (.+); the moved units cannot merge into it\.$/,
    (l, s, w, d) => `${w}의 ${s} 로트 ${josa(l, '은/는')} ${fieldsKo(d)} 값이 달라 이동한 수량을 합칠 수 없습니다.`,
  ],
  [
    /^Lot (.+) already holds (.+) \(in (.+)\); it cannot be received as (.+)\.$/,
    (l, s, w, t) => `로트 ${l}에는 이미 ${josa(`${s}(${w})`, '이/가')} 있어 ${josa(t, '으로/로')} 입고할 수 없습니다.`,
  ],
  [
    /^The lot number is stocked in several warehouses; name the warehouse\.$/,
    () => '이 로트 번호는 여러 창고에 있습니다. 창고를 지정하세요.',
  ],
  [/^The lot holds another SKU\.$/, () => '이 로트에는 다른 품목이 들어 있습니다.'],
  [/^Lot "(.+)" holds (.+), not (.+)\.$/, (l, o, s) => `로트 "${l}"에는 ${josa(s, '이/가')} 아니라 ${josa(o, '이/가')} 들어 있습니다.`],
  [/^Unknown lot\.$/, () => '알 수 없는 로트입니다.'],
  [
    /^Lot "(.+)" of (.+?)(?: in (.+))? does not exist\.$/,
    (l, s, w) => `${w ? `${w}의 ` : ''}${s} 로트 ${josa(`"${l}"`, '이/가')} 없습니다.`,
  ],
  [/^Unknown warehouse\.$/, () => '알 수 없는 창고입니다.'],
  [/^Unknown SKU\.$/, () => '알 수 없는 품목 코드입니다.'],
  [/^Unknown customer\.$/, () => '알 수 없는 거래처입니다.'],
  [/^Unknown (sku|warehouse|customer) "(.+)"\.$/, (k, v) => `알 수 없는 ${thing(k)} "${v}"입니다.`],
  [/^The lot would hold too many units\.$/, () => '로트 수량이 너무 많아집니다.'],
  [/^A lot holds at most ([\d,]+) units\.$/, (n) => `로트 하나에는 최대 ${n}개까지 둘 수 있습니다.`],
  [/^The lot exists with another expiration date\.$/, () => '같은 로트가 다른 유통기한으로 이미 있습니다.'],
  [/^Lot "(.+)" expires (\S+)\.$/, (l, d) => `로트 "${l}"의 유통기한은 ${d}입니다.`],
  [/^Lot (\S+) expires (\S+)\.$/, (l, d) => `로트 ${l}의 유통기한은 ${d}입니다.`],
  // A new lot's dates (the ledger's IN, the lots API, a receipt's lines)
  [/^A lot cannot be received after today \((\S+)\)\.$/, (d) => `로트의 입고일은 오늘(${d})보다 늦을 수 없습니다.`],
  [/^Units cannot be received after today \((\S+)\)\.$/, (d) => `입고일은 오늘(${d})보다 늦을 수 없습니다.`],
  [/^A new lot needs an expiration date\.$/, () => '새 로트에는 유통기한이 필요합니다.'],
  [/^Expiration must be after receipt\.$/, () => '유통기한은 입고일보다 뒤여야 합니다.'],
  [/^Expiration must be after receipt \((\S+)\)\.$/, (d) => `유통기한은 입고일(${d})보다 뒤여야 합니다.`],
  [
    /^The lot has already expired; receive it with status "quarantine" or do not receive it\.$/,
    () => '이 로트는 이미 유통기한이 지났습니다. 격리 상태("quarantine")로 입고하거나 입고하지 마세요.',
  ],
  [
    /^A reason is required to change the expiration date from (\S+) to (\S+)\.$/,
    (a, b) => `유통기한을 ${a}에서 ${josa(b, '으로/로')} 바꾸려면 사유가 필요합니다.`,
  ],
  [/^Lot "(.+)" of (.+) is in (.+)\.$/, (l, s, w) => `${s}의 로트 ${josa(`"${l}"`, '은/는')} ${w}에 있습니다.`],
  [/^SKU (.+) is not on shipment (.+)\.$/, (s, id) => `품목 ${josa(s, '은/는')} 입고 예정 ${id}에 없습니다.`],
  [
    /^The shipment names no warehouse; say where the units were received\.$/,
    () => '입고 예정에 창고가 없습니다. 어느 창고에 입고했는지 지정하세요.',
  ],
  [/^The lot is already in that warehouse\.$/, () => '로트가 이미 그 창고에 있습니다.'],
  [/^Same as the source warehouse\.$/, () => '출발 창고와 같습니다.'],
  [/^Name the warehouse to ship from\.$/, () => '출고할 창고를 지정하세요.'],
  [
    /^(.+) is stocked in (.+); an OUT ships from one warehouse\.$/,
    (s, w) => `${josa(s, '은/는')} ${w}에 있습니다. 출고는 한 창고에서만 합니다.`,
  ],
  // Receiving
  [
    /^Shipment (.+) is cancelled; its (.+) line cannot be received\.$/,
    (s, k) => `입고 예정 ${josa(s, '은/는')} 취소되어 ${k} 줄을 입고할 수 없습니다.`,
  ],
  [
    /^Shipment (.+) expects (\d+) more of (.+); (\d+) were to be received\.$/,
    (s, n, k, a) => `입고 예정 ${s}에 남은 ${k} 수량은 ${n}개인데 ${a}개를 입고하려 했습니다.`,
  ],
  [
    /^(\d+) units of (.+) were already received; the line cannot ask for fewer \((\d+)\)\.$/,
    (n, s, q) => `${josa(s, '은/는')} 이미 ${n}개 입고되어 그보다 적은 수량(${q})으로 바꿀 수 없습니다.`,
  ],
  // Actions
  [/^The action is (\w+)\.$/, (s) => `이 조치는 ${state(s)} 상태입니다.`],
  [/^The action is (\w+); it cannot become (\w+)\.$/, (s, t) => `이 조치는 ${state(s)} 상태라 ${state(t)} 상태가 될 수 없습니다.`],
  [/^Nobody approves their own proposal\.$/, () => '자신이 제안한 조치는 승인할 수 없습니다.'],
  [
    /^The action was valid until (\S+); it can no longer be approved\.$/,
    (d) => `이 조치는 ${d}까지 유효했습니다. 더 이상 승인할 수 없습니다.`,
  ],
  [
    /^Actions above the approval threshold \((.+)\) need an admin\.$/,
    (n) => `승인 기준 금액(${n})을 넘는 조치는 관리자가 승인해야 합니다.`,
  ],
  [/^The action is (\w+); only an approved action executes\.$/, (s) => `이 조치는 ${state(s)} 상태입니다. 승인된 조치만 실행됩니다.`],
  [
    /^The action was valid until (\S+); it has expired and was not executed\.$/,
    (d) => `이 조치는 ${d}까지 유효했습니다. 만료되어 실행하지 않았습니다.`,
  ],
  [/^The action names no lot\.$/, () => '조치에 로트가 지정되지 않았습니다.'],
  [/^The action names something that does not exist\.$/, () => '조치에 없는 항목이 지정되어 있습니다.'],
  [/^The action would be expired already\.$/, () => '이 조치는 이미 만료된 상태가 됩니다.'],
  [/^Valid until must be today \((\S+)\) or later\.$/, (d) => `유효 기한은 오늘(${d}) 이후여야 합니다.`],
  [/^More than the lot holds\.$/, () => '로트에 있는 수량보다 많습니다.'],
  [/^Lot (.+) holds (\d+) units\.$/, (l, n) => `로트 ${l}에는 ${n}개가 있습니다.`],
  [/^A transfer moves stock to another warehouse\.$/, () => '창고 이동은 다른 창고로 재고를 옮기는 것입니다.'],
  [/^Lot (.+) is already in (.+)\.$/, (l, w) => `로트 ${josa(l, '은/는')} 이미 ${w}에 있습니다.`],
  [/^Name the warehouse\.$/, () => '창고를 지정하세요.'],
  [/^The supplier cannot take that quantity\.$/, () => '공급처가 그 수량을 받을 수 없습니다.'],
  [/^The action could not be executed: (.+)$/, (why) => `조치를 실행하지 못했습니다: ${problemKo(why) ?? why}`],
  // Audit and export
  [/^`before` pages newest first: use it with order=desc\.$/, () => '`before`는 최신순으로 넘깁니다. order=desc와 함께 쓰세요.'],
  [/^Needs order=desc\.$/, () => 'order=desc가 필요합니다.'],
  [
    /^More than (\d+) rows: export CSV instead, or narrow with from\/to\.$/,
    (n) => `${n}행이 넘습니다. CSV로 내보내거나 from/to로 범위를 좁히세요.`,
  ],
  [/^Too many rows for XLSX\.$/, () => 'XLSX로 내보내기에는 행이 너무 많습니다.'],
  // Server
  [
    /^Something went wrong on our side\. The request had no effect if it was not acknowledged\.$/,
    () => '서버에서 문제가 생겼습니다. 접수되지 않은 요청은 아무 영향도 주지 않았습니다.',
  ],
  [/^The plan is being computed; ask again shortly\.$/, () => '계획을 계산하는 중입니다. 잠시 후 다시 요청하세요.'],
];

/** An API refusal or field message in Korean; null when it has no rule. */
export function problemKo(en: string | null | undefined): string | null {
  if (!en) return null;
  for (const [re, ko] of RULES) {
    const m = re.exec(en);
    if (m) return ko(...m.slice(1).map((g) => g ?? ''));
  }
  return null;
}
