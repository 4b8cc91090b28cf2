// Stock position per SKU straight from lots: what dashboards and the refresh job summarise.
import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { addDays } from '../domain/dates';

export interface StockRow {
  sku: string;
  name: string;
  onHand: number;
  sellable: number;
  expired: number;
  expiring30: number;
  quarantined: number;
  value: number;
}

export async function stockBySku(db: Db, tenantId: string, today: string): Promise<StockRow[]> {
  const in30 = addDays(today, 30);
  return db.all<StockRow>(sql`
    SELECT p.sku AS sku, p.name AS name,
      COALESCE(SUM(l.quantity_on_hand), 0) AS onHand,
      COALESCE(SUM(CASE WHEN l.status = 'available' AND l.expiration_date > ${today} THEN l.quantity_on_hand END), 0) AS sellable,
      COALESCE(SUM(CASE WHEN l.expiration_date <= ${today} THEN l.quantity_on_hand END), 0) AS expired,
      COALESCE(SUM(CASE WHEN l.expiration_date > ${today} AND l.expiration_date <= ${in30} THEN l.quantity_on_hand END), 0) AS expiring30,
      COALESCE(SUM(CASE WHEN l.status IN ('quarantine', 'hold') THEN l.quantity_on_hand END), 0) AS quarantined,
      COALESCE(SUM(l.quantity_on_hand * l.unit_cost), 0) AS value
    FROM products p LEFT JOIN lots l ON l.tenant_id = p.tenant_id AND l.sku = p.sku
    WHERE p.tenant_id = ${tenantId} AND p.archived = 0
    GROUP BY p.sku, p.name ORDER BY p.sku`);
}

export async function tenantIds(db: Db): Promise<string[]> {
  const rows = await db.all<{ id: string }>(sql`SELECT id FROM tenants ORDER BY id`);
  return rows.map((r) => r.id);
}
