// Resource route: what the "propose an action" form offers to pick from, so a planner chooses a
// SKU, one of its lots (with warehouse, units and expiry) and a customer instead of typing codes.
// GET /propose-options?sku=<typed text>&customer=<typed text>
//   skus:      up to 20 products whose SKU or name matches the typed text
//   lots:      the lots of the SKU named exactly that hold units, any status (FEFO order: earliest expiry first)
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
  const [product, products, lots, customers] = await Promise.all([
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
  ]);
  const known = product !== null;
  return {
    sku: sku || null,
    skuKnown: known,
    skus: products.items.map((p) => ({ sku: p.sku, name: p.name })),
    lots: lots.items
      .filter((l) => l.quantityOnHand > 0)
      .map((l) => ({
        lotId: l.lotId,
        warehouse: l.warehouse,
        quantityOnHand: l.quantityOnHand,
        expirationDate: l.expirationDate,
        status: l.status,
      })),
    customers: customers.items.map((c) => ({ customerId: c.customerId, name: c.name })),
  };
}
