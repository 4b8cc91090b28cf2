// What kind of file this is, from its first bytes: XLSX (ZIP) or text, the text encoding, the
// delimiter and the line break. Encodings: a byte-order mark decides (UTF-8, UTF-16 LE/BE); text
// that is valid UTF-8 is UTF-8; otherwise the jschardet detector ranks the legacy code pages
// distributors' files come in, each candidate must decode without an invalid byte, and only a
// clear winner is taken. When there is none, EncodingUnsure carries the candidates with a decoded
// sample so the preview can let the user choose (the `encoding` option). Decoding is workerd's
// TextDecoder, which knows every label here (checked by the tests inside workerd).
import { koreanOrChinese } from './cjk-stats';

// jschardet (1.2 M characters of source and its frequency tables) is needed only for a text file
// that is not UTF-8: it is evaluated on that first use, not when an isolate starts, so the API's
// other requests neither pay its start-up nor keep its tables (docs/actions.md § Benchmark).
type Detector = typeof import('jschardet');
let detector: Promise<Detector> | undefined;
const loadDetector = (): Promise<Detector> =>
  (detector ??= import('jschardet').then((m) => (m as unknown as { default?: Detector }).default ?? m));

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'euc-kr', 'shift_jis', 'gb18030'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export type Delimiter = ',' | ';' | '\t';

export interface TextFormat {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip at the start. */
  bom: number;
  delimiter: Delimiter;
  newline: '\n' | '\r\n' | '\r';
}

export interface EncodingCandidate {
  encoding: Encoding;
  /** The detector's score, 0..1 (relative: compare candidates, not files). */
  confidence: number;
  /** The first lines with non-ASCII text, decoded with this encoding. */
  sample: string;
}

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const isZip = (b: Uint8Array) => ZIP_MAGIC.every((x, i) => b[i] === x);
export const looksLikeSpreadsheetName = (name: string) => /\.(xlsx|xlsm|xls|ods)$/i.test(name);

export class FileFormatError extends Error {}

/** The text is in a legacy code page the detector could not single out. */
export class EncodingUnsure extends FileFormatError {
  constructor(readonly candidates: EncodingCandidate[]) {
    super(
      candidates.length
        ? `The file is not UTF-8 and its encoding cannot be told for sure (maybe ${candidates.map((c) => c.encoding).join(', ')}); choose the encoding option, or save the file as CSV UTF-8.`
        : 'The file is not UTF-8 and no supported encoding reads it; save it as CSV UTF-8.',
    );
  }
}

