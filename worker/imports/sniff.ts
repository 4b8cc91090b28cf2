// What kind of file this is, from its first bytes: XLSX (ZIP) or text, the text encoding (BOM,
// valid UTF-8, else Windows-1252 as Excel writes), the delimiter and the line break.

export type Encoding = 'utf-8' | 'utf-16le' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t';

export interface TextFormat {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip at the start. */
  bom: number;
  delimiter: Delimiter;
  newline: '\n' | '\r\n' | '\r';
}

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const isZip = (b: Uint8Array) => ZIP_MAGIC.every((x, i) => b[i] === x);
export const looksLikeSpreadsheetName = (name: string) => /\.(xlsx|xlsm|xls|ods)$/i.test(name);

export class FileFormatError extends Error {}

function encodingOf(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff)
    throw new FileFormatError('UTF-16 big-endian text is not supported; save the file as UTF-8 CSV.');
  const sample = head.subarray(0, Math.min(head.length, 8192));
  if (sample.includes(0)) throw new FileFormatError('This is not a text file (it contains binary data); upload CSV or XLSX.');
  // Cut at a character boundary so a sequence split by the sample end does not count as invalid.
  let end = head.length;
  while (end > 0 && end > head.length - 4 && (head[end - 1] & 0xc0) === 0x80) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(head.subarray(0, end));
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/** Counts candidate delimiters in the first record outside quotes; the most frequent wins. */
function delimiterOf(text: string): Delimiter {
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

function newlineOf(text: string): TextFormat['newline'] {
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf >= 0) return '\n';
  return text.includes('\r') ? '\r' : '\n';
}

export function decoderFor(encoding: Encoding) {
  // UTF-8 must be strict: a replacement character would shift the byte offsets we resume from.
  return new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: true });
}

/** Sniffs the text format from the first bytes; `delimiter` overrides the guess. */
export function sniffText(head: Uint8Array, delimiter?: Delimiter): { format: TextFormat; text: string } {
  const { encoding, bom } = encodingOf(head);
  let text: string;
  try {
    text = decoderFor(encoding).decode(head.subarray(bom), { stream: true });
  } catch {
    throw new FileFormatError('The file is not valid UTF-8 text; save it as CSV UTF-8.');
  }
  if (encoding !== 'utf-8' && /[\u0000-\u0008\u000e-\u001a]/.test(text.slice(0, 8192)))
    throw new FileFormatError('This is not a text file (it contains binary data); upload CSV or XLSX.');
  return { format: { encoding, bom, delimiter: delimiter ?? delimiterOf(text), newline: newlineOf(text) }, text };
}

/** Bytes the text occupies in the file's encoding, so the parser can resume at a byte offset. */
export function byteLength(text: string, encoding: Encoding): number {
  if (encoding === 'windows-1252') return text.length;
  if (encoding === 'utf-16le') return text.length * 2;
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
