// Korean particles (josa) after a word the text does not know in advance — a SKU, a date, a label, a
// quoted value. Korean picks 을/를, 이/가, 은/는, 과/와, (으)로 by the sound the word ends in, so a
// sentence that glues "을(를)" after a placeholder reads as a form, not as Korean. The one place that
// chooses: the API's Korean sentences call `josa`, the web app's catalog keeps "{sku}을(를)" and its
// translator resolves it with `resolveJosa` (app/i18n/t.ts). Pure: the web app may import it
// (eslint.boundaries.js).

/** Korean particle pairs: the form after a final consonant, then the form after a vowel. */
export type Particle = '을/를' | '이/가' | '은/는' | '과/와' | '으로/로' | '이라/라' | '이어야/여야';

const isSyllable = (c: number) => c >= 0xac00 && c <= 0xd7a3;

// Digits as Korean reads them (Sino-Korean): 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔 end in a consonant;
// 2 이, 4 사, 5 오, 9 구 in a vowel. ㄹ (1, 7, 8) takes 로, not 으로.
const DIGIT_CONSONANT = new Set('013678');
const DIGIT_RIEUL = new Set('178');
// Latin letters read one by one (codes, acronyms: SKU, NJ-M, BBQ-L): L 엘, M 엠, N 엔, R 알.
const LETTER_CONSONANT = new Set('lmnr');
const LETTER_RIEUL = new Set('lr');

/** How a word ends when read aloud: in a final consonant, and whether that consonant is ㄹ. */
interface Ending {
  consonant: boolean;
  rieul: boolean;
}

/**
 * The ending of `text` as read aloud. A parenthesis after the word ("KR-NDL-001 (Shin Ramyun)",
 * "유통기한(일)") and quotes or punctuation at its end are skipped: the particle follows the word
 * before them. A Hangul syllable by its final consonant (jongseong); a digit by its Sino-Korean
 * reading; a code or acronym (ending in a capital, or one letter) by the letters' names; an English
 * word (two lowercase letters or more) as it is pronounced: -m, -n, -ng, -l, -le end in a consonant
 * ("item" 아이템, "sample" 샘플), most others in a vowel ("import" 임포트, "order" 오더). "%" reads 퍼센트.
 */
export function ending(text: string): Ending {
  let bare = text;
  for (let before = ''; before !== bare;) {
    before = bare;
    bare = bare.replace(/\s*\([^()]*\)\s*$/, '').replace(/[^\p{L}\p{N}%()]+$/u, '');
  }
  const last = bare.slice(-1);
  if (!last) return { consonant: false, rieul: false };
  const code = last.charCodeAt(0);
  if (isSyllable(code)) {
    const final = (code - 0xac00) % 28;
    return { consonant: final !== 0, rieul: final === 8 };
  }
  if (/\d/.test(last)) return { consonant: DIGIT_CONSONANT.has(last), rieul: DIGIT_RIEUL.has(last) };
  const word = /[a-z]{2,}$/.exec(bare)?.[0];
  if (word) {
    if (/(le|l)$/.test(word)) return { consonant: true, rieul: true };
    return { consonant: /(m|n|ng)$/.test(word), rieul: false };
  }
  const letter = last.toLowerCase();
  return { consonant: LETTER_CONSONANT.has(letter), rieul: LETTER_RIEUL.has(letter) };
}

/** The particle of `pair` that follows `word` (without the word). */
export function particleFor(word: string, pair: Particle): string {
  const [afterConsonant, afterVowel] = pair.split('/');
  const { consonant, rieul } = ending(word);
  if (pair === '으로/로') return consonant && !rieul ? afterConsonant : afterVowel;
  return consonant ? afterConsonant : afterVowel;
}

/**
 * `word` with the particle its last sound takes, as read aloud: "KR-NDL-001을", "$52,698.37이",
 * "조치가", "TX1로", "로트는", "“abc”는".
 */
export const josa = (word: string, pair: Particle): string => word + particleFor(word, pair);

/** The written-out forms a template glues after a placeholder, and the pair each stands for. */
const MARKERS: Record<string, Particle> = {
  '을(를)': '을/를',
  '를(을)': '을/를',
  '이(가)': '이/가',
  '가(이)': '이/가',
  '은(는)': '은/는',
  '는(은)': '은/는',
  '과(와)': '과/와',
  '와(과)': '과/와',
  '(으)로': '으로/로',
  '(이)라': '이라/라',
};
const MARKER = /을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로|\(이\)라/g;

/**
 * A filled-in Korean template with each written-out particle ("을(를)", "이(가)", "은(는)",
 * "와(과)", "(으)로", "(이)라") replaced by the one the text before it takes: "“abc”은(는)" →
 * "“abc”는", "KR-NDL-001를" is never written.
 */
export function resolveJosa(text: string): string {
  if (!text.includes('(')) return text;
  return text.replace(MARKER, (m, at: number, whole: string) => particleFor(whole.slice(0, at), MARKERS[m]));
}