/** A user's spelling of an encoding (cp949, Shift-JIS, latin1 …) → the supported name, if any. */
export function canonicalEncoding(label: string): Encoding | undefined {
  const l = label.trim().toLowerCase();
  if (l === 'cp949' || l === 'uhc' || l === 'ks_c_5601-1987') return 'euc-kr';
  if (l === 'cp932' || l === 'sjis' || l === 'shift-jis') return 'shift_jis';
  if (l === 'gbk' || l === 'gb2312' || l === 'cp936') return 'gb18030';
  try {
    const name = new TextDecoder(l).encoding as Encoding;
    return ENCODINGS.includes(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

// jschardet's names for what the supported encodings decode (supersets included: UHC ⊃ EUC-KR,
// GB18030 ⊃ GBK ⊃ GB2312, CP932 ≈ Shift_JIS, Windows-1252 ⊃ ISO-8859-1 printable range).
const DETECTED: Record<string, Encoding> = {
  cp949: 'euc-kr',
  'euc-kr': 'euc-kr',
  shift_jis: 'shift_jis',
  cp932: 'shift_jis',
  gb18030: 'gb18030',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'windows-1252': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-15': 'windows-1252',
};
const LEGACY: Encoding[] = ['windows-1252', 'euc-kr', 'shift_jis', 'gb18030'];
const DETECT_BYTES = 64 * 1024;
/** The winner's score must be this many times the runner-up's … */
const MARGIN = 1.8;
/** … and be drawn from at least this many non-ASCII bytes (a word or two tells nothing for sure),
 * unless the detector finds no support at all for any other candidate. */
const MIN_EVIDENCE = 16;

/**
 * The bytes an encoding can be told from: the whole lines of `head` that hold a non-ASCII byte, up
 * to DETECT_BYTES of them. A file's first 64 KB may be all ASCII (codes, numbers, English names)
 * with its Korean or Chinese names further down; ASCII lines tell nothing and only dilute the
 * detector's statistics. A line cut by the end of `head` is left out (its last character may be cut).
 */
export function evidenceLines(head: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.min(head.length, DETECT_BYTES));
  let n = 0;
  let start = 0;
  let high = false;
  for (let i = 0; i < head.length && n < out.length; i++) {
    const b = head[i];
    if (b >= 0x80) high = true;
    else if (b === 0x0a) {
      if (high) {
        const line = head.subarray(start, Math.min(i + 1, start + out.length - n));
        out.set(line, n);
        n += line.length;
      }
      start = i + 1;
      high = false;
    }
  }
  // No complete line (one long record, or no newline at all): the head as it is.
  return n > 0 ? out.subarray(0, n) : head.subarray(0, DETECT_BYTES);
}

function decodesCleanly(bytes: Uint8Array, encoding: Encoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
  } catch {
    return undefined;
  }
}

function sampleOf(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => /[^\x00-\x7f]/.test(l));
  return lines.slice(0, 3).join('\n').slice(0, 300);
}

/** UTF-16 without a byte-order mark shows as a NUL in every other byte. */
function utf16Without(head: Uint8Array): Encoding | undefined {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.6 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.6 && odd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

// A safety check on the detector's statistics (which short or unusual text can fool): text read
// with the wrong code page comes out in the wrong script — Korean bytes read as Shift-JIS give
// half-width katakana mixed with kanji, any CJK bytes read as Windows-1252 give runs of accented
// symbols. A candidate whose decoded text is mostly outside its own script is not offered.
const SCRIPT: Partial<Record<Encoding, RegExp>> = {
  'euc-kr': /[\uac00-\ud7a3\u3130-\u318f\u1100-\u11ff]/u,
  shift_jis: /[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e\u2010-\u2312\u25a0-\u266f]/u,
  gb18030: /[\u3000-\u303f\u4e00-\u9fff\u3400-\u4dbf\uff00-\uff5e\u2010-\u2312]/u,
};

/** Share of double-byte pairs in the Wansung (KS X 1001) range, where Korean text lives; the rest is UHC's rarely used extension. */
function wansungShare(bytes: Uint8Array): number {
  let all = 0;
  let core = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] < 0x80) continue;
    all++;
    if (bytes[i] >= 0xa1 && bytes[i + 1] >= 0xa1) core++;
    i++;
  }
  return all ? core / all : 1;
}

function plausible(text: string, encoding: Encoding, bytes: Uint8Array): boolean {
  const high = [...text].filter((c) => c.charCodeAt(0) >= 0x80);
  if (high.length === 0) return true;
  if (encoding === 'euc-kr' && wansungShare(bytes) < 0.8) return false;
  const script = SCRIPT[encoding];
  if (script) return high.filter((c) => script.test(c)).length >= high.length * 0.8;
  // Windows-1252: accented letters sit inside words; three or more non-ASCII characters in a row
  // are rare in Latin-script text and the rule in double-byte text read one byte at a time.
  const inRuns = (text.match(/[^\x00-\x7f]{3,}/g) ?? []).reduce((n, r) => n + r.length, 0);
  return inRuns <= high.length * 0.3;
}

