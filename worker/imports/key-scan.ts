// The preview's key rules over every row of a file, in memory that stays small however long the
// file: repeated keys (the import refuses a row whose key an earlier row has, staged-sql.ts
// `duplicateKeys`) and near-duplicates (a key another row or a stored record spells differently
// only by letter case or spaces, near-duplicates.ts). A key is remembered as a 64-bit fingerprint
// of its comparison form in typed arrays (16 bytes a slot), not as strings: a 50 MB file of short
// rows stays within tens of MB. Two different keys share a fingerprint with odds of about n²/2⁶⁵
// (n keys: 10⁻⁸ for a million), so a repeat is read from the fingerprint alone. A near-duplicate
// names the earlier row's spelling, which the table does not keep: the preview reads those rows
// again (at most PREVIEW_NEAR_DUPLICATES of them) once the file is judged.
import { keyFold, type KeyIndex } from '../lib/keys';
import type { FieldError } from '../lib/problem';
import type { EntityDef } from './entities';
import { sameAsStoredMessage, sameInFileMessage, type NearDuplicate } from './near-duplicates';
import { duplicateKeyMessage } from './staged-sql';

/** Two 32-bit hashes of a string (FNV-1a and a multiply-xorshift of the same characters). */
function fingerprint(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a | 0, (b ^ s.length) | 0];
}

/**
 * Keys seen, by fingerprint: open addressing with linear probing over typed arrays; each slot the
 * key's first row (0: empty; data rows start at 2) and a hash of its spelling.
 */
class KeyTable {
  private a = new Int32Array(1024);
  private b = new Int32Array(1024);
  private rows = new Int32Array(1024);
  private spell = new Int32Array(1024);
  private size = 0;

  /** The slot of a key seen before; otherwise the key is recorded with `row` and `spelling` and -1 returned. */
  find(key: string, row: number, spelling: number): number {
    const [a, b] = fingerprint(key);
    const mask = this.rows.length - 1;
    let i = (a ^ Math.imul(b, 0x27d4eb2d)) & mask;
    while (this.rows[i] !== 0) {
      if (this.a[i] === a && this.b[i] === b) return i;
      i = (i + 1) & mask;
    }
    this.a[i] = a;
    this.b[i] = b;
    this.rows[i] = row;
    this.spell[i] = spelling;
    if (++this.size * 4 > this.rows.length * 3) this.grow();
    return -1;
  }

  firstRow = (slot: number) => this.rows[slot];
  spelling = (slot: number) => this.spell[slot];

  private grow() {
    const [a, b, rows, spell] = [this.a, this.b, this.rows, this.spell];
    const n = rows.length * 2;
    [this.a, this.b, this.rows, this.spell] = [new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n)];
    const mask = n - 1;
    for (let j = 0; j < rows.length; j++) {
      if (rows[j] === 0) continue;
      let i = (a[j] ^ Math.imul(b[j], 0x27d4eb2d)) & mask;
      while (this.rows[i] !== 0) i = (i + 1) & mask;
      [this.a[i], this.b[i], this.rows[i], this.spell[i]] = [a[j], b[j], rows[j], spell[j]];
    }
  }
}

const spellingHash = (s: string) => fingerprint(s)[0];

export interface KeyScanLimits {
  /** Repeated-key errors kept (all are counted). */
  errors: number;
  /** Near-duplicates kept (all are counted). */
  near: number;
}

/** A near-duplicate within the file whose earlier spelling is read once the file is judged. */
type Pending = NearDuplicate & { earlierRow: number };

export class KeyScan {
  readonly repeated: FieldError[] = [];
  repeatedCount = 0;
  private readonly near: (NearDuplicate | Pending)[] = [];
  nearCount = 0;
  /** The entity's key fields, when every one is mapped: repeated keys. */
  private readonly keyFields: string[];
  /** Its key fields that are keys (kind `key`): near-duplicates (an order line's number is not one). */
  private readonly nearFields: string[];
  private readonly keys = new KeyTable();
  private readonly nearKeys: KeyTable;

  constructor(
    private readonly entity: EntityDef,
    private readonly header: { columns: string[]; index: Record<string, number> },
    private readonly limits: KeyScanLimits,
    private readonly stored?: KeyIndex,
  ) {
    this.keyFields = entity.key.every((k) => k in header.index) ? [...entity.key] : [];
    this.nearFields = entity.key.filter((k) => entity.fields.find((f) => f.name === k)?.kind === 'key');
    const same = this.keyFields.length === this.nearFields.length && this.keyFields.every((k, i) => k === this.nearFields[i]);
    this.nearKeys = same ? this.keys : new KeyTable();
  }

  /** One data row: `cell(field)` is its trimmed cell of a mapped field, '' for a field not in the file. */
  add(row: number, cell: (field: string) => string): void {
    const shared = this.nearKeys === this.keys;
    let slot = -1;
    if (this.keyFields.length) {
      const raw = this.keyFields.map(cell);
      const fold = raw.map(keyFold).join('\u0000');
      const nearRaw = shared ? raw.join(' / ') : '';
      slot = this.keys.find(fold, row, shared ? spellingHash(nearRaw) : 0);
      if (slot >= 0) {
        this.repeatedCount++;
        if (this.repeated.length < this.limits.errors)
          this.repeated.push({
            row,
            column: this.header.columns[this.header.index[this.keyFields[0]]] ?? this.keyFields[0],
            value: raw.join(' / '),
            message: duplicateKeyMessage(this.keyFields, this.keys.firstRow(slot)),
          });
      }
    }
    const parts = this.nearFields.map(cell);
    if (!parts.length || parts.some((p) => p === '')) return;
    const raw = parts.join(' / ');
    const column = this.nearFields[0];
    // The same table when the near-duplicate fields are the key: `slot` already says whether it was seen.
    const seen = shared ? slot : this.nearKeys.find(parts.map(keyFold).join('\u0000'), row, spellingHash(raw));
    if (seen >= 0 && this.nearKeys.spelling(seen) !== spellingHash(raw))
      this.push({ row, column, value: raw, matches: '', message: '', earlierRow: this.nearKeys.firstRow(seen) });
    const existing = parts.length === 1 ? this.stored?.get(keyFold(parts[0])) : undefined;
    if (existing !== undefined && existing !== parts[0])
      this.push({ row, column, value: parts[0], matches: existing, message: sameAsStoredMessage(parts[0], column, existing) });
  }

  private push(d: NearDuplicate | Pending) {
    this.nearCount++;
    if (this.near.length < this.limits.near) this.near.push(d);
  }

  /** Rows whose spelling the near-duplicates kept name (read again by the caller). */
  earlierRows(): Set<number> {
    return new Set(this.near.flatMap((d) => ('earlierRow' in d ? [d.earlierRow] : [])));
  }

  /** The near-duplicates kept, in row order, given the spelling of each earlier row they name. */
  nearDuplicates(spelled: Map<number, (field: string) => string>): NearDuplicate[] {
    return this.near.map((d) => {
      if (!('earlierRow' in d)) return d;
      const { earlierRow, ...near } = d;
      const cell = spelled.get(earlierRow);
      const matches = cell ? this.nearFields.map(cell).join(' / ') : '';
      return { ...near, matches, message: sameInFileMessage(d.value, earlierRow, matches) };
    });
  }
}
