// Kept only for worker/actions/execute.ts, which still imports the ledger from here: the ledger
// itself is worker/stock/ now. Follow-up (actions owners): import `writeMovement` and
// `MovementRequest` from '../stock/post-movement' and drop this file.
/* eslint-disable no-restricted-imports -- compatibility shim for actions/execute.ts, see above */
import { writeMovement, type Actor, type MovementRequest } from '../stock/post-movement';
import { asProblem } from '../lib/problem';
/* eslint-enable no-restricted-imports */

export type MovementInput = MovementRequest;

/** writeMovement with its refusals as HTTP problems, which the action executor records as a failed execution. */
export async function postMovement(
  db: Parameters<typeof writeMovement>[0],
  tenantId: string,
  actor: Actor,
  input: MovementRequest,
  id?: string,
) {
  try {
    return await writeMovement(db, tenantId, actor, input, id);
  } catch (e) {
    throw asProblem(e);
  }
}