/** Beyond this the detector's own Korean-or-Chinese preference counts no more (ln 20, nats). */
const DETECTOR_SAY = Math.log(20);
/** Odds (as ln) the evidence must reach to read text as Chinese rather than Korean: 100 to 1 … */
const SURE_CHINESE = Math.log(100);
/** … and as Korean rather than Chinese: Chinese read as Korean was the costlier error in practice
 * (product names made of everyday Hanzi carry less evidence than Hangul names do), so more. */
const SURE_KOREAN = Math.log(2000);

interface Ranked {
  candidates: EncodingCandidate[];
  /** When CP949 and GB18030 both read the bytes: the evidence for Chinese over Korean, in nats. */
  koreanOrChinese?: number;
}

/**
 * Ranks the legacy code pages that decode these bytes cleanly (in a plausible script), best first.
 * Scores are jschardet's; when both CP949 and GB18030 read the bytes, their two scores are
 * re-split by the combined evidence — the detector's ratio (at most DETECTOR_SAY) plus the
 * character statistics of the two readings (cjk-stats.ts) — so the order follows the evidence.
 */
async function rank(head: Uint8Array): Promise<Ranked> {
  const bytes = evidenceLines(head);
  const scores = new Map<Encoding, number>();
  const jschardet = await loadDetector();
  for (const r of jschardet.detectAll(bytes, { minimumThreshold: 0 })) {
    const e = DETECTED[(r.encoding ?? '').toLowerCase()];
    if (e && r.confidence > (scores.get(e) ?? -1)) scores.set(e, r.confidence);
  }
  const texts = new Map<Encoding, string>();
  const out: EncodingCandidate[] = [];
  for (const encoding of LEGACY) {
    const text = decodesCleanly(bytes, encoding);
    if (text !== undefined && plausible(text, encoding, bytes)) {
      texts.set(encoding, text);
      out.push({ encoding, confidence: scores.get(encoding) ?? 0, sample: sampleOf(text) });
    }
  }
  const ko = out.find((c) => c.encoding === 'euc-kr');
  const zh = out.find((c) => c.encoding === 'gb18030');
  let evidence: number | undefined;
  if (ko && zh) {
    const eps = 1e-3;
    const detector = Math.max(-DETECTOR_SAY, Math.min(DETECTOR_SAY, Math.log((zh.confidence + eps) / (ko.confidence + eps))));
    evidence = detector + koreanOrChinese(texts.get('euc-kr')!, texts.get('gb18030')!).llr;
    const pZh = 1 / (1 + Math.exp(-evidence));
    const mass = ko.confidence + zh.confidence;
    zh.confidence = mass * pZh;
    ko.confidence = mass * (1 - pZh);
  }
  for (const c of out) c.confidence = Math.round(c.confidence * 1e4) / 1e4;
  return { candidates: out.sort((a, b) => b.confidence - a.confidence), koreanOrChinese: evidence };
}

/** Ranks the legacy code pages that decode these bytes cleanly (in a plausible script), best first. */
export async function encodingCandidates(head: Uint8Array): Promise<EncodingCandidate[]> {
  return (await rank(head)).candidates;
}

export interface EncodingGuess {
  encoding: Encoding;
  bom: number;
  /** For legacy code pages: the ranked candidates the choice was made from. */
  candidates?: EncodingCandidate[];
}

