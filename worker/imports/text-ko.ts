// The import's sentences in Korean (ADR 025's two-language rule, read side): a row error, a skipped
// row's reason, an import's outcome or failure and the preview's refusals are stored and sent in
// English as they always were; this reads each back into Korean for the web app's Korean pages
// (`messageKo`, `reasonKo`, `detailKo` beside the English). Reading, not rewriting, keeps the
// errors of earlier imports readable too. Every sentence the import code writes has a rule here;
// test/domain/import-text.test.ts makes each writer's sentences (values.ts, rows.ts, mapping.ts,
// block.ts, checks.ts, record-limits.ts …) and checks that none is left in English. A sentence
// with no rule (a new one) has no Korean and is shown in English rather than wrongly.
import { CONTROL_MESSAGE, KEY_MESSAGE } from '../lib/keys';
import { SHIPMENT_STATUS_KO } from '../domain/code-words';
import { josa } from '../lib/josa';
import { ProblemError } from '../lib/problem';

/** Data kinds as the web app names them (imp.entity.*). */
const ENTITY_KO: Record<string, string> = {
  products: '품목',
  inventory_lots: '재고 로트',
  customers: '거래처',
  orders: '주문',
  inbound_shipments: '입고 예정',
  receipts: '입고 실적',
  warehouses: '창고',
  promotions: '프로모션',
};
const entityKo = (name: string) => ENTITY_KO[name] ?? name;

const statusKo = (s: string) => SHIPMENT_STATUS_KO[s] ?? s;
const statusesKo = (list: string) =>
  list
    .split(', ')
    .map((s) => statusKo(s))
    .join(', ');

/** A reference kind of "Unknown sku "X"." */
const REF_KO: Record<string, string> = { sku: 'SKU', warehouse: '창고', customer: '거래처' };

/** "lot_id, sku and warehouse" (a file's key columns) as a Korean list. */
const keysKo = (what: string) => what.replace(/ and /g, ', ');

const DECIDE_DECIMAL = '이 파일의 소수점을 . 또는 ,로 선택하세요.';

type Rule = readonly [RegExp, (...m: string[]) => string];

