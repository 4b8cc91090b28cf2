// An action as every answer shows it: the stored row with its JSON columns (evidence, outcome) as
// objects, so the list, the detail and the answer to a decision carry one shape per field.
import type { ActionRow } from '../data/actions.repo';
import { storedObject } from '../lib/serialize';

export const presentAction = (a: ActionRow) => ({
  ...a,
  evidence: storedObject(a.evidence) ?? {},
  outcome: storedObject(a.outcome),
});

export type PresentedAction = ReturnType<typeof presentAction>;
