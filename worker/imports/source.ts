// Where a job reads its rows: the uploaded CSV, or for a workbook the CSV it is converted to once
// (stored next to the upload, so later deliveries stream it like any CSV). The first open sniffs
// encoding, delimiter and line breaks; every open resumes at the checkpoint's byte offset.
import { ImportFailure } from './block';
import type { ImportRow } from './imports.repo';
import type { Checkpoint } from './pipeline';
import { RecordReader } from './reader';
import { sniffText, type Delimiter } from './sniff';
import { workbookToCsv } from './xlsx';

const SNIFF_BYTES = 64 * 1024;
const missing = () => new ImportFailure('The uploaded file is missing from storage.');

export async function openSource(files: R2Bucket, imp: ImportRow, entity: string, cp: Checkpoint, delimiter?: Delimiter) {
  let at: Partial<Checkpoint> = {};
  if (!cp.source) {
    let source = imp.objectKey;
    let size = imp.bytesTotal;
    if (imp.format === 'xlsx') {
      const obj = await files.get(imp.objectKey);
      if (!obj) throw missing();
      source = `${imp.objectKey.replace(/\/[^/]*$/, '')}/converted.csv`;
      const put = await files.put(source, workbookToCsv(new Uint8Array(await obj.arrayBuffer()), entity), {
        httpMetadata: { contentType: 'text/csv; charset=utf-8' },
      });
      size = put!.size;
    }
    const head = await files.get(source, { range: { offset: 0, length: SNIFF_BYTES } });
    if (!head) throw missing();
    const bytes = new Uint8Array(await head.arrayBuffer());
    if (bytes.length === 0) throw new ImportFailure('The file is empty.');
    const { format } = sniffText(bytes, delimiter);
    at = { source, size, format, offset: format.bom, record: 0 };
  }
  const resume = { ...cp, ...at };
  const obj = await files.get(resume.source!, { range: { offset: resume.offset! } });
  if (!obj) throw missing();
  return { at, reader: new RecordReader(obj.body, resume.format!) };
}
