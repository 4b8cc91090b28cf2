// A multipart/form-data body read as a stream: small fields are kept as text, the `file` part
// goes to a sink chunk by chunk as it arrives, so an upload is never held whole in the isolate
// (formData() buffers the entire body; a 50 MB file peaked near the 128 MB limit).
import { badRequest } from '../lib/problem';

const enc = new TextEncoder();
const dec = new TextDecoder();
const MAX_HEADER = 16 * 1024;
const MAX_FIELD = 64 * 1024;

export interface FileSink {
  /** Called once with the part's file name before any bytes. */
  start(name: string): Promise<void> | void;
  write(chunk: Uint8Array): Promise<void>;
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  outer: for (let i = hay.indexOf(first, from); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const concat = (a: Uint8Array, b: Uint8Array) => {
  if (!a.length) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]).trim() : undefined;
}

/** Reads the body; returns the text fields. The part named `file` (with a filename) goes to `sink`. */
export async function readMultipartStream(body: ReadableStream<Uint8Array>, boundary: string, sink: FileSink) {
  const reader = body.getReader();
  const delimiter = enc.encode(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  let fileSeen = false;
  // A leading CRLF lets the first boundary match the same delimiter as the others.
  let buf: Uint8Array = enc.encode('\r\n');
  let done = false;
  const more = async () => {
    if (done) return false;
    const r = await reader.read();
    if (r.done) {
      done = true;
      return false;
    }
    buf = concat(buf, r.value);
    return true;
  };
  const malformed = () => badRequest('The multipart body is malformed.');

  // Preamble up to the first delimiter.
  for (;;) {
    const at = indexOf(buf, delimiter);
    if (at >= 0) {
      buf = buf.subarray(at + delimiter.length);
      break;
    }
    if (buf.length > MAX_HEADER || !(await more())) throw malformed();
  }
  for (;;) {
    while (buf.length < 2) if (!(await more())) throw malformed();
    if (buf[0] === 45 && buf[1] === 45) break; // "--": the closing delimiter
    // Part headers, up to a blank line.
    let end: number;
    while ((end = indexOf(buf, enc.encode('\r\n\r\n'))) < 0) if (buf.length > MAX_HEADER || !(await more())) throw malformed();
    const headers = dec.decode(buf.subarray(0, end));
    buf = buf.subarray(end + 4);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const isFile = name === 'file' && fileName !== undefined && !fileSeen;
    if (isFile) {
      fileSeen = true;
      await sink.start(fileName || '');
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const at = indexOf(buf, delimiter);
      // Everything but a possible partial delimiter at the end is part data.
      const safe = at >= 0 ? at : Math.max(0, buf.length - delimiter.length + 1);
      if (safe > 0) {
        const data = buf.slice(0, safe);
        if (isFile) await sink.write(data);
        else {
          size += data.length;
          if (size > MAX_FIELD) throw badRequest(`The form field "${name}" is too long.`);
          chunks.push(data);
        }
        buf = buf.subarray(safe);
      }
      if (at >= 0) {
        buf = buf.subarray(delimiter.length);
        break;
      }
      if (!(await more())) throw malformed();
    }
    if (!isFile && name) fields[name] = dec.decode(chunks.reduce(concat, new Uint8Array()));
    while (buf.length < 2) if (!(await more())) throw malformed();
    if (buf[0] === 13 && buf[1] === 10) buf = buf.subarray(2);
  }
  await reader.cancel().catch(() => undefined);
  return { fields, fileSeen };
}
