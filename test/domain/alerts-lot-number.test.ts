// Alerts name a lot by its printed number: a lot part moved to another warehouse has an API id
// "<lot>~<warehouse>~<sku>", which a person never sees on the cases.
import { describe, expect, it } from 'vitest';
import { planAlerts } from '../../worker/domain/alerts';
import { addDays } from '../../worker/domain/dates';
import { lotNumberOf } from '../../worker/domain/lot-number';
import { planTenant } from '../../worker/domain/plan';
import { AS_OF, lot, product } from './helpers';

describe('expiry alerts on a moved lot', () => {
  const plan = planTenant(
    {
      products: [product({ minRemainingShelfLifeDays: 5 })],
      // 300 units with 12 days left and a unit a day of demand: most will not sell in time.
      lots: [lot('L1', 60, 40, { warehouse: 'NJ1' }), lot('L1~LA1~SKU-1', 12, 300, { warehouse: 'LA1' })],
      inbound: [],
      demand: [{ sku: 'SKU-1', startDate: addDays(AS_OF, -120), values: Array.from({ length: 120 }, () => 1) }],
      warehouses: [{ code: 'LA1' }, { code: 'NJ1' }],
    },
    AS_OF,
    { wastePaths: 50 },
  );

  it('says the printed number and keeps the API id only in the condition key', () => {
    const expiry = planAlerts(plan, { expiryDays: 30 }).filter((a) => a.conditionKey.startsWith('expiry:'));
    const moved = expiry.find((a) => a.conditionKey === 'expiry:L1~LA1~SKU-1');
    expect(moved, JSON.stringify(expiry.map((a) => a.conditionKey))).toBeDefined();
    expect(moved!.message).toContain('Lot L1 of');
    expect(moved!.message).toContain('in LA1');
    for (const a of expiry) {
      expect(a.message).not.toContain('~');
      expect(a.messageKo ?? '').not.toContain('~');
    }
  });

  it('reads the printed number of an API id', () => {
    expect(lotNumberOf('L1~LA1~SKU-1')).toBe('L1');
    expect(lotNumberOf('L1')).toBe('L1');
  });
});