// Whole sentences, anchored; `(.*)` parts that are sentences themselves are read again.
const RULES: readonly Rule[] = [
  // The encoding option (before a cell's "Use one of")
  [/^Use one of (.+) \(or cp949, shift-jis, gbk …\)\.$/, (list) => `다음 중 하나를 쓰세요: ${list} (또는 cp949, shift-jis, gbk …).`],
  // A cell
  [/^Required\.$/, () => '필수 항목입니다.'],
  [/^Not a whole number; use whole units\.$/, () => '정수가 아닙니다. 낱개 단위의 정수로 쓰세요.'],
  [/^At most (\d+) characters\.$/, (n) => `최대 ${n}자입니다.`],
  [/^Must not be negative\.$/, () => '음수일 수 없습니다.'],
  [/^Must be at least (-?[\d.]+)\.$/, (n) => `${n} 이상이어야 합니다.`],
  [/^At least (-?[\d.]+)\.$/, (n) => `${n} 이상이어야 합니다.`],
  [/^At most (-?[\d.e+]+)\.$/, (n) => `최대 ${n}입니다.`],
  [/^Use one of (.+)\.$/, (list) => `다음 중 하나를 쓰세요: ${list}.`],
  [/^Must be shorter than the shelf life \((\d+) days\)\.$/, (n) => `유통기한(${n}일)보다 짧아야 합니다.`],
  [/^Received (\S+) is after today \((\S+)\)\.$/, (d, today) => `입고일 ${josa(d, '이/가')} 오늘(${today})보다 뒤입니다.`],
  [/^Expiration (\S+) is not after receipt (\S+)\.$/, (e, r) => `만료일 ${josa(e, '이/가')} 입고일 ${r}보다 뒤가 아닙니다.`],
  [/^Unknown (sku|warehouse|customer) "(.*)"\.$/s, (kind, v) => `등록되지 않은 ${REF_KO[kind]} "${v}".`],
  [
    /^"(.*)" is an identifier shown in scientific notation: its digits are lost\. Format the column as Text \(or Number with 0 decimals\) in the spreadsheet and export again\.$/s,
    (v) =>
      `${josa(`"${v}"`, '은/는')} 지수 표기로 표시된 식별자라 자릿수가 사라졌습니다. 스프레드시트에서 이 열을 텍스트(또는 소수 0자리 숫자) 형식으로 바꾸고 다시 내보내세요.`,
  ],
  [/^"(.*)" is outside the years 1900–2199\.$/s, (v) => `${josa(`"${v}"`, '은/는')} 1900–2199년 범위 밖입니다.`],
  [/^"(.*)" is not a real date\.$/s, (v) => `${josa(`"${v}"`, '은/는')} 실제 날짜가 아닙니다.`],
  [
    /^"(.*)" is not a real date in (month\/day\/year|day\/month\/year) order\.$/s,
    (v, order) =>
      `${josa(`"${v}"`, '은/는')} ${order === 'month/day/year' ? '월/일/연도' : '일/월/연도'} 순서로 읽으면 실제 날짜가 아닙니다.`,
  ],
  [
    /^"(.*)" is ambiguous \(month\/day or day\/month\?\); choose dateOrder mdy or dmy\.$/s,
    (v) => `${josa(`"${v}"`, '은/는')} 월/일인지 일/월인지 알 수 없습니다. 날짜 형식을 mdy 또는 dmy로 선택하세요.`,
  ],
  [/^"(.*)" is not a date \(use yyyy-mm-dd\)\.$/s, (v) => `${josa(`"${v}"`, '은/는')} 날짜가 아닙니다(yyyy-mm-dd 형식으로 쓰세요).`],
  [
    /^"(.*)" could be (\S+) or (\S+): choose decimal \. or , for this file\.$/s,
    (v, a, b) => `${josa(`"${v}"`, '은/는')} ${a} 또는 ${b}일 수 있습니다. ${DECIDE_DECIMAL}`,
  ],
  [/^"(.*)" is not a number\.$/s, (v) => `${josa(`"${v}"`, '은/는')} 숫자가 아닙니다.`],
  [/^"(.*)" is not a finite number\.$/s, (v) => `${josa(`"${v}"`, '은/는')} 유한한 숫자가 아닙니다.`],
  [
    /^"(.*)" has more than one decimal mark "(.)" \(this file's decimal mark\)\.$/s,
    (v, mark) => `"${v}"에 소수점 "${mark}"(이 파일의 소수점)가 두 번 이상 있습니다.`,
  ],
  [
    /^"(.*)" is not a number with "(.)" as decimal mark \(this file's\) and "(.)" between thousands\.$/s,
    (v, mark, th) => `${josa(`"${v}"`, '은/는')} 소수점 "${mark}"(이 파일의 소수점)와 천 단위 구분 "${th}"로 쓴 숫자가 아닙니다.`,
  ],
  [
    /^"(.*)" is not a number with "(.)" as decimal mark \(this file's\)\.$/s,
    (v, mark) => `${josa(`"${v}"`, '은/는')} 소수점 "${mark}"(이 파일의 소수점)로 쓴 숫자가 아닙니다.`,
  ],
  [
    /^"(.*)" has "(.)" as decimal mark, but other rows use "(.)": choose decimal \. or , for this file\.$/s,
    (v, a, b) => `${josa(`"${v}"`, '은/는')} "${a}"를 소수점으로 쓰지만 다른 행은 "${b}"를 씁니다. ${DECIDE_DECIMAL}`,
  ],
  [
    /^"(.*)" reads as (\S+) \(thousands mark\) or (\S+) \(decimal mark\), and no value in the file tells which: choose decimal \. or ,\.$/s,
    (v, a, b) =>
      `${josa(`"${v}"`, '은/는')} ${a}(천 단위 구분) 또는 ${josa(`${b}(소수점)`, '으로/로')} 읽히며, 파일의 어느 값으로도 구별되지 않습니다. ${DECIDE_DECIMAL}`,
  ],
  // A row
  [
    /^Malformed quotes: a quoted value must end with " before the next delimiter\.$/,
    () => '따옴표 오류: 따옴표로 시작한 값은 다음 구분자 앞에서 "로 끝나야 합니다.',
  ],
  [/^(\d+) values, but the header has (\d+) columns\.$/, (n, m) => `값은 ${n}개인데 머리글의 열은 ${m}개입니다.`],
  [
    /^Same (.+) as row (\d+) \(keys ignore letter case\); each may appear once per file\.$/,
    (what, row) => `${row}행과 ${josa(keysKo(what), '이/가')} 같습니다(키는 대소문자를 구별하지 않음). 파일마다 한 번만 나올 수 있습니다.`,
  ],
  [
    /^"(.*)" differs from row (\d+) \("(.*)"\) only by letter case or spaces: the same record\.$/s,
    (v, row, earlier) => `${josa(`"${v}"`, '은/는')} ${row}행("${earlier}")과 대소문자나 공백만 다릅니다: 같은 기록입니다.`,
  ],
  [
    /^"(.*)" matches the existing (\S+) "(.*)" except for letter case or spaces; it will update that record, keeping "(.*)"\.$/s,
    (v, column, existing, kept) =>
      `${josa(`"${v}"`, '은/는')} 대소문자나 공백을 빼면 기존 ${column} "${existing}"와 같습니다. 그 기록을 갱신하며 "${kept}" 표기를 유지합니다.`,
  ],
  // Lot limits (domain/record-limits.ts), orders and ETAs
  [
    /^A shipped order cannot be dated after today \((\S+)\); (\S+) has not happened yet\.$/,
    (today, d) => `출고된 주문은 오늘(${today}) 이후 날짜일 수 없습니다. ${josa(d, '은/는')} 아직 오지 않았습니다.`,
  ],
  [
    /^An order cannot be dated more than (\d+) days ahead \(after (\S+)\)\.$/,
    (n, d) => `주문일은 오늘부터 ${n}일 넘게 앞설 수 없습니다(${d} 이후 불가).`,
  ],
  [
    /^An ETA must lie between (\S+) and (\S+) \((\d+) days either side of today\)\.$/,
    (a, b, n) => `도착 예정일은 ${josa(a, '과/와')} ${b} 사이여야 합니다(오늘 앞뒤 ${n}일).`,
  ],
  [
    /^A receipt date before (\S+) \((\d+) days ago\) is not a real receipt\.$/,
    (d, n) => `${d}(${n}일 전)보다 이른 입고일은 실제 입고일 수 없습니다.`,
  ],
  [
    /^Expiration (\S+) is beyond the product's shelf life of (\d+) days from receipt (\S+) \(latest (\S+)\)\.$/,
    (e, n, r, latest) => `만료일 ${josa(e, '이/가')} 입고일 ${r}부터 품목의 유통기한 ${n}일을 넘습니다(최대 ${latest}).`,
  ],
  [/^A lot holds at most ([\d,]+) units\.$/, (n) => `로트 하나에는 최대 ${n}개까지 담을 수 있습니다.`],
  // Shipments, receipts, promotions (checks.ts, commit-receipts.ts, domain/inbound.ts)
  [
    /^(\d+) units of (\S+) on shipment (\S+) were already received; the quantity cannot be lower\.$/,
    (n, sku, s) => `입고 건 ${s}의 ${josa(sku, '은/는')} 이미 ${n}개 입고되어 수량을 그보다 줄일 수 없습니다.`,
  ],
  [
    /^marking a shipment arrived, or changing one that arrived, is for the roles that receive stock \(staff, admin\)\.$/,
    () => '입고 건을 도착으로 표시하거나 도착한 건을 바꾸는 일은 재고를 입고하는 역할(창고 직원, 관리자)만 할 수 있습니다.',
  ],
  [
    /^The shipment is (\S+); it can become (.+), not (\S+)\.$/,
    (from, can, to) =>
      `입고 건이 ${statusKo(from)} 상태입니다. ${statusesKo(can)} 상태로만 바꿀 수 있고 ${statusKo(to)} 상태로는 바꿀 수 없습니다.`,
  ],
  [/^The shipment is (\S+); its status is final\.$/, (from) => `입고 건이 ${statusKo(from)} 상태이며 더 바꿀 수 없습니다.`],
  [
    /^The shipment is (\S+) and (\d+) of its units were already received; it cannot be cancelled\. To close it short, reduce its lines to the units received\.$/,
    (from, n) =>
      `입고 건이 ${statusKo(from)} 상태이고 이미 ${n}개가 입고되어 취소할 수 없습니다. 덜 받은 채로 마감하려면 품목 수량을 입고된 수량으로 줄이세요.`,
  ],
  [/^Shipment (\S+), (\S+): (.+)$/s, (s, sku, rest) => `입고 건 ${s}, ${sku}: ${importTextKo(rest) ?? rest}`],
  [/^Shipment (\S+) has no line for SKU (\S+)\.$/, (s, sku) => `입고 건 ${s}에 SKU ${sku} 품목이 없습니다.`],
  [
    /^Shipment (\S+) is cancelled; its (\S+) line cannot be received\.$/,
    (s, sku) => `입고 건 ${josa(s, '은/는')} 취소되어 ${sku} 품목을 입고할 수 없습니다.`,
  ],
  [
    /^Shipment (\S+) names no warehouse; give the warehouse the units were received into\.$/,
    (s) => `입고 건 ${s}에 창고가 없습니다. 입고한 창고를 적으세요.`,
  ],
  [
    /^Shipment (\S+) expects (-?\d+) more of (\S+); the file receives (\d+)\.$/,
    (s, open, sku, n) => `입고 건 ${s}에서 ${sku}의 남은 수량은 ${open}개인데 파일은 ${n}개를 입고합니다.`,
  ],
  [
    /^Lot (\S+) of (\S+) in (\S+) expires (\S+)\.$/,
    (lot, sku, w, d) => `${w} 창고의 ${sku} 로트 ${josa(lot, '은/는')} 만료일이 ${d}입니다.`,
  ],
  [
    /^Lot (\S+) already holds (\S+) \(in (\S+)\); it cannot be received as (\S+)\.$/,
    (lot, sku, w, other) => `로트 ${lot}에는 이미 ${josa(sku, '이/가')} 있습니다(${w}). ${josa(other, '으로/로')} 입고할 수 없습니다.`,
  ],
  [/^The promotion ends \((\S+)\) before it starts \((\S+)\)\.$/, (b, a) => `프로모션 종료일(${b})이 시작일(${a})보다 앞섭니다.`],
  [
    /^The promotion runs longer than (\d+) days \((\S+) to (\S+)\); a promotion is a limited period\.$/,
    (n, a, b) => `프로모션 기간이 ${n}일보다 깁니다(${a}~${b}). 프로모션은 한정된 기간이어야 합니다.`,
  ],
  // The header and the mapping
  [/^The header has (\d+) columns; at most (\d+) are supported\.$/, (n, m) => `머리글의 열이 ${n}개입니다. 최대 ${m}개까지 지원합니다.`],
  [/^(\d+) columns in the header\.$/, (n) => `머리글의 열 ${n}개.`],
  [
    /^The header does not match the template; see the errors or send a mapping\.$/,
    () => '머리글이 템플릿과 맞지 않습니다. 오류를 확인하거나 열 매핑을 지정하세요.',
  ],
  [
    /^The column "(.*)" appears twice \(columns (\d+) and (\d+)\); remove or rename one\.$/s,
    (c, a, b) => `열 ${josa(`"${c}"`, '이/가')} 두 번 나옵니다(${a}번째와 ${b}번째 열). 하나를 지우거나 이름을 바꾸세요.`,
  ],
  [/^"(.*)" is not a (\S+) field\.$/s, (f, e) => `${josa(`"${f}"`, '은/는')} ${entityKo(e)}의 항목이 아닙니다.`],
  [
    /^The mapping names column "(.*)" for (\S+), but the file has no such column\.$/s,
    (h, f) => `매핑이 ${f}에 열 ${josa(`"${h}"`, '을/를')} 지정했지만 파일에 그런 열이 없습니다.`,
  ],
  [
    /^Required column "(.*)" is missing \(the header is one column: use , ; or tab between columns\)\.$/s,
    (f) => `필수 열 ${josa(`"${f}"`, '이/가')} 없습니다(머리글이 한 열입니다. 열 사이에 , ; 또는 탭을 쓰세요).`,
  ],
  [
    /^Required column "(.*)" is missing \(the header has only one column\)\.$/s,
    (f) => `필수 열 ${josa(`"${f}"`, '이/가')} 없습니다(머리글에 열이 하나뿐입니다).`,
  ],
  [/^Required column "(.*)" is missing\.$/s, (f) => `필수 열 ${josa(`"${f}"`, '이/가')} 없습니다.`],
  [
    /^The decimal mark of this file cannot be decided; choose decimal \. or , \(see the rows listed\)\.$/,
    () => `이 파일의 소수점을 정할 수 없습니다. 소수점을 . 또는 ,로 선택하세요(표시된 행 참고).`,
  ],
  [/^Row (\d+) \(the header row asked for\) is not in the file\.$/, (n) => `머리글 행으로 지정한 ${n}행이 파일에 없습니다.`],
  [/^Row (\d+) is not in the file\.$/, (n) => `${n}행이 파일에 없습니다.`],
  [/^No such row\.$/, () => '그런 행이 없습니다.'],
  [/^No header row\.$/, () => '머리글 행이 없습니다.'],
  [/^No data rows\.$/, () => '데이터 행이 없습니다.'],
  // The file
  [/^The file is empty\.$/, () => '파일이 비어 있습니다.'],
  [/^The file has a header but no data rows\.$/, () => '파일에 머리글만 있고 데이터 행이 없습니다.'],
  [/^The first record is longer than (\d+) characters\.$/, (n) => `첫 레코드가 ${n}자보다 깁니다.`],
  [
    /^A record is longer than (\d+) characters; check for an unbalanced quote\.$/,
    (n) => `레코드가 ${n}자보다 깁니다. 짝이 맞지 않는 따옴표가 있는지 확인하세요.`,
  ],
  [/^Read as (\S+): (.*)$/s, (enc, sample) => `${josa(enc, '으로/로')} 읽으면: ${sample}`],
  [
    /^The encoding cannot be told for sure \(maybe (.+)\); compare the samples and choose the encoding option\.$/,
    (list) => `인코딩을 확실히 알 수 없습니다(${list} 중 하나일 수 있음). 예시를 비교해 인코딩을 선택하세요.`,
  ],
  [
    /^The file has bytes that are not valid (\S+) text; choose its encoding or save it as CSV UTF-8\.$/,
    (enc) => `파일에 올바른 ${enc} 텍스트가 아닌 바이트가 있습니다. 인코딩을 선택하거나 CSV UTF-8로 저장하세요.`,
  ],
  [
    /^This is not a text file \(it contains binary data\); upload CSV or XLSX\.$/,
    () => '텍스트 파일이 아닙니다(이진 데이터가 들어 있음). CSV 또는 XLSX 파일을 올리세요.',
  ],
  [
    /^This is not a valid XLSX file \(no ZIP signature\); upload a real \.xlsx or a CSV\.$/,
    () => '올바른 XLSX 파일이 아닙니다(ZIP 서명 없음). 실제 .xlsx 또는 CSV 파일을 올리세요.',
  ],
  [/^This ZIP file is not a readable XLSX workbook\.$/, () => '이 ZIP 파일은 읽을 수 있는 XLSX 통합 문서가 아닙니다.'],
  [/^The workbook is damaged: its ZIP directory is missing\.$/, () => '통합 문서가 손상되었습니다: ZIP 디렉터리가 없습니다.'],
  [/^The workbook is damaged: bad ZIP directory\.$/, () => '통합 문서가 손상되었습니다: ZIP 디렉터리가 잘못되었습니다.'],
  [/^The workbook is damaged: an entry does not inflate\.$/, () => '통합 문서가 손상되었습니다: 압축을 풀 수 없는 항목이 있습니다.'],
  [/^The workbook is damaged: its ZIP data is invalid\.$/, () => '통합 문서가 손상되었습니다: ZIP 데이터가 올바르지 않습니다.'],
  [
    /^ZIP64 workbooks are not supported; save as a regular \.xlsx\.$/,
    () => 'ZIP64 통합 문서는 지원하지 않습니다. 일반 .xlsx로 저장하세요.',
  ],
  [
    /^The workbook has (\d+) entries; at most (\d+) are allowed\.$/,
    (n, m) => `통합 문서의 항목이 ${n}개입니다. 최대 ${m}개까지 허용합니다.`,
  ],
  [/^The workbook has more than (\d+) entries\.$/, (m) => `통합 문서의 항목이 ${m}개를 넘습니다.`],
  [/^The workbook is larger than (\d+) bytes\.$/, (n) => `통합 문서가 ${n}바이트보다 큽니다.`],
  [
    /^The workbook entry "(.*)" uses an unsupported compression\.$/s,
    (x) => `통합 문서 항목 ${josa(`"${x}"`, '은/는')} 지원하지 않는 압축 방식을 씁니다.`,
  ],
  [/^The workbook entry "(.*)" has an unsafe path\.$/s, (x) => `통합 문서 항목 "${x}"의 경로가 안전하지 않습니다.`],
  [/^The file has (\d+) bytes; the limit is (\d+)\.$/, (n, m) => `파일이 ${n}바이트입니다. 한도는 ${m}바이트입니다.`],
  [/^Files are limited to (\d+) bytes \((\d+) MB\)\.$/, (n, mb) => `파일은 ${n}바이트(${mb}MB)까지 올릴 수 있습니다.`],
  [/^The uploaded file is missing from storage\.$/, () => '올린 파일이 저장소에 없습니다.'],
  [
    /^The file's rows are too many for the preview to check against the stored records; import it: the import checks every row\.$/,
    () => '파일의 행이 너무 많아 미리보기에서 저장된 기록과 대조할 수 없습니다. 가져오기를 실행하면 모든 행을 검사합니다.',
  ],
  [/^A file is required\.$/, () => '파일이 필요합니다.'],
  [/^Attach the file as the part "file"\.$/, () => '파일을 "file" 파트로 첨부하세요.'],
  [
    /^Send the file as multipart\/form-data with a part named "file"\.$/,
    () => '파일을 "file"이라는 이름의 파트로 multipart/form-data 형식으로 보내세요.',
  ],
  [/^The mapping is not valid JSON\.$/, () => '열 매핑이 올바른 JSON이 아닙니다.'],
  [/^Send a JSON object of field → column header \(or null\)\.$/, () => '항목 → 열 머리글(또는 null)의 JSON 객체를 보내세요.'],
  [/^The encoding "(.*)" is not supported\.$/s, (e) => `인코딩 ${josa(`"${e}"`, '은/는')} 지원하지 않습니다.`],
  [/^Unknown entity "(.*)"\.$/s, (e) => `알 수 없는 데이터 종류 "${e}".`],
  [
    /^Unknown import entity "(.*)"\. Use one of: (.+)\.$/s,
    (e, list) => `알 수 없는 가져오기 데이터 "${e}". 다음 중 하나를 쓰세요: ${list}.`,
  ],
  [
    /^Importing (\S+) changes stock on hand; your role may not post stock movements\.$/,
    (e) => `${entityKo(e)} 가져오기는 보유 재고를 바꿉니다. 이 역할은 재고 이동을 등록할 수 없습니다.`,
  ],
  // The import's outcome
  [
    /^(\d+) of (\d+) rows have errors; nothing was imported \(policy all-or-nothing\)\.$/,
    (n, m) => `${m}행 중 ${n}행에 오류가 있어 아무것도 가져오지 않았습니다(잘못된 행: 파일 전체 거부).`,
  ],
  [/^No valid rows to import\.$/, () => '가져올 유효한 행이 없습니다.'],
  [
    /^The import stopped on an internal error after retries; nothing was loaded\.$/,
    () => '내부 오류로 재시도 후에도 가져오기가 멈췄습니다. 아무것도 저장되지 않았습니다.',
  ],
  [
    /^(\d+) rows imported(?:, (\d+) skipped with errors)?\.(?: Run (\d+) of this file: the (first|(\d+) earlier) failed \(audit trail: import\.failed\)\.)?$/,
    (ok, skipped, run, _which, earlier) =>
      `${ok}행을 가져왔습니다${skipped ? `. 오류가 있는 ${skipped}행은 건너뛰었습니다` : ''}.` +
      (run
        ? ` 이 파일의 ${run}번째 실행입니다. ${earlier ? `앞선 ${earlier}번은` : '첫 실행은'} 실패했습니다(감사 기록: import.failed).`
        : ''),
  ],
  // A failed import's alert (pipeline.ts)
  [
    /^(Dropped|Uploaded) file (.+) \((\S+)\) failed to import: (.*)$/s,
    (how, file, e, why) =>
      `${how === 'Dropped' ? '연동 폴더에 들어온' : '업로드한'} 파일 ${file}(${entityKo(e)}) 가져오기 실패: ${importTextKo(why) ?? why}`,
  ],
];

/** Why a row was skipped, not imported (block.ts, layout.ts). */
const SKIP_RULES: readonly Rule[] = [
  [/^blank row$/, () => '빈 행'],
  [/^repeated header row$/, () => '반복된 머리글 행'],
  [/^blank row above the header$/, () => '머리글 위의 빈 행'],
  [/^above the header \(row (\d+)\): title or notes$/, (n) => `머리글 위(${n}행): 제목 또는 메모`],
  [/^subtotal line \((.*)\)$/s, (x) => `소계 행(${x})`],
  [/^total line \((.*)\)$/s, (x) => `합계 행(${x})`],
  [/^page line \((.*)\)$/s, (x) => `페이지 행(${x})`],
  [/^report line \((.*)\)$/s, (x) => `보고서 행(${x})`],
];

function read(rules: readonly Rule[], en: string): string | null {
  for (const [re, ko] of rules) {
    const m = re.exec(en);
    if (m) return ko(...m.slice(1).map((g) => g ?? ''));
  }
  return null;
}

/** An import sentence (a row error, an outcome, a refusal) in Korean; null when it has no rule. */
export function importTextKo(en: string | null | undefined): string | null {
  if (!en) return null;
  if (en === KEY_MESSAGE) return '문자, 숫자, . _ - : # @와 공백만 쓰고 문자나 숫자로 시작하세요(최대 64자).';
  if (en === CONTROL_MESSAGE) return '제어 문자가 들어 있습니다.';
  return read(RULES, en);
}

/** A skipped row's reason in Korean; null when it has no rule. */
export function skipReasonKo(en: string): string | null {
  return read(SKIP_RULES, en);
}

/** A row error with its Korean beside it (`messageKo`, null when there is none). */
export function withKorean<T extends { message: string; messageKo?: string | null }>(e: T): T & { messageKo: string | null } {
  // A request's field error already carries its Korean (lib/field-messages.ts): kept when the import has no rule.
  return { ...e, messageKo: importTextKo(e.message) ?? e.messageKo ?? null };
}

/** A skipped row with its reason's Korean beside it (`reasonKo`, null when there is none). */
export function withSkipKorean<T extends { reason: string }>(s: T): T & { reasonKo: string | null } {
  return { ...s, reasonKo: skipReasonKo(s.reason) };
}

/**
 * An import refusal (problem+json) with its Korean: `detailKo` beside `detail` and `messageKo`
 * beside each error's message, for the web app's Korean pages. The English is unchanged.
 */
export function problemInKorean(e: ProblemError): ProblemError {
  const detailKo = importTextKo(e.message);
  return new ProblemError(e.status, e.slug, e.message, e.errors?.map(withKorean), detailKo ? { ...e.extra, detailKo } : e.extra, e.headers);
}
