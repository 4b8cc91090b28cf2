// The two sample tenants (demo, acme): catalogue, customers, warehouses, channels and ordering cadence.
import {
  ACME_CATALOG,
  ACME_CATEGORIES,
  ACME_CUSTOMERS,
  ACME_SUPPLIERS,
  ACME_WAREHOUSES,
  DEMO_CATALOG,
  DEMO_CATEGORIES,
  DEMO_CUSTOMERS,
  DEMO_SUPPLIERS,
  DEMO_WAREHOUSES,
  type CatalogItem,
  type CategorySpec,
  type CustomerChannel,
  type CustomerSpec,
  type SeasonTags,
  type SupplierSpec,
  type WarehouseSpec,
} from './catalog';
import { pad, yymmdd } from './calendar';
import type { Profile } from './rows';
import type { Rng } from './rng';

/* ============================================================================================ */
/* Profiles                                                                                     */
/* ============================================================================================ */

export interface ChannelConfig {
  /** Mean relative customer size. */
  size: number;
  /** Assortment as a share of the catalogue, and the minimum count. */
  assortment: [number, number];
  minAssortment: number;
  /** Probability the customer only buys full cases. */
  caseBuyerShare: number;
  /** Negative-binomial shape of a line's quantity (smaller = lumpier). */
  shape: number;
  /** End-consumer demand by weekday, Sunday first (normalised to mean 1). */
  weekday: number[];
  /** Probability a scheduled order is skipped. */
  skip: number;
}

/** Shoppers' week at supermarkets and specialty stores: the weekend peak (Sunday first). */
const STORE_WEEK = [1.2, 0.85, 0.85, 0.9, 0.95, 1.1, 1.25];

/** One channel's row of the table below, in ChannelConfig's field order. */
const channel = (
  size: number,
  assortment: [number, number],
  minAssortment: number,
  caseBuyerShare: number,
  shape: number,
  weekday: number[],
  skip: number,
): ChannelConfig => ({ size, assortment, minAssortment, caseBuyerShare, shape, weekday, skip });

// prettier-ignore
export const CHANNELS: Record<CustomerChannel, ChannelConfig> = {
  //                       size  assortment    min  case  shape  weekday (Sun..Sat)                        skip
  grocery_chain:    channel(2.6,  [0.24, 0.36], 8,   1,    4,     STORE_WEEK,                               0.02),
  asian_grocer:     channel(1,    [0.18, 0.3],  8,   0.7,  3,     [1.3, 0.8, 0.8, 0.85, 0.95, 1.1, 1.3],    0.03),
  foodservice:      channel(0.55, [0.07, 0.13], 5,   0,    3,     [1.05, 0.7, 0.8, 0.9, 1.0, 1.3, 1.35],    0.03),
  ecommerce:        channel(0.9,  [0.08, 0.15], 6,   0,    1.5,   [1.2, 1.25, 1.05, 0.95, 0.9, 0.8, 0.85],  0.01),
  specialty_retail: channel(0.8,  [0.5, 0.75],  6,   0.3,  3,     STORE_WEEK,                               0.03),
};

export interface Cadence {
  days: number[];
  period: 1 | 2;
  label: string;
}

export const WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function chooseCadence(channel: CustomerChannel, rng: Rng): Cadence {
  const weekly = (days: number[]): Cadence => ({ days: [rng.pick(days)], period: 1, label: '' });
  const fixed = (days: number[], period: 1 | 2 = 1): Cadence => ({ days, period, label: '' });
  const r = rng.next();
  let c: Cadence;
  switch (channel) {
    case 'grocery_chain':
      c =
        r < 0.55
          ? weekly([1, 2, 3, 4])
          : fixed(
              rng.pick([
                [1, 4],
                [2, 5],
              ]),
            );
      break;
    case 'asian_grocer':
      c =
        r < 0.55
          ? weekly([1, 2, 3, 4, 5, 6])
          : r < 0.85
            ? { days: [rng.int(1, 5)], period: 2, label: '' }
            : fixed(
                rng.pick([
                  [1, 4],
                  [2, 5],
                ]),
              );
      break;
    case 'foodservice':
      c =
        r < 0.45
          ? fixed(
              rng.pick([
                [1, 4],
                [2, 5],
              ]),
            )
          : r < 0.85
            ? weekly([1, 4, 5])
            : fixed([1, 3, 5]);
      break;
    case 'ecommerce':
      c = r < 0.65 ? fixed([0, 1, 2, 3, 4, 5, 6]) : r < 0.9 ? fixed([1, 2, 3, 4, 5]) : fixed([1, 3, 5]);
      break;
    case 'specialty_retail':
      c = r < 0.5 ? weekly([2, 3]) : fixed([2, 5]);
      break;
  }
  const names = c.days.map((d) => WD[d]).join(', ');
  if (c.days.length === 7) c.label = 'daily';
  else if (c.days.length === 5) c.label = 'weekdays (Mon-Fri)';
  else if (c.period === 2) c.label = `every other week (${names})`;
  else if (c.days.length === 1) c.label = `weekly (${names})`;
  else if (c.days.length === 2) c.label = `twice weekly (${names})`;
  else c.label = `three times a week (${names})`;
  return c;
}

