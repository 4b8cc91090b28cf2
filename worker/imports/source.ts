// Where a job reads its rows. A UTF-8 CSV is read where it was uploaded. Everything else is
// converted once to UTF-8 CSV stored next to the upload (so later deliveries stream it like any
// CSV and resume at byte offsets): a workbook's chosen sheet (xlsx.ts), and text in any other
// encoding, decoded strictly (a byte that is not valid text fails the import: nothing garbled is
// stored) in two streaming passes — one to learn the UTF-8 length R2 needs, one to write.
import { ImportFailure } from './block';
import type { EntityDef } from './entities';
import type { ImportRow } from './imports.repo';
import type { ReadOptions } from './options';
import type { Checkpoint } from './pipeline';
import { RecordReader } from './reader';
import { decoderFor, FileFormatError, sniffText, type Encoding, type TextFormat } from './sniff';
import { workbookToCsv } from './xlsx';

const SNIFF_BYTES = 64 * 1024;
const missing = () => new ImportFailure('The uploaded file is missing from storage.');

/** The object's text re-encoded as UTF-8, chunk by chunk. */
function utf8Stream(body: ReadableStream<Uint8Array>, format: TextFormat): ReadableStream<Uint8Array> {
  const decoder = decoderFor(format.encoding);
  const encoder = new TextEncoder();
  let skip = format.bom;
  const invalid = () =>
    new FileFormatError(`The file has bytes that are not valid ${format.encoding} text; choose its encoding or save it as CSV UTF-8.`);
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (skip) {
          const n = Math.min(skip, chunk.length);
          chunk = chunk.subarray(n);
          skip -= n;
        }
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          throw invalid();
        }
        if (text) controller.enqueue(encoder.encode(text));
      },
      flush(controller) {
        let text: string;
        try {
          text = decoder.decode();
        } catch {
          throw invalid();
        }
        if (text) controller.enqueue(encoder.encode(text));
      },
    }),
  );
}

async function convertText(files: R2Bucket, from: string, to: string, format: TextFormat): Promise<number> {
  const first = await files.get(from);
  if (!first) throw missing();
  let length = 0;
  const reader = utf8Stream(first.body, format).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    length += value.length;
  }
  const second = await files.get(from);
  if (!second) throw missing();
  const put = await files.put(to, utf8Stream(second.body, format).pipeThrough(new FixedLengthStream(length)), {
    httpMetadata: { contentType: 'text/csv; charset=utf-8' },
  });
  return put!.size;
}

async function sniffObject(files: R2Bucket, key: string, o: { delimiter?: TextFormat['delimiter']; encoding?: Encoding }) {
  const head = await files.get(key, { range: { offset: 0, length: SNIFF_BYTES } });
  if (!head) throw missing();
  const bytes = new Uint8Array(await head.arrayBuffer());
  if (bytes.length === 0) throw new ImportFailure('The file is empty.');
  return (await sniffText(bytes, o)).format;
}

export async function openSource(files: R2Bucket, imp: ImportRow, entity: EntityDef, cp: Checkpoint, options: ReadOptions) {
  let at: Partial<Checkpoint> = {};
  if (!cp.source) {
    let source = imp.objectKey;
    let size = imp.bytesTotal;
    const converted = `${imp.objectKey.replace(/\/[^/]*$/, '')}/converted.csv`;
    if (imp.format === 'xlsx') {
      const obj = await files.get(imp.objectKey);
      if (!obj) throw missing();
      source = converted;
      const put = await files.put(source, await workbookToCsv(new Uint8Array(await obj.arrayBuffer()), entity, options), {
        httpMetadata: { contentType: 'text/csv; charset=utf-8' },
      });
      size = put!.size;
    } else {
      const original = await sniffObject(files, source, { encoding: options.encoding, delimiter: options.delimiter });
      if (original.encoding !== 'utf-8') {
        size = await convertText(files, source, converted, original);
        source = converted;
      }
    }
    const format = await sniffObject(files, source, { encoding: 'utf-8', delimiter: options.delimiter });
    at = { source, size, format, offset: format.bom, record: 0 };
  }
  const resume = { ...cp, ...at };
  const obj = await files.get(resume.source!, { range: { offset: resume.offset! } });
  if (!obj) throw missing();
  return { at, reader: new RecordReader(obj.body, resume.format!) };
}
