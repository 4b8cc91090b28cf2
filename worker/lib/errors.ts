// Domain errors: what a use-case or a repository says went wrong, in the product's terms and with
// no HTTP in it. The API's one onError maps each kind to its problem+json status (lib/problem.ts
// `problemFromDomain`); queue consumers and scripts read `kind` and the message.

/** What the value had to be: the bound it broke, the values allowed or the format expected. */
export interface FieldLimit {
  min?: number;
  max?: number;
  /** False when the bound itself is not allowed (greater than 0). */
  inclusive?: boolean;
  values?: string[];
  format?: string;
  expected?: string;
  /** The unit a person reads the bound in: `percent` (0.9999 reads 99.99 %), `characters`, `items`. */
  unit?: 'percent' | 'characters' | 'items';
}

/**
 * One invalid field of a request, a file row or a receipt line. A request's field errors also
 * carry `field` (its path), its label, a stable `code`, the `limit` it broke and the sentence in
 * Korean (`messageKo`) — lib/field-messages.ts, ADR 029.
 */
export interface FieldError {
  path?: string;
  row?: number;
  column?: string;
  value?: string;
  message: string;
  field?: string;
  label?: string;
  labelKo?: string;
  code?: string;
  messageKo?: string | null;
  limit?: FieldLimit;
}

export type DomainErrorKind = 'invalid' | 'conflict' | 'not-found';

/**
 * A refused request. `code` names the problem more narrowly than its kind (`lot-mismatch`,
 * `already-reversed`); `extra` carries the figures a client needs (requested, available…).
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly code?: string,
    readonly errors?: FieldError[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The input breaks a rule (unknown SKU, expiry before receipt); `errors` names each field. */
export const invalidInput = (message: string, errors?: FieldError[]) => new DomainError('invalid', message, undefined, errors);

/** The request is valid but the state refuses it (not enough stock, archived product). */
export const stateConflict = (message: string, extra: Record<string, unknown> = {}, code?: string) =>
  new DomainError('conflict', message, code, undefined, extra);

/** The named record does not exist for this tenant: "<what> not found." */
export const missing = (what: string) => new DomainError('not-found', `${what} not found.`);

/** The database refused a stock batch because stock would go negative or a new lot id was taken: plan again. */
export class StockConflict extends Error {}