export interface ProfileSpec {
  id: Profile;
  skuId: (cat: string, n: number) => string;
  customerId: (n: number) => string;
  orderId: (n: number) => string;
  shipmentId: (n: number) => string;
  lotId: (receivedDay: number, n: number) => string;
  categories: Record<string, CategorySpec>;
  suppliers: Record<string, SupplierSpec>;
  catalog: CatalogItem[];
  warehouses: WarehouseSpec[];
  customers: CustomerSpec[];
  historyDays: number;
  lotCount: number;
  shipmentCount: number;
  stockoutSkus: number;
  quarantineLots: number;
  launchDaysAgo: [number, number];
  /** Demand affinity of each channel for each category (0 = never buys). */
  affinity: Record<CustomerChannel, Record<string, number>>;
  /** Added to every SKU's season tags. */
  defaultSeason: SeasonTags;
  promosPerYear: number;
  anomalies: number;
  lifecycle: { onboarded: number; churned: number; lapsing: number };
}

export const DEMO_AFFINITY: Record<CustomerChannel, Record<string, number>> = {
  grocery_chain: { NDL: 1.3, SAU: 1, SNK: 1.3, FRZ: 1, KIM: 0.9, BAN: 0.5, TOF: 1, BEV: 1.2, RDG: 0.9 },
  asian_grocer: { NDL: 1, SAU: 1, SNK: 0.9, FRZ: 1, KIM: 1.3, BAN: 1.4, TOF: 1.1, BEV: 0.9, RDG: 1.1 },
  foodservice: { NDL: 0.6, SAU: 1.5, SNK: 0.1, FRZ: 1, KIM: 1.5, BAN: 0.6, TOF: 1.5, BEV: 0.4, RDG: 1.3 },
  ecommerce: { NDL: 1.5, SAU: 1, SNK: 1.5, FRZ: 0.1, KIM: 0.2, BAN: 0, TOF: 0, BEV: 0.8, RDG: 1 },
  specialty_retail: { NDL: 1, SAU: 1, SNK: 1, FRZ: 1, KIM: 1, BAN: 1, TOF: 1, BEV: 1, RDG: 1 },
};

export const ACME_AFFINITY: Record<CustomerChannel, Record<string, number>> = {
  grocery_chain: { PAS: 1.3, SAU: 1.2, CHS: 1, MEA: 0.8, BEV: 1.3, FRZ: 1 },
  asian_grocer: { PAS: 1, SAU: 1, CHS: 1, MEA: 1, BEV: 1, FRZ: 1 },
  foodservice: { PAS: 1.5, SAU: 1.5, CHS: 1.4, MEA: 1, BEV: 0.6, FRZ: 0.5 },
  ecommerce: { PAS: 1.4, SAU: 1.4, CHS: 0, MEA: 0, BEV: 0.8, FRZ: 0 },
  specialty_retail: { PAS: 1, SAU: 1.2, CHS: 1.5, MEA: 1.5, BEV: 0.8, FRZ: 0.6 },
};

type IdFormat = [prefix: string, digits: number];

/** A profile's record ids: each kind's prefix and zero-padded width (a SKU id has its category after the prefix, a lot id its receipt day). */
function idFormats(f: { sku: IdFormat; customer: IdFormat; order: IdFormat; shipment: IdFormat; lot: IdFormat }) {
  return {
    skuId: (cat: string, n: number) => `${f.sku[0]}${cat}-${pad(n, f.sku[1])}`,
    customerId: (n: number) => `${f.customer[0]}${pad(n, f.customer[1])}`,
    orderId: (n: number) => `${f.order[0]}${pad(n, f.order[1])}`,
    shipmentId: (n: number) => `${f.shipment[0]}${pad(n, f.shipment[1])}`,
    lotId: (day: number, n: number) => `${f.lot[0]}${yymmdd(day)}-${pad(n, f.lot[1])}`,
  };
}

export const PROFILES: Record<Profile, ProfileSpec> = {
  demo: {
    id: 'demo',
    ...idFormats({ sku: ['KR-', 3], customer: ['CUST-', 4], order: ['SO-', 6], shipment: ['INB-', 4], lot: ['LT-', 4] }),
    categories: DEMO_CATEGORIES,
    suppliers: DEMO_SUPPLIERS,
    catalog: DEMO_CATALOG,
    warehouses: DEMO_WAREHOUSES,
    customers: DEMO_CUSTOMERS,
    historyDays: 730,
    lotCount: 550,
    shipmentCount: 25,
    stockoutSkus: 3,
    quarantineLots: 8,
    launchDaysAgo: [110, 330],
    affinity: DEMO_AFFINITY,
    defaultSeason: { seollal: 0.1, chuseok: 0.12 },
    promosPerYear: 1,
    anomalies: 8,
    lifecycle: { onboarded: 2, churned: 1, lapsing: 1 },
  },
  acme: {
    id: 'acme',
    ...idFormats({ sku: ['ACM-', 2], customer: ['ACM-C', 3], order: ['ACM-SO-', 5], shipment: ['ACM-INB-', 2], lot: ['ACM-LT-', 3] }),
    categories: ACME_CATEGORIES,
    suppliers: ACME_SUPPLIERS,
    catalog: ACME_CATALOG,
    warehouses: ACME_WAREHOUSES,
    customers: ACME_CUSTOMERS,
    historyDays: 90,
    lotCount: 30,
    shipmentCount: 3,
    stockoutSkus: 0,
    quarantineLots: 1,
    launchDaysAgo: [30, 60],
    affinity: ACME_AFFINITY,
    defaultSeason: { thanksgiving: 0.1, christmas: 0.1 },
    promosPerYear: 2,
    anomalies: 1,
    lifecycle: { onboarded: 0, churned: 0, lapsing: 0 },
  },
};

export const PROFILE_NAMES: readonly Profile[] = ['demo', 'acme'];