/** The file's encoding; throws EncodingUnsure when a legacy code page cannot be singled out. */
export async function encodingOf(head: Uint8Array, explicit?: Encoding): Promise<EncodingGuess> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (explicit) return { encoding: explicit, bom: 0 };
  const sample = head.subarray(0, Math.min(head.length, 8192));
  if (sample.includes(0)) {
    const u16 = utf16Without(head);
    if (u16) return { encoding: u16, bom: 0 };
    throw new FileFormatError('This is not a text file (it contains binary data); upload CSV or XLSX.');
  }
  // Cut at a character boundary so a sequence split by the sample end does not count as invalid.
  let end = head.length;
  while (end > 0 && end > head.length - 4 && (head[end - 1] & 0xc0) === 0x80) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  if (decodesCleanly(head.subarray(0, end), 'utf-8') !== undefined) return { encoding: 'utf-8', bom: 0 };
  const lines = evidenceLines(head);
  const { candidates, koreanOrChinese: cjk } = await rank(head);
  const [best] = candidates;
  let next = candidates[1];
  // Korean and Chinese double-byte text share their byte ranges: between those two the combined
  // evidence decides, and only at long odds; short text stays unsure and the user is asked.
  if (best && cjk !== undefined && (best.encoding === 'euc-kr' || best.encoding === 'gb18030')) {
    const chinese = best.encoding === 'gb18030';
    if (chinese ? cjk < SURE_CHINESE : cjk > -SURE_KOREAN) throw new EncodingUnsure(candidates);
    // The other of the two is ruled out; any further reading is weighed as usual.
    next = candidates.filter((c) => c.encoding !== (chinese ? 'euc-kr' : 'gb18030'))[1];
  }
  let evidence = 0;
  for (let i = 0; i < lines.length && evidence < MIN_EVIDENCE; i++) if (lines[i] >= 0x80) evidence++;
  const sure =
    best &&
    (!next || (best.confidence > 0 && next.confidence === 0) || (evidence >= MIN_EVIDENCE && best.confidence >= next.confidence * MARGIN));
  if (sure) return { encoding: best.encoding, bom: 0, candidates };
  throw new EncodingUnsure(candidates);
}

/** Counts candidate delimiters in the first record outside quotes; the most frequent wins. */
export function delimiterOf(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0];
  return counts[best] > 0 ? best : ',';
}

/** The delimiter of the lines that look like a table: the most frequent one over the first lines. */
function tableDelimiterOf(text: string): Delimiter {
  // Title lines above a header ("Inventory on hand by lot") have no delimiter; look past them.
  const lines = text.slice(0, 65536).split(/\r\n|\n|\r/, 40);
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  for (const line of lines) {
    const d = delimiterOf(line);
    const n = line.split(d).length - 1;
    if (n > 0) counts[d] += n;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0];
  return counts[best] > 0 ? best : ',';
}

function newlineOf(text: string): TextFormat['newline'] {
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf >= 0) return '\n';
  return text.includes('\r') ? '\r' : '\n';
}

export function decoderFor(encoding: Encoding) {
  // Strict: a replacement character would store garbled text (and shift UTF-8 byte offsets).
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
}

export interface SniffOptions {
  delimiter?: Delimiter;
  encoding?: Encoding;
}

/** Sniffs the text format from the first bytes; options override the guesses. */
export async function sniffText(
  head: Uint8Array,
  options: SniffOptions = {},
): Promise<{ format: TextFormat; text: string; candidates?: EncodingCandidate[] }> {
  const { encoding, bom, candidates } = await encodingOf(head, options.encoding);
  let text: string;
  try {
    text = decoderFor(encoding).decode(head.subarray(bom), { stream: true });
  } catch {
    throw new FileFormatError(
      encoding === 'utf-8'
        ? 'The file is not valid UTF-8 text; save it as CSV UTF-8.'
        : `The file has bytes that are not valid ${encoding} text; choose another encoding or save it as CSV UTF-8.`,
    );
  }
  if (encoding !== 'utf-8' && /[\u0000-\u0008\u000e-\u001a]/.test(text.slice(0, 8192)))
    throw new FileFormatError('This is not a text file (it contains binary data); upload CSV or XLSX.');
  return {
    format: { encoding, bom, delimiter: options.delimiter ?? tableDelimiterOf(text), newline: newlineOf(text) },
    text,
    candidates,
  };
}

/** Bytes the text occupies in UTF-8 (every other encoding is converted to UTF-8 before parsing). */
export function byteLength(text: string, encoding: Encoding): number {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return text.length * 2;
  if (encoding === 'windows-1252') return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
