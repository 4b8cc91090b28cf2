// Domain errors: what a use-case or a repository says went wrong, in the product's terms and with
// no HTTP in it. The API's one onError maps each kind to its problem+json status (lib/problem.ts
// `problemFromDomain`); queue consumers and scripts read `kind` and the message.

/** One invalid field of a request, a file row or a receipt line. */
export interface FieldError {
  path?: string;
  row?: number;
  column?: string;
  value?: string;
  message: string;
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
