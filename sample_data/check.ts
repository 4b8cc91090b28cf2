/**
 * Sanity checks for the committed sample files (and the generator behind them).
 *
 *   npx tsx sample_data/check.ts [--anchor yyyy-mm-dd] [--seed n] [--dir sample_data]
 *
 * Exits 1 if a hard check fails; prints the figures either way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx/xlsx.mjs';
import {
  DEFAULT_ANCHOR,
  DEFAULT_SEED,
  ENTITY_COLUMNS,
  ENTITY_NAMES,
  generateTenantDetailed,
  tenantToCsv,
  type EntityName,
  type Profile,
} from './generator';
import { CHUSEOK, SEOLLAL } from './catalog';
import { productsXlsx } from './xlsx';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const anchor = arg('--anchor', DEFAULT_ANCHOR);
const seed = Number(arg('--seed', String(DEFAULT_SEED)));
const baseDir = arg('--dir', 'sample_data');

let failures = 0;
const check = (ok: boolean, what: string): void => {
  if (!ok) {
    failures++;
    console.log(`  FAIL ${what}`);
  }
};
const DAY = 86_400_000;
const dayNum = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
const anchorDay = dayNum(anchor);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

type Row = Record<string, string>;

function readCsv(dir: string, entity: EntityName): { text: string; rows: Row[] } {
  const text = readFileSync(join(dir, `${entity}.csv`), 'utf8');
  check(text.charCodeAt(0) !== 0xfeff, `${entity}: no BOM`);
  check(!text.includes('\r'), `${entity}: '\\n' line ends only`);
  check(text.endsWith('\n'), `${entity}: ends with a newline`);
  const header = text.slice(0, text.indexOf('\n'));
  check(header === ENTITY_COLUMNS[entity].join(','), `${entity}: header matches ENTITY_COLUMNS`);
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  check(parsed.errors.length === 0, `${entity}: parses without errors (${parsed.errors.length})`);
  return { text, rows: parsed.data };
}

function uniq(rows: Row[], key: (r: Row) => string, what: string): Set<string> {
  const set = new Set<string>();
  let dups = 0;
  for (const r of rows) {
    const k = key(r);
    if (set.has(k)) dups++;
    set.add(k);
  }
  check(dups === 0, `${what}: ${dups} duplicate keys`);
  return set;
}

function checkProfile(profile: Profile, dir: string): Record<string, Set<string>> {
  console.log(`\n=== ${profile} (${dir}) anchor ${anchor} seed ${seed}`);
  const { data, truth } = generateTenantDetailed({ seed, anchorDate: anchor, profile });
  const again = generateTenantDetailed({ seed, anchorDate: anchor, profile });
  const csv = tenantToCsv(data);
  const csv2 = tenantToCsv(again.data);
  const files = {} as Record<EntityName, Row[]>;
  for (const e of ENTITY_NAMES) {
    const { text, rows } = readCsv(dir, e);
    files[e] = rows;
    check(text === csv[e], `${e}.csv is byte-identical to a fresh generation`);
    check(csv[e] === csv2[e], `${e}: two generations are identical`);
  }
  const { warehouses, products, inventory_lots: lots, customers, orders, inbound_shipments: ships } = files;
  console.log(
    `counts: warehouses ${warehouses.length}, products ${products.length}, lots ${lots.length}, customers ${customers.length}, ` +
      `order lines ${orders.length}, orders ${new Set(orders.map((o) => o.order_id)).size}, inbound shipments ${ships.length}`,
  );

  const whs = uniq(warehouses, (r) => r.code, 'warehouses.code');
  const skus = uniq(products, (r) => r.sku, 'products.sku');
  const lotIds = uniq(lots, (r) => r.lot_id, 'inventory_lots.lot_id');
  const custIds = uniq(customers, (r) => r.customer_id, 'customers.customer_id');
  uniq(orders, (r) => `${r.order_id}|${r.sku}`, 'orders (order_id, sku)');
  const shipIds = uniq(ships, (r) => r.shipment_id, 'inbound_shipments.shipment_id');
  const regions = new Set(warehouses.map((w) => w.region));

  // Referential integrity.
  check(
    lots.every((l) => skus.has(l.sku)),
    'every lot sku exists',
  );
  check(
    lots.every((l) => whs.has(l.warehouse)),
    'every lot warehouse exists',
  );
  check(
    orders.every((o) => skus.has(o.sku)),
    'every order sku exists',
  );
  check(
    orders.every((o) => custIds.has(o.customer_id)),
    'every order customer exists',
  );
  check(
    ships.every((s) => skus.has(s.sku)),
    'every shipment sku exists',
  );
  check(
    customers.every((c) => regions.has(c.region)),
    'every customer region is a warehouse region',
  );
  const orderHead = new Map<string, string>();
  let inconsistent = 0;
  for (const o of orders) {
    const head = `${o.customer_id}|${o.order_date}`;
    const prev = orderHead.get(o.order_id);
    if (prev !== undefined && prev !== head) inconsistent++;
    orderHead.set(o.order_id, head);
  }
  check(inconsistent === 0, 'each order_id has one customer and one date');

  // Products.
  for (const p of products) {
    const n = (k: string): number => Number(p[k]);
    check(n('unit_price') > n('unit_cost'), `${p.sku}: price > cost`);
    check(n('moq') % n('case_size') === 0, `${p.sku}: moq is whole cases`);
    check(n('lead_time_days') >= 3 && n('lead_time_days') <= 45, `${p.sku}: lead time in 3..45`);
    check(n('min_remaining_shelf_life_days') < n('shelf_life_days'), `${p.sku}: min remaining < shelf life`);
  }
  const byCat = new Map<string, number[]>();
  for (const p of products) byCat.set(p.category, [...(byCat.get(p.category) ?? []), Number(p.shelf_life_days)]);
  console.log(
    'shelf life by category: ' + Array.from(byCat, ([c, v]) => `${c} ${Math.min(...v)}-${Math.max(...v)} (${v.length})`).join('; '),
  );
  console.log(
    `overrides: safety_stock ${products.filter((p) => p.safety_stock !== '').length}, reorder_point ${products.filter((p) => p.reorder_point !== '').length}`,
  );

  // Lots and expiry mix.
  let badDates = 0;
  let future = 0;
  const mix = { expired: 0, d0_14: 0, d15_30: 0, d31_90: 0, fresh: 0 };
  for (const l of lots) {
    const rec = dayNum(l.received_date);
    const exp = dayNum(l.expiration_date);
    if (!(exp > rec)) badDates++;
    if (rec > anchorDay) future++;
    const left = exp - anchorDay;
    if (left < 0) mix.expired++;
    else if (left <= 14) mix.d0_14++;
    else if (left <= 30) mix.d15_30++;
    else if (left <= 90) mix.d31_90++;
    else mix.fresh++;
  }
  check(badDates === 0, `expiration > received for every lot (${badDates} bad)`);
  check(future === 0, 'no lot received after the anchor');
  check(
    lots.every((l) => Number(l.quantity_on_hand) > 0),
    'every lot quantity > 0',
  );
  const lotsPerWh = new Map<string, number>();
  for (const l of lots) lotsPerWh.set(l.warehouse, (lotsPerWh.get(l.warehouse) ?? 0) + 1);
  console.log(`lots per warehouse: ${Array.from(lotsPerWh, ([w, n]) => `${w} ${n}`).join(', ')}`);
  console.log(
    `expiry mix vs anchor: expired ${mix.expired} (${pct(mix.expired / lots.length)}), ` +
      `0-14 d ${mix.d0_14}, 15-30 d ${mix.d15_30} (within 30 d: ${mix.d0_14 + mix.d15_30}, ${pct((mix.d0_14 + mix.d15_30) / lots.length)}), ` +
      `31-90 d ${mix.d31_90}, >90 d ${mix.fresh}; quarantine ${lots.filter((l) => l.status === 'quarantine').length}`,
  );
  const stocked = new Set(lots.filter((l) => l.status === 'available').map((l) => l.sku));
  console.log(
    `SKUs with no available lot: ${
      products
        .filter((p) => !stocked.has(p.sku))
        .map((p) => p.sku)
        .join(', ') || 'none'
    }`,
  );

  // Shipments.
  const st = new Map<string, number>();
  for (const s of ships) st.set(s.status, (st.get(s.status) ?? 0) + 1);
  const etas = ships.map((s) => dayNum(s.eta_date) - anchorDay);
  console.log(
    `shipments: ${Array.from(st, ([k, v]) => `${k} ${v}`).join(', ')}; ETA from ${Math.min(...etas)} to +${Math.max(...etas)} days`,
  );
  check(
    ships.every((s) => Number(s.quantity) > 0),
    'shipment quantity > 0',
  );

  // Order history window.
  const dates = orders.map((o) => o.order_date).sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  console.log(`order history ${first} .. ${last} (${dayNum(last) - dayNum(first) + 1} days)`);
  check(dayNum(last) === anchorDay - 1, 'history ends the day before the anchor');

  // Daily totals per SKU.
  const H = anchorDay - dayNum(first);
  const startDay = dayNum(first);
  const daily = new Map<string, Float64Array>();
  for (const p of products) daily.set(p.sku, new Float64Array(H));
  const total = new Float64Array(H);
  for (const o of orders) {
    const t = dayNum(o.order_date) - startDay;
    daily.get(o.sku)![t] += Number(o.quantity);
    total[t] += Number(o.quantity);
  }
  const slow = truth.skus.filter((s) => s.pattern === 'slow_mover');
  const zeroShare = (sku: string): number => {
    const arr = daily.get(sku)!;
    return arr.filter((x) => x === 0).length / arr.length;
  };
  if (slow.length) {
    const shares = slow.map((s) => zeroShare(s.sku));
    console.log(
      `slow movers (${slow.length}): zero-demand days ${pct(Math.min(...shares))} .. ${pct(Math.max(...shares))}, ` +
        `mean ${pct(shares.reduce((a, b) => a + b, 0) / shares.length)}`,
    );
    console.log('  ' + slow.map((s) => `${s.sku} ${pct(zeroShare(s.sku))}`).join(', '));
  }
  const others = truth.skus.filter((s) => s.pattern !== 'slow_mover' && s.pattern !== 'new_launch');
  const otherShares = others.map((s) => zeroShare(s.sku)).sort((a, b) => a - b);
  console.log(`other SKUs: median zero-demand days ${pct(otherShares[Math.floor(otherShares.length / 2)])}`);

  // Weekly pattern.
  const wdSum = new Array(7).fill(0);
  const wdN = new Array(7).fill(0);
  for (let t = 0; t < H; t++) {
    const wd = (startDay + t + 4) % 7;
    wdSum[wd] += total[t];
    wdN[wd]++;
  }
  const WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  console.log('mean units/day by weekday: ' + WD.map((w, i) => `${w} ${Math.round(wdSum[i] / wdN[i])}`).join(', '));
  const chOf = new Map(customers.map((c) => [c.customer_id, c.channel]));
  const chWd = new Map<string, number[]>();
  for (const o of orders) {
    const ch = chOf.get(o.customer_id)!;
    if (!chWd.has(ch)) chWd.set(ch, new Array(7).fill(0));
    chWd.get(ch)![(dayNum(o.order_date) + 4) % 7] += 1;
  }
  for (const [ch, arr] of chWd) {
    const s = arr.reduce((a, b) => a + b, 0);
    console.log(`  order lines by weekday, ${ch}: ` + WD.map((w, i) => `${w} ${pct(arr[i] / s)}`).join(' '));
  }

  // Yearly pattern: mean units/day per calendar month, overall and per category.
  const catOf = new Map(products.map((p) => [p.sku, p.category]));
  const months = Array.from({ length: 12 }, () => ({ n: 0, total: 0, cats: new Map<string, number>() }));
  const seenDay = new Set<number>();
  for (let t = 0; t < H; t++) {
    const m = new Date((startDay + t) * DAY).getUTCMonth();
    months[m].n++;
    months[m].total += total[t];
    seenDay.add(t);
  }
  for (const o of orders) {
    const m = new Date(dayNum(o.order_date) * DAY).getUTCMonth();
    const c = catOf.get(o.sku)!;
    months[m].cats.set(c, (months[m].cats.get(c) ?? 0) + Number(o.quantity));
  }
  const M = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const shown = M.map((_, i) => i).filter((i) => months[i].n > 0);
  console.log('mean units/day by month: ' + shown.map((i) => `${M[i]} ${Math.round(months[i].total / months[i].n)}`).join(', '));
  for (const cat of byCat.keys()) {
    const vals = shown.map((i) => (months[i].cats.get(cat) ?? 0) / months[i].n);
    const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
    console.log(`  ${cat.padEnd(17)} index by month: ` + vals.map((v, k) => `${M[shown[k]]} ${(v / mean).toFixed(2)}`).join(' '));
  }

  // Trends: last 91 days vs the same 91 days one year earlier.
  if (H >= 365 + 91) {
    for (const pattern of ['growing', 'declining', 'steady', 'new_launch'] as const) {
      const group = truth.skus.filter((s) => s.pattern === pattern);
      let recent = 0;
      let yearAgo = 0;
      for (const s of group) {
        const arr = daily.get(s.sku)!;
        for (let t = H - 91; t < H; t++) recent += arr[t];
        for (let t = H - 91 - 364; t < H - 364; t++) yearAgo += arr[t];
      }
      console.log(
        `trend ${pattern} (${group.length} SKUs): last 91 d vs a year earlier ${yearAgo ? `${(recent / yearAgo).toFixed(2)}x` : 'n/a (no sales a year earlier)'}`,
      );
    }
    const promoLifts: number[] = [];
    for (const s of truth.skus) {
      const arr = daily.get(s.sku)!;
      for (const p of s.promotions) {
        const a = dayNum(p.start) - startDay;
        const b = dayNum(p.end) - startDay;
        if (a < 35) continue;
        let inP = 0;
        let before = 0;
        for (let t = a; t <= b; t++) inP += arr[t] / (b - a + 1);
        for (let t = a - 35; t < a - 7; t++) before += arr[t] / 28;
        if (before > 0) promoLifts.push(inP / before);
      }
    }
    promoLifts.sort((x, y) => x - y);
    // Holiday peaks: 21 days before the holiday vs the SKU's overall daily mean.
    const holidayDates: Record<'seollal' | 'chuseok', string[]> = { seollal: [], chuseok: [] };
    for (let y = 2019; y <= 2035; y++) {
      holidayDates.seollal.push(SEOLLAL[y]);
      holidayDates.chuseok.push(CHUSEOK[y]);
    }
    for (const key of ['seollal', 'chuseok'] as const) {
      const tagged = truth.skus.filter((s) => (s.season[key] ?? 0) >= 1.5);
      const parts = tagged.map((s) => {
        const arr = daily.get(s.sku)!;
        const mean = arr.reduce((a, b) => a + b, 0) / arr.length;
        let sum = 0;
        let n = 0;
        for (const h of holidayDates[key]) {
          const hd = dayNum(h) - startDay;
          for (let t = Math.max(0, hd - 21); t < Math.min(H, hd); t++) {
            sum += arr[t];
            n++;
          }
        }
        return `${s.sku} ${n && mean ? (sum / n / mean).toFixed(1) : '-'}x`;
      });
      console.log(`${key} peaks (3 weeks before vs overall mean): ${parts.join(', ')}`);
    }
    console.log(
      `promotions: ${truth.skus.reduce((a, s) => a + s.promotions.length, 0)}; median observed lift ${promoLifts[Math.floor(promoLifts.length / 2)].toFixed(2)}x`,
    );
  }

  // Customer cadence: median gap between orders and the share on the top weekday.
  const byCust = new Map<string, string[]>();
  for (const [id, head] of orderHead) {
    const [c, d] = head.split('|');
    void id;
    byCust.set(c, [...(byCust.get(c) ?? []), d]);
  }
  const cadenceLines: string[] = [];
  for (const ct of truth.customers) {
    const ds = Array.from(new Set(byCust.get(ct.customer_id) ?? [])).sort();
    const gaps = ds
      .slice(1)
      .map((d, i) => dayNum(d) - dayNum(ds[i]))
      .sort((a, b) => a - b);
    const wd = new Array(7).fill(0);
    ds.forEach((d) => wd[(dayNum(d) + 4) % 7]++);
    const top = Math.max(...wd) / Math.max(1, ds.length);
    cadenceLines.push(
      `${ct.customer_id} ${ct.cadence}${ct.lifecycle !== 'active' ? ` [${ct.lifecycle}]` : ''}: ${ds.length} orders, median gap ${gaps[Math.floor(gaps.length / 2)] ?? '-'} d, top weekday ${pct(top)}, last ${ds[ds.length - 1]}`,
    );
  }
  console.log('customer cadence (first 12):\n  ' + cadenceLines.slice(0, 12).join('\n  '));
  const nonActive = cadenceLines.filter((l) => l.includes('['));
  if (nonActive.length) console.log('lifecycle events:\n  ' + nonActive.join('\n  '));
  console.log(`anomalies injected: ${truth.anomalies.map((a) => `${a.order_id}/${a.sku} x${a.factor}`).join(', ') || 'none'}`);

  return {
    warehouses: whs,
    skus,
    lots: lotIds,
    customers: custIds,
    orders: new Set(orders.map((o) => o.order_id)),
    shipments: shipIds,
  };
}

const demo = checkProfile('demo', baseDir);
const acme = checkProfile('acme', join(baseDir, 'acme'));

console.log('\n=== cross-tenant');
for (const k of Object.keys(demo)) {
  const overlap = Array.from(demo[k]).filter((x) => acme[k].has(x));
  check(overlap.length === 0, `${k}: demo and acme ids are disjoint (${overlap.length} shared)`);
  console.log(`${k}: ${overlap.length} shared ids`);
}

console.log('\n=== products.xlsx');
{
  const bytes = readFileSync(join(baseDir, 'products.xlsx'));
  const { data } = generateTenantDetailed({ seed, anchorDate: anchor, profile: 'demo' });
  check(Buffer.from(productsXlsx(data.products)).equals(bytes), 'products.xlsx is byte-identical to a fresh generation');
  const wb = XLSX.read(bytes);
  check(wb.SheetNames.length === 1 && wb.SheetNames[0] === 'products', 'one sheet named "products"');
  const fromXlsx = Papa.unparse(XLSX.utils.sheet_to_json<Row>(wb.Sheets.products, { defval: '' }), {
    columns: [...ENTITY_COLUMNS.products],
    newline: '\n',
  });
  const fromCsv = Papa.unparse(
    Papa.parse<Row>(readFileSync(join(baseDir, 'products.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data,
    { columns: [...ENTITY_COLUMNS.products], newline: '\n' },
  );
  check(fromXlsx === fromCsv, 'products.xlsx has the same content as products.csv');
  console.log(`${bytes.length} bytes, sheets ${wb.SheetNames.join(',')}, same content as CSV: ${fromXlsx === fromCsv}`);
}

console.log(failures === 0 ? '\nALL CHECKS PASSED' : `\n${failures} CHECK(S) FAILED`);
process.exit(failures === 0 ? 0 : 1);
