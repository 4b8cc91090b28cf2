// A workbook is a ZIP archive, and SheetJS inflates it whole. Before it may, the archive must look
// sane: ZIP magic bytes, at most MAX_COMPRESSED bytes and MAX_ENTRIES entries, only stored or
// deflated entries with safe names, and the bytes it really inflates to (counted while streaming
// through fflate, not taken from the headers, which a bomb can fake) below MAX_INFLATED.
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { isZip } from './sniff';

export const ZIP_LIMITS = {
  maxCompressed: 50 * 1024 * 1024,
  maxEntries: 200,
  // SheetJS needs ~5× the sheet XML in heap: 20 MB (≈100k order rows) parsed within a 100 MB
  // V8 heap when measured, 150k rows did not. Bigger sheets belong in CSV, which streams.
  maxInflated: 20 * 1024 * 1024,
};

export class ZipGuardError extends Error {}

const EOCD = 0x06054b50;
// Input slice per push: deflate expands at most ~1:1032, so one slice inflates to at most ~4 MB.
const SLICE = 4096;
const CENTRAL = 0x02014b50;

/** Path traversal, absolute paths, drive letters, backslashes and NULs are refused. */
export const unsafeEntryName = (name: string) =>
  name.includes('\0') || name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split('/').includes('..');

function centralDirectory(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipGuardError('The workbook is damaged: its ZIP directory is missing.');
  const entries = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || offset === 0xffffffff) throw new ZipGuardError('ZIP64 workbooks are not supported; save as a regular .xlsx.');
  if (entries > ZIP_LIMITS.maxEntries)
    throw new ZipGuardError(`The workbook has ${entries} entries; at most ${ZIP_LIMITS.maxEntries} are allowed.`);
  const names: string[] = [];
  let p = offset;
  const decoder = new TextDecoder();
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL)
      throw new ZipGuardError('The workbook is damaged: bad ZIP directory.');
    const method = view.getUint16(p + 10, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (method !== 0 && method !== 8) throw new ZipGuardError(`The workbook entry "${name}" uses an unsupported compression.`);
    if (unsafeEntryName(name)) throw new ZipGuardError(`The workbook entry "${name}" has an unsafe path.`);
    names.push(name);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Throws ZipGuardError unless the archive is safe to hand to SheetJS; returns its entry names. */
export function guardZip(bytes: Uint8Array): string[] {
  if (!isZip(bytes)) throw new ZipGuardError('This is not a valid XLSX file (no ZIP signature); upload a real .xlsx or a CSV.');
  if (bytes.length > ZIP_LIMITS.maxCompressed) throw new ZipGuardError(`The workbook is larger than ${ZIP_LIMITS.maxCompressed} bytes.`);
  const names = centralDirectory(bytes);
  let inflated = 0;
  let seen = 0;
  let failure: ZipGuardError | undefined;
  const unzip = new Unzip((file) => {
    seen++;
    if (seen > ZIP_LIMITS.maxEntries) failure ??= new ZipGuardError(`The workbook has more than ${ZIP_LIMITS.maxEntries} entries.`);
    if (unsafeEntryName(file.name)) failure ??= new ZipGuardError(`The workbook entry "${file.name}" has an unsafe path.`);
    if (failure) return file.terminate();
    file.ondata = (err, chunk) => {
      if (err) failure ??= new ZipGuardError('The workbook is damaged: an entry does not inflate.');
      inflated += chunk?.length ?? 0;
      if (inflated > ZIP_LIMITS.maxInflated)
        failure ??= new ZipGuardError(
          `The workbook inflates to more than ${ZIP_LIMITS.maxInflated} bytes (a ZIP bomb?); split it or upload CSV.`,
        );
      if (failure) file.terminate();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  // Push in slices so an oversized entry is stopped soon after it crosses the limit.
  try {
    for (let i = 0; i < bytes.length && !failure; i += SLICE) unzip.push(bytes.subarray(i, i + SLICE), i + SLICE >= bytes.length);
  } catch {
    failure ??= new ZipGuardError('The workbook is damaged: its ZIP data is invalid.');
  }
  if (failure) throw failure;
  return names;
}
