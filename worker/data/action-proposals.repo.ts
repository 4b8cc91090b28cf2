// The one way a model's proposal enters the approval queue: as a `proposed` action, marked as
// model-proposed in proposed_by. Deciding and executing it is the actions use-case's job; this
// writes nothing else (no stock, no movement).
import type { Db } from './db';
import { actions } from './schema';
import type { ActionKind } from './ask.repo';

export interface ProposalRow {
  kind: ActionKind;
  sku: string;
  lotId: string | null;
  quantity: number;
  value: number;
  reason: string;
}

export const MODEL_PROPOSER_PREFIX = 'model:';

/** `askedBy` is the person whose question the model answered: named by email, known by id (they may approve it; the model proposed it). */
export async function insertProposedAction(
  db: Db,
  tenantId: string,
  proposal: ProposalRow,
  askedBy: { email: string; userId: string },
): Promise<string> {
  const id = `act_${crypto.randomUUID()}`;
  await db.insert(actions).values({
    id,
    tenantId,
    ...proposal,
    state: 'proposed',
    // Not the plan's: a refresh neither updates nor expires it; its own key keeps it apart.
    source: 'manual',
    stableKey: `model:${id}`,
    proposedBy: `${MODEL_PROPOSER_PREFIX}${askedBy.email}`,
    proposedById: `${MODEL_PROPOSER_PREFIX}${askedBy.userId}`,
  });
  return id;
}
