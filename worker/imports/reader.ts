// Streams CSV records out of a byte stream in blocks, never holding the whole file: papaparse's
// low-level parser with ignoreLastRow leaves a partial last record for the next read, and every
// block reports the byte offset where the next one starts, so a later delivery resumes there.
import Papa from 'papaparse';
import { byteLength, decoderFor, FileFormatError, type TextFormat } from './sniff';

/** One record longer than this is a broken file (an unbalanced quote swallowing the rest). */
export const MAX_RECORD_CHARS = 1024 * 1024;
export const MAX_COLUMNS = 500;

export interface Block {
  records: string[][];
  /** Records (by index in `records`) whose quotes papaparse found malformed. */
  quoteErrors: Set<number>;
  /** Bytes consumed by these records; the next block starts at start + bytes. */
  bytes: number;
  done: boolean;
}

interface LowLevelParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): Papa.ParseResult<string[]>;
}
const PapaParser = (Papa as unknown as { Parser: new (config: Papa.ParseConfig) => LowLevelParser }).Parser;

export class RecordReader {
  private pending = '';
  private eof = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder: TextDecoder;
  private readonly parser: LowLevelParser;

  constructor(
    stream: ReadableStream<Uint8Array>,
    private readonly format: TextFormat,
  ) {
    this.reader = stream.getReader();
    this.decoder = decoderFor(format.encoding);
    this.parser = new PapaParser({ delimiter: format.delimiter, newline: format.newline, quoteChar: '"' });
  }

  private async fill(target: number): Promise<void> {
    while (!this.eof && this.pending.length < target) {
      const { value, done } = await this.reader.read();
      try {
        if (done) {
          this.eof = true;
          this.pending += this.decoder.decode();
        } else this.pending += this.decoder.decode(value, { stream: true });
      } catch {
        throw new FileFormatError(
          `The file is not valid ${this.format.encoding} text past its beginning; choose its encoding or save it as CSV UTF-8.`,
        );
      }
    }
  }

  /** Reads about `chars` characters of complete records. */
  async next(chars: number): Promise<Block> {
    let want = chars;
    for (;;) {
      await this.fill(want);
      const r = this.parser.parse(this.pending, 0, !this.eof);
      const cursor = this.eof ? this.pending.length : r.meta.cursor;
      if (r.data.length === 0 && !this.eof) {
        if (this.pending.length > MAX_RECORD_CHARS)
          throw new FileFormatError(`A record is longer than ${MAX_RECORD_CHARS} characters; check for an unbalanced quote.`);
        want = this.pending.length + chars;
        continue;
      }
      // papaparse reports the end after a final line break as one more, empty, record.
      const last = r.data.at(-1);
      if (this.eof && last && last.length === 1 && last[0] === '' && /[\r\n]$/.test(this.pending)) r.data.pop();
      const consumed = this.pending.slice(0, cursor);
      this.pending = this.pending.slice(cursor);
      const quoteErrors = new Set(r.errors.filter((e) => e.type === 'Quotes' && e.row !== undefined).map((e) => e.row as number));
      const done = this.eof && this.pending.length === 0;
      return { records: r.data, quoteErrors, bytes: byteLength(consumed, this.format.encoding), done };
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

export { isBlank } from './layout';
