// PBKDF2-SHA256 via WebCrypto. Workers cap PBKDF2 at 100,000 iterations, which is also our floor.
const ITERATIONS = 100_000;
const enc = new TextEncoder();

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** Format: pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${ITERATIONS}$${b64(salt)}$${b64(await derive(password, salt, ITERATIONS))}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$') ?? [];
  // Spend the same work on unknown users so response time does not reveal which emails exist.
  const [scheme, iter, salt, hash] = parts.length === 4 ? parts : ['pbkdf2-sha256', String(ITERATIONS), b64(new Uint8Array(16)), ''];
  if (scheme !== 'pbkdf2-sha256') return false;
  const actual = await derive(password, unb64(salt), Number(iter));
  const expected = hash ? unb64(hash) : new Uint8Array(32).fill(1);
  if (actual.length !== expected.length) return false;
  let diff = parts.length === 4 ? 0 : 1;
  for (let i = 0; i < actual.length; i++) diff |= actual[i] ^ expected[i];
  return diff === 0;
}
