// The generator's working records and what every stage reads: the profile, the seed, the anchor
// day and one seeded random stream per stage (a stage draws only from its own streams, so the
// stages' output is the same whatever another stage draws).
import type { CatalogItem, CategorySpec, DemandPattern, SeasonTags, SupplierSpec, WarehouseSpec } from './catalog';
import type { Cadence, ChannelConfig, ProfileSpec } from './profiles';
import { fnv1a, Rng } from './rng';
import type { CustomerRow, CustomerTruth, LotStatus, ProductRow, StockScenario } from './rows';

/** One generation run: the profile, seed, anchor ("today", an epoch day) and the history it covers. */
export interface GenContext {
  spec: ProfileSpec;
  seed: number;
  /** Epoch day of the anchor date; history ends the day before. */
  anchor: number;
  /** Days of history. */
  H: number;
  /** Epoch day of history day index 0 (anchor − H). */
  start: number;
  /** The stage's own seeded stream, named by `label` (mulberry32 seeded from seed, profile and label). */
  rngFor: (label: string) => Rng;
}

/** The run's context for a profile, seed and anchor day. */
export function genContext(spec: ProfileSpec, seed: number, anchor: number): GenContext {
  const H = spec.historyDays;
  return { spec, seed, anchor, H, start: anchor - H, rngFor: (label) => new Rng(fnv1a(`${seed}|${spec.id}|${label}`)) };
}

export interface Sku {
  idx: number;
  item: CatalogItem;
  cat: CategorySpec;
  supplier: SupplierSpec;
  row: ProductRow;
  pattern: DemandPattern;
  base: number;
  trend: number;
  launchIdx: number | null;
  season: SeasonTags;
  promos: { start: number; end: number; lift: number }[];
  /** Demand multiplier per history day index. */
  mult: Float64Array;
  slow: boolean;
  chilled: boolean;
  scenario: StockScenario;
  carriers: number[];
}

export interface Cust {
  idx: number;
  row: CustomerRow;
  cfg: ChannelConfig;
  cadence: Cadence;
  phase: number;
  size: number;
  caseBuyer: boolean;
  first: number;
  last: number;
  lifecycle: CustomerTruth['lifecycle'];
  /** sku index → base units/day for this customer. */
  rates: Map<number, number>;
  orderDays: number[];
  weekday: number[];
}

export interface LotWork {
  sku: Sku;
  wh: WarehouseSpec;
  pairPos: number;
  age: number;
  remainingAtReceipt: number;
  quantity: number;
  status: LotStatus;
  forced: boolean;
}

/** Recent daily demand per SKU (by `Sku.idx`) and warehouse (by its position in the profile). */
export interface RecentDemand {
  recent: Float64Array[];
  /** A SKU's recent daily demand over all warehouses. */
  dailyTotal: (s: Sku) => number;
}
