// Korean particles (josa) after a word the text does not know in advance — a SKU, a date, a label, a
// quoted value. Korean picks 을/를, 이/가, 은/는, 과/와, (으)로 by the sound the word ends in, so a
// sentence that glues "을(를)" after a placeholder reads as a form, not as Korean. The one place that
// chooses: the API's Korean sentences call `josa`, the web app's catalog keeps "{sku}을(를)" and its
// translator resolves it with `resolveJosa` (app/i18n/t.ts). Pure: the web app may import it
// (eslint.boundaries.js).

import { getJongseong, hasBatchim, josa as hangulJosa, numberToHangul } from 'es-hangul';

/** Korean particle pairs: the form after a final consonant, then the form after a vowel. */
export type Particle = '을/를' | '이/가' | '은/는' | '과/와' | '으로/로' | '이라/라' | '이어야/여야';

// Latin letters read one by one (codes, acronyms: SKU, NJ-M, BBQ-L) by their Korean names: the
// syllable their name ends in (L 엘, M 엠, N 엔, R 알 end in a consonant; the others in a vowel).
const LETTER_NAME: Record<string, string> = { l: '엘', m: '엠', n: '엔', r: '알' };

/**
 * The Hangul syllable `text` ends in when read aloud. A parenthesis after the word ("KR-NDL-001
 * (Shin Ramyun)", "유통기한(일)") and quotes or punctuation at its end are skipped: the particle
 * follows the word before them. A Hangul syllable is itself; a digit is read in Sino-Korean
 * (es-hangul's numberToHangul: 1 일, 2 이, 0 영); a code or acronym (ending in a capital, or one
 * letter) by the letters' names; an English word (two lowercase letters or more) as it is
 * pronounced: -m, -n, -ng, -l, -le end in a consonant ("item" 아이템, "sample" 샘플), most others
 * in a vowel ("import" 임포트, "order" 오더). "%" reads 퍼센트. '' when nothing is left.
 */
export function lastSyllable(text: string): string {
  let bare = text;
  for (let before = ''; before !== bare;) {
    before = bare;
    bare = bare.replace(/\s*\([^()]*\)\s*$/, '').replace(/[^\p{L}\p{N}%()]+$/u, '');
  }
  const last = bare.slice(-1);
  if (!last) return '';
  if (/[\uAC00-\uD7A3]/.test(last)) return last;
  if (last === '%') return '트';
  if (/\d/.test(last)) return numberToHangul(Number(last)).slice(-1);
  const word = /[a-z]{2,}$/.exec(bare)?.[0];
  if (word) return /(le|l)$/.test(word) ? '플' : /(m|n|ng)$/.test(word) ? '템' : '트';
  return LETTER_NAME[last.toLowerCase()] ?? '이';
}

/** How a word ends when read aloud: in a final consonant (batchim), and whether that consonant is ㄹ. */
export function ending(text: string): { consonant: boolean; rieul: boolean } {
  const s = lastSyllable(text);
  return { consonant: !!s && hasBatchim(s), rieul: !!s && hasBatchim(s) && getJongseong(s) === 'ㄹ' };
}

/** The particle of `pair` that follows `word` (without the word): es-hangul's choice after the syllable it ends in. */
export function particleFor(word: string, pair: Particle): string {
  const s = lastSyllable(word);
  // Nothing to read (an empty value): the form after a vowel, as a bare particle reads.
  if (!s) return pair.split('/')[1];
  // es-hangul writes the comitative after-vowel first ('와/과'); the copula forms follow the plain batchim rule.
  if (pair === '과/와') return hangulJosa.pick(s, '와/과');
  if (pair === '이라/라' || pair === '이어야/여야') {
    const [afterConsonant, afterVowel] = pair.split('/');
    return hasBatchim(s) ? afterConsonant : afterVowel;
  }
  return hangulJosa.pick(s, pair);
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
