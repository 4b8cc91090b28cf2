// The one hex encoding and SHA-256 digest of the Worker (Web Crypto; the Node scripts use
// node:crypto, which gives the same hex).

/** Lower-case hex of the bytes, two digits each. */
export const toHex = (bytes: ArrayBuffer | Uint8Array): string =>
  [...(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The SHA-256 digest (FIPS 180-4) of the bytes, or of a string's UTF-8 encoding. */
export async function sha256(data: ArrayBuffer | Uint8Array | string): Promise<Uint8Array> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as ArrayBuffer));
}

/** The SHA-256 digest as 64 lower-case hex digits (import file identity, idempotency request hash). */
export const sha256Hex = async (data: ArrayBuffer | Uint8Array | string): Promise<string> => toHex(await sha256(data));
