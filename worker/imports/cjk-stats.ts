// Korean or Chinese? CP949/EUC-KR and GB18030 share their double-byte range, so the same bytes are
// valid text in both, and a short name ("牛肉面 米粉 老干妈") gives the bigram detector too little to
// go on — it read that one as Korean ("큇흄충 쵠뢴 일맴쮜"). Read each way, the bytes become
// characters of very different frequency: real Korean text is made of common syllables and reads
// as uncommon Hanzi; real Chinese text reads as rare, odd syllables. A unigram model per language
// turns that into a log-likelihood ratio (a naive Bayes classifier over characters).
import { CHINESE_WEIGHTS, KOREAN_WEIGHTS } from './cjk-frequency';

interface Model {
  /** ln P(character) for the characters the language's model knows. */
  logp: Map<string, number>;
  /** ln P for a character it gives weight 0 (half a unit of weight: additive smoothing). */
  unseen: number;
}

function model(weights: Record<number, string>): Model {
  let total = 0;
  for (const [w, chars] of Object.entries(weights)) total += Number(w) * [...chars].length;
  const logp = new Map<string, number>();
  for (const [w, chars] of Object.entries(weights)) for (const c of chars) logp.set(c, Math.log((Number(w) + SMOOTHING) / total));
  return { logp, unseen: Math.log(SMOOTHING / total) };
}

const SMOOTHING = 0.5;
/**
 * A single character moves the ratio by at most this much (nats). The models were learned from
 * general text, product names are not (a food word may be rare in news), and the weights are
 * coarse at the low end (many everyday Hanzi have weight 1): one character must not decide alone.
 */
const PER_CHAR = 2.5;

let models: { ko: Model; zh: Model } | undefined;
const loaded = () => (models ??= { ko: model(KOREAN_WEIGHTS), zh: model(CHINESE_WEIGHTS) });

export interface KoreanOrChinese {
  /** ln P(text | Chinese, GB18030) − ln P(text | Korean, CP949), each character's share clipped to ±PER_CHAR. */
  llr: number;
  /** Double-byte characters compared. */
  chars: number;
}

/**
 * Compares the two readings of the same bytes: `korean` decoded as CP949, `chinese` as GB18030
 * (both must have decoded without an invalid byte, so their non-ASCII characters pair up one to
 * one). Positive `llr` favours Chinese, negative Korean; |llr| ≥ ln 100 ≈ 4.6 is 100-to-1 odds.
 */
export function koreanOrChinese(korean: string, chinese: string): KoreanOrChinese {
  const { ko, zh } = loaded();
  const k = [...korean].filter((c) => c.charCodeAt(0) >= 0x80);
  const z = [...chinese].filter((c) => c.charCodeAt(0) >= 0x80);
  const n = Math.min(k.length, z.length);
  let llr = 0;
  for (let i = 0; i < n; i++) {
    const d = (zh.logp.get(z[i]) ?? zh.unseen) - (ko.logp.get(k[i]) ?? ko.unseen);
    llr += Math.max(-PER_CHAR, Math.min(PER_CHAR, d));
  }
  return { llr, chars: n };
}
