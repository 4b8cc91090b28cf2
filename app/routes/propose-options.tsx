// Resource route: what the "propose an action" form offers to pick from, so a planner chooses a
// SKU, one of its lots (with warehouse, units and expiry) and a customer instead of typing codes.
// GET /propose-options?sku=<typed text>&customer=<typed text>
//   skus:      up to 20 products whose SKU or name matches the typed text
//   lots:      the lots of the SKU named exactly that hold units, any status (FEFO order: earliest expiry first),
//              each with its days of shelf life left on the tenant's today and whether it is expired or
//              too short-dated for a sale (the customer's rule when one is named, else the product's),
//              as the API's FEFO ranking reads them (GET /api/fefo: the tenant's day and the rule)
//   customers: up to 20 customers matching the typed customer text
// Each list is empty when the role may not read it or the text is empty; the form then keeps its
// plain text fields.
import type { Route } from './+types/propose-options';
import { api, ApiProblem } from '../lib/api.server';
import { requireUser } from '../lib/session.server';

export interface LotOption {
  lotId: string;
  warehouse: string;
  quantityOnHand: number;
  expirationDate: string;
  status: string;
  /** Days of shelf life left on the tenant's today (0 or less: expired); null when the day could not be read. */
  daysLeft: number | null;
  /** Expired: on or past its expiration date (a lot is expired on that day), or its status says so. */
  expired: boolean;
  /** Not expired, but with less shelf life left than a sale needs (`saleNeedsDays`). */
  shortLife: boolean;
  /** The shelf life a sale needs left (the customer's rule, else the product's); null when unknown. */
  saleNeedsDays: number | null;
}
export interface ProposeOptions {
  /** The SKU the lots belong to (as typed, trimmed), or null when none was named. */
  sku: string | null;
  /** Whether that SKU exists in the catalogue. */
  skuKnown: boolean;
  skus: { sku: string; name: string }[];
  lots: LotOption[];
  customers: { customerId: string; name: string }[];
}

const DAY_MS = 86_400_000;

/** A code or a search text as the API's `key`/`q` accept it: trimmed, at most 200 characters. */
function text(v: string | null): string {
  return (v ?? '').trim().slice(0, 200);
}

export async function loader({ request, context }: Route.LoaderArgs): Promise<ProposeOptions> {
  const { token } = await requireUser(request, context);
  const params = new URL(request.url).searchParams;
  const sku = text(params.get('sku'));
  const customer = text(params.get('customer'));
  const client = api(context, request, token);
  // A list the role may not read (or a text the API refuses) is simply not offered.
  const quiet = async <T,>(f: () => Promise<T>, empty: T): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof ApiProblem) return empty;
      throw e;
    }
  };
  type Page<T> = { items: T[] };
  // The tenant's today and the shelf life a sale needs: the customer's rule when the typed customer
  // is one, else the product's (a customer the API does not know falls back to the product).
  type Fefo = { asOf: string; minRemainingDays: number };
  const fefo = async (): Promise<Fefo | null> => {
    if (!sku) return null;
    const bare = () => quiet(() => client.get<Fefo>('/api/fefo', { sku }), null);
    return customer ? ((await quiet(() => client.get<Fefo>('/api/fefo', { sku, customerId: customer }), null)) ?? bare()) : bare();
  };
  const [product, products, lots, customers, rule] = await Promise.all([
    // Known or not by its own record: a search page may hold other SKUs containing the text first.
    sku ? quiet(() => client.get<{ sku: string }>(`/api/products/${encodeURIComponent(sku)}`), null) : null,
    sku
      ? quiet(() => client.get<Page<{ sku: string; name: string }>>('/api/products', { q: sku, pageSize: 20 }), { items: [] })
      : { items: [] },
    sku
      ? quiet(() => client.get<Page<LotOption & { sku: string }>>('/api/lots', { sku, sort: 'expirationDate', pageSize: 200 }), {
          items: [],
        })
      : { items: [] },
    customer
      ? quiet(() => client.get<Page<{ customerId: string; name: string }>>('/api/customers', { q: customer, pageSize: 20 }), { items: [] })
      : { items: [] },
    fefo(),
  ]);
  const known = product !== null;
  const daysLeft = (expirationDate: string) => (rule ? Math.round((Date.parse(expirationDate) - Date.parse(rule.asOf)) / DAY_MS) : null);
  return {
    sku: sku || null,
    skuKnown: known,
    skus: products.items.map((p) => ({ sku: p.sku, name: p.name })),
    lots: lots.items
      .filter((l) => l.quantityOnHand > 0)
      .map((l) => {
        const left = daysLeft(l.expirationDate);
        const expired = l.status === 'expired' || (left !== null && left <= 0);
        const needs = rule && rule.minRemainingDays > 0 ? rule.minRemainingDays : null;
        return {
          lotId: l.lotId,
          warehouse: l.warehouse,
          quantityOnHand: l.quantityOnHand,
          expirationDate: l.expirationDate,
          status: l.status,
          daysLeft: left,
          expired,
          shortLife: !expired && left !== null && needs !== null && left < needs,
          saleNeedsDays: needs,
        };
      }),
    customers: customers.items.map((c) => ({ customerId: c.customerId, name: c.name })),
  };
}
