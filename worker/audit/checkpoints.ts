// Signed checkpoints of the audit chain, kept in R2 outside the tenant object: sequence, head
// hash, time and the entry hashes since the previous checkpoint, signed with HMAC-SHA256. Verify
// holds the chain against every one of them, so truncating the chain or rewriting it wholesale
// (recomputing every hash) is found, not only an edited entry. Keys are never overwritten
// (append-only prefix; in production also an R2 bucket lock rule on the prefix).
import type { Env } from '../lib/env';
import { tenantObject } from '../lib/audit';
import { canonicalJson, type CheckpointClaim, type VerifyResult } from '../durable-objects/tenant-object';
import { toHex } from '../lib/hash';

export const CHECKPOINT_PREFIX = 'audit-checkpoints/';
// Past this many entries since the previous checkpoint only the head is signed (the object stays small).
const MAX_HASHES = 20_000;

export interface Checkpoint extends CheckpointClaim {
  tenantId: string;
  at: string;
  alg: 'HMAC-SHA256';
  signature: string;
}

const keyName = (tenantId: string, seq: number) => `${CHECKPOINT_PREFIX}${tenantId}/${String(seq).padStart(12, '0')}.json`;

/** AUDIT_CHECKPOINT_KEY (a secret); without it a key derived from JWT_SECRET, so a fresh clone works. */
async function signingKey(env: Env): Promise<CryptoKey> {
  let raw = env.AUDIT_CHECKPOINT_KEY;
  if (!raw) {
    const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(env.JWT_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    raw = toHex(await crypto.subtle.sign('HMAC', base, new TextEncoder().encode('lotwise audit checkpoint key v1')));
  }
  return crypto.subtle.importKey('raw', new TextEncoder().encode(raw), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

const signedPart = ({ signature: _s, ...rest }: Checkpoint) => canonicalJson(rest);

async function sign(env: Env, c: Omit<Checkpoint, 'signature'>): Promise<Checkpoint> {
  const body = { ...c, signature: '' };
  const mac = await crypto.subtle.sign('HMAC', await signingKey(env), new TextEncoder().encode(signedPart(body)));
  return { ...c, signature: toHex(mac) };
}

async function signatureValid(env: Env, c: Checkpoint): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(c.signature ?? '')) return false;
  const bytes = new Uint8Array(c.signature.match(/../g)!.map((h) => parseInt(h, 16)));
  return crypto.subtle.verify('HMAC', await signingKey(env), bytes, new TextEncoder().encode(signedPart(c)));
}

async function keys(env: Env, tenantId: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.FILES.list({ prefix: `${CHECKPOINT_PREFIX}${tenantId}/`, cursor });
    out.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return out.sort();
}

export async function listCheckpoints(env: Env, tenantId: string): Promise<(Checkpoint & { key: string; valid: boolean })[]> {
  const out = [];
  for (const key of await keys(env, tenantId)) {
    const obj = await env.FILES.get(key);
    if (!obj) continue;
    let c: Checkpoint;
    try {
      c = JSON.parse(await obj.text()) as Checkpoint;
    } catch {
      out.push({ key, valid: false, seq: 0, head: '', tenantId, at: '', alg: 'HMAC-SHA256' as const, signature: '' });
      continue;
    }
    out.push({ ...c, key, valid: c.tenantId === tenantId && (await signatureValid(env, c)) });
  }
  return out;
}

/** Signs the current head (and the hashes since the last checkpoint) and writes it once. */
export async function writeCheckpoint(env: Env, tenantId: string, now = new Date()): Promise<Checkpoint | null> {
  const stub = tenantObject(env, tenantId);
  const head = await stub.head();
  if (head.seq === 0) return null;
  const existing = await keys(env, tenantId);
  const lastSeq = existing.length ? Number(/(\d+)\.json$/.exec(existing[existing.length - 1])?.[1] ?? 0) : 0;
  if (lastSeq >= head.seq) return null;
  const fromSeq = lastSeq + 1;
  const hashes = head.seq - lastSeq <= MAX_HASHES ? await stub.hashes(fromSeq, head.seq) : undefined;
  const cp = await sign(env, {
    tenantId,
    seq: head.seq,
    head: head.hash,
    at: now.toISOString(),
    alg: 'HMAC-SHA256',
    ...(hashes ? { fromSeq, hashes } : {}),
  });
  const key = keyName(tenantId, cp.seq);
  // Never overwrite: a second writer for the same sequence keeps the first object.
  if (await env.FILES.head(key)) return null;
  await env.FILES.put(key, JSON.stringify(cp), { httpMetadata: { contentType: 'application/json' } });
  return cp;
}

/** The chain recomputed and held against every signed checkpoint. */
export async function verifyAudit(env: Env, tenantId: string): Promise<VerifyResult> {
  const cps = await listCheckpoints(env, tenantId);
  const forged = cps.find((c) => !c.valid);
  const claims = cps.filter((c) => c.valid).map(({ seq, head, fromSeq, hashes }) => ({ seq, head, fromSeq, hashes }));
  const result = await tenantObject(env, tenantId).verify(claims);
  if (result.ok && forged)
    return { ok: false, length: result.length, firstBadSeq: forged.seq, reason: `checkpoint ${forged.key} has no valid signature` };
  return result;
}
