import type { Proposal } from '../durable-objects/tenant-object';
import type { ActionRow } from '../data/actions.repo';

/**
 * What the tenant object keeps of an action to rule on decisions: kind, value, the proposer's
 * identity (its id: nobody approves their own proposal); the audit entry names the proposer by email.
 */
export const proposalOf = (
  a: Pick<ActionRow, 'id' | 'kind' | 'value' | 'proposedBy' | 'proposedById' | 'sku' | 'lotId' | 'warehouse' | 'quantity' | 'source'> &
    Partial<Pick<ActionRow, 'validUntil'>>,
): Proposal => ({
  id: a.id,
  kind: a.kind,
  value: a.value,
  proposedBy: a.proposedById,
  validUntil: a.validUntil ?? null,
  actor: a.proposedBy,
  data: { kind: a.kind, sku: a.sku, lotId: a.lotId, warehouse: a.warehouse, quantity: a.quantity, value: a.value, source: a.source },
});
