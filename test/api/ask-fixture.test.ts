// The matcher on the phrasing fixture (test/fixtures/ask/phrasings.json) against the demo catalogue.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import customersCsv from '../../sample_data/customers.csv?raw';
import productsCsv from '../../sample_data/products.csv?raw';
import warehousesCsv from '../../sample_data/warehouses.csv?raw';
import { indexCatalog } from '../../worker/ask/entities';
import { matchQuestion } from '../../worker/ask/match';
import fixture from '../fixtures/ask/phrasings.json';

const csv = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
const index = indexCatalog({
  products: csv(productsCsv).map((r) => ({ sku: r.sku, name: r.name })),
  customers: csv(customersCsv).map((r) => ({ customerId: r.customer_id, name: r.name, minRemainingShelfLifeDays: null })),
  warehouses: csv(warehousesCsv).map((r) => ({ code: r.code, name: r.name, region: r.region })),
});

describe('Ask matcher fixture', () => {
  it('gets intent and every parameter right for at least 95% of the phrasings', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(80);
    const wrong: string[] = [];
    for (const c of fixture.cases) {
      const m = matchQuestion(c.q, index);
      if (
        m.intent !== c.intent ||
        m.candidates.length ||
        JSON.stringify(m.parameters, Object.keys(m.parameters).sort()) !== JSON.stringify(c.parameters, Object.keys(c.parameters).sort())
      )
        wrong.push(`${c.q} → ${m.intent} ${JSON.stringify(m.parameters)} (want ${c.intent} ${JSON.stringify(c.parameters)})`);
    }
    const accuracy = 1 - wrong.length / fixture.cases.length;
    console.log(
      `ask fixture: ${fixture.cases.length - wrong.length}/${fixture.cases.length} right (${(accuracy * 100).toFixed(1)}%)`,
      wrong,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('offers candidates instead of guessing when a name fits several products', () => {
    for (const c of fixture.ambiguous) {
      const m = matchQuestion(c.q, index);
      expect(m.intent, c.q).toBe(c.intent);
      expect(m.parameters.sku, c.q).toBeUndefined();
      const got = m.candidates.map((x) => x.id);
      if (c.candidates) expect(got.sort(), c.q).toEqual([...c.candidates].sort());
      for (const id of c.candidatesInclude ?? []) expect(got, c.q).toContain(id);
    }
  });

  it('reads Korean and romanised names of one product alike', () => {
    for (const q of ['신라면', 'shin ramyun', 'Shin Ramyeon', 'ramyun shin', 'SHIN RAMEN'])
      expect(matchQuestion(q, index).parameters.sku, q).toBe('KR-NDL-001');
  });
});
