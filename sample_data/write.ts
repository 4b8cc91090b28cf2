/**
 * Writes the committed sample files.
 *
 *   npx tsx sample_data/write.ts [--anchor yyyy-mm-dd] [--seed n] [--out sample_data]
 *
 * demo profile → <out>/*.csv and <out>/products.xlsx; acme profile → <out>/acme/*.csv.
 * Default anchor 2026-11-21, default seed 20261121 (the committed files use both).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ANCHOR, DEFAULT_SEED, ENTITY_NAMES, generateTenant, tenantToCsv, type Profile } from './generator';
import { productsXlsx } from './xlsx';

function parseArgs(argv: string[]): { anchor: string; seed: number; out: string } {
  const args = { anchor: DEFAULT_ANCHOR, seed: DEFAULT_SEED, out: 'sample_data' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--anchor') args.anchor = value();
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--out') args.out = value();
    else if (a === '--help' || a === '-h') {
      console.log('usage: npx tsx sample_data/write.ts [--anchor yyyy-mm-dd] [--seed n] [--out dir]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.anchor)) throw new Error('--anchor must be yyyy-mm-dd');
  if (!Number.isInteger(args.seed)) throw new Error('--seed must be an integer');
  return args;
}

function writeProfile(profile: Profile, dir: string, anchor: string, seed: number, xlsx: boolean): void {
  mkdirSync(dir, { recursive: true });
  const data = generateTenant({ seed, anchorDate: anchor, profile });
  const csv = tenantToCsv(data);
  for (const entity of ENTITY_NAMES) {
    const file = join(dir, `${entity}.csv`);
    writeFileSync(file, csv[entity]);
    console.log(`${file}: ${csv[entity].split('\n').length - 2} rows, ${csv[entity].length} bytes`);
  }
  if (xlsx) {
    const file = join(dir, 'products.xlsx');
    const bytes = productsXlsx(data.products);
    writeFileSync(file, bytes);
    console.log(`${file}: ${bytes.length} bytes`);
  }
}

const args = parseArgs(process.argv.slice(2));
writeProfile('demo', args.out, args.anchor, args.seed, true);
writeProfile('acme', join(args.out, 'acme'), args.anchor, args.seed, false);
