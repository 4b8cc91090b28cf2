// Korean in questions: known food words and a few planning words through a glossary (longest match
// first), anything else transliterated by Revised Romanization, so "신라면" and "shin ramyun" meet
// the catalogue's English names in one canonical form.

/**
 * US states and cities as Korean writes them → their English names, which the warehouse aliases
 * (entities.ts: a state's name, a name word only one warehouse has) and the list of known places use.
 */
export const KOREAN_PLACES: Record<string, string> = {
  뉴저지: 'new jersey',
  뉴욕: 'new york',
  캘리포니아: 'california',
  텍사스: 'texas',
  워싱턴: 'washington',
  일리노이: 'illinois',
  조지아: 'georgia',
  플로리다: 'florida',
  매사추세츠: 'massachusetts',
  펜실베이니아: 'pennsylvania',
  오리건: 'oregon',
  네바다: 'nevada',
  애리조나: 'arizona',
  콜로라도: 'colorado',
  버지니아: 'virginia',
  하와이: 'hawaii',
  에디슨: 'edison',
  댈러스: 'dallas',
  달라스: 'dallas',
  켄트: 'kent',
  시티오브인더스트리: 'city of industry',
  로스앤젤레스: 'los angeles',
  엘에이: 'los angeles',
  샌프란시스코: 'san francisco',
  시애틀: 'seattle',
  시카고: 'chicago',
  애틀랜타: 'atlanta',
  휴스턴: 'houston',
  보스턴: 'boston',
  마이애미: 'miami',
  필라델피아: 'philadelphia',
  포틀랜드: 'portland',
  라스베이거스: 'las vegas',
  덴버: 'denver',
  피닉스: 'phoenix',
};

/** Hangul word → canonical romanised / English tokens. Brand names map to the generic product. */
const GLOSSARY: Record<string, string> = {
  신라면: 'spicy beef ramyeon',
  컵라면: 'ramyeon cup',
  라면: 'ramyeon',
  라멘: 'ramyeon',
  배추김치: 'napa cabbage kimchi',
  김치: 'kimchi',
  깍두기: 'radish kimchi',
  총각김치: 'young radish kimchi',
  백김치: 'white kimchi',
  고추장: 'gochujang',
  고춧가루: 'gochugaru',
  된장: 'doenjang',
  쌈장: 'ssamjang',
  국간장: 'soup soy sauce',
  간장: 'soy sauce',
  참기름: 'sesame oil',
  들기름: 'perilla oil',
  불고기: 'bulgogi',
  갈비: 'galbi',
  떡볶이: 'tteokbokki',
  떡국: 'tteokguk',
  짜장: 'jjajang',
  짬뽕: 'jjamppong',
  냉면: 'naengmyeon',
  우동: 'udon',
  군만두: 'gun mandu',
  만두: 'mandu',
  소면: 'somyeon',
  당면: 'dangmyeon',
  칼국수: 'kalguksu',
  쫄면: 'jjolmyeon',
  비빔국수: 'bibim guksu',
  잡채: 'japchae',
  순두부: 'sundubu',
  두부: 'tofu',
  식혜: 'sikhye',
  보리차: 'barley tea',
  유자차: 'yuja tea',
  미역: 'miyeok',
  어묵: 'eomuk',
  호떡: 'hotteok',
  송편: 'songpyeon',
  약과: 'yakgwa',
  새우깡: 'shrimp crackers',
  치즈: 'cheese',
  매운: 'spicy',
  불닭: 'hot chicken',
  해물: 'seafood',
  멸치: 'anchovies',
  김: 'gim',
  컵: 'cup',
  // planning words
  유통기한: 'expire',
  유통: 'shelf',
  만료: 'expire',
  폐기: 'waste',
  로트: 'lots',
  어떤: 'which',
  어느: 'which',
  먼저: 'first',
  부터: 'first',
  출고: 'ship',
  재주문: 'reorder',
  주문: 'order',
  승인: 'approval',
  대기: 'awaiting',
  조치: 'actions',
  제안: 'proposed',
  위험: 'at risk',
  자본: 'capital',
  자금: 'capital',
  이동: 'transfers',
  할인: 'markdowns',
  가격인하: 'markdowns',
  인하: 'markdowns',
  늦어진: 'overdue',
  늦어지: 'overdue',
  늦은: 'overdue',
  밀린: 'overdue',
  누가: 'who buys',
  연체: 'overdue',
  요약: 'summary',
  수익: 'roi',
  품절: 'stock out',
  재고: 'on hand',
  허니버터: 'honey butter',
  칩: 'chips',
  발주: 'reorder',
  예측: 'forecast',
  고객: 'customers',
  창고: 'warehouse',
  입고: 'inbound',
  도착: 'arriving',
  배송: 'deliveries',
  늦게: 'late',
  지연: 'late',
  위급: 'critical',
  긴급: 'critical',
  심각: 'critical',
  주의: 'warning',
  양호: 'healthy',
  // US states and cities warehouses are named by, as Korean writes them (entities.ts matches the English)
  ...KOREAN_PLACES,
};

const KEYS = Object.keys(GLOSSARY).sort((a, b) => b.length - a.length);

const INITIALS = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const MEDIALS = [
  'a',
  'ae',
  'ya',
  'yae',
  'eo',
  'e',
  'yeo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'we',
  'wi',
  'yu',
  'eu',
  'ui',
  'i',
];
const FINALS = [
  '',
  'k',
  'k',
  'k',
  'n',
  'n',
  'n',
  't',
  'l',
  'k',
  'm',
  'l',
  'l',
  'l',
  'p',
  'l',
  'm',
  'p',
  'p',
  't',
  't',
  'ng',
  't',
  't',
  'k',
  't',
  'p',
  't',
];

const isSyllable = (ch: string) => {
  const c = ch.charCodeAt(0);
  return c >= 0xac00 && c <= 0xd7a3;
};

/** Revised Romanization of one syllable block (without sound-change rules across syllables). */
function romanize(ch: string): string {
  const i = ch.charCodeAt(0) - 0xac00;
  return INITIALS[Math.floor(i / 588)] + MEDIALS[Math.floor((i % 588) / 28)] + FINALS[i % 28];
}

function segment(run: string): string {
  const out: string[] = [];
  let loose = '';
  for (let i = 0; i < run.length;) {
    const key = KEYS.find((k) => run.startsWith(k, i));
    if (key) {
      if (loose) out.push(loose);
      loose = '';
      out.push(GLOSSARY[key]);
      i += key.length;
    } else {
      loose += romanize(run[i]);
      i++;
    }
  }
  if (loose) out.push(loose);
  return ` ${out.join(' ')} `;
}

/** Replaces every run of Hangul syllables by glossary words or their romanisation. */
export function romanizeHangul(text: string): string {
  let out = '';
  let run = '';
  for (const ch of text) {
    if (isSyllable(ch)) run += ch;
    else {
      if (run) out += segment(run);
      run = '';
      out += ch;
    }
  }
  return run ? out + segment(run) : out;
}
