// Resource route: which lots an OUT of a quantity would take, in FEFO order, before it is posted.
import type { Route } from './+types/fefo-preview';
import { api, ApiProblem, problemSentence } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import type { FefoLot } from '../lib/types';

type Lot = FefoLot;

export interface FefoPreview {
  sku: string;
  sellableUnits: number;
  take: { lotId: string; warehouse: string; quantity: number; expirationDate: string; reason: string; reasonKo?: string }[];
  short: number;
  skipped: { lotId: string; reason: string; reasonKo?: string }[];
  error?: string;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const url = new URL(request.url);
  const sku = url.searchParams.get('sku')?.trim() ?? '';
  const warehouse = url.searchParams.get('warehouse')?.trim() || undefined;
  // At most what any movement may carry (1e9): 1e309 would read as Infinity and the shortfall as null.
  const qty = Math.min(1e9, Math.max(0, Number(url.searchParams.get('quantity') ?? 0) || 0));
  if (!sku) return null;
  try {
    const f = await api(context, request, token).get<{ sellableUnits: number; ranked: Lot[]; skipped: Lot[] }>('/api/fefo', {
      sku,
      warehouse,
    });
    let left = qty;
    const take: FefoPreview['take'] = [];
    for (const l of f.ranked) {
      if (left <= 0) break;
      const q = Math.min(left, l.quantityOnHand);
      take.push({
        lotId: l.lotId,
        warehouse: l.warehouse,
        quantity: q,
        expirationDate: l.expirationDate,
        reason: l.reason,
        reasonKo: l.reasonKo,
      });
      left -= q;
    }
    const preview: FefoPreview = {
      sku,
      sellableUnits: f.sellableUnits,
      take,
      short: left,
      skipped: f.skipped.map((s) => ({ lotId: s.lotId, reason: s.reason, reasonKo: s.reasonKo })),
    };
    return preview;
  } catch (e) {
    if (e instanceof ApiProblem)
      return { sku, sellableUnits: 0, take: [], short: qty, skipped: [], error: problemSentence(e) } satisfies FefoPreview;
    throw e;
  }
}
