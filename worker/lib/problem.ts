import { DomainError, type FieldError } from './errors';
import { knownFieldLabel } from './field-labels';
import { problemKo } from './problem-ko';

export type { FieldError };

/** RFC 9457 problem details: the one error body of the API. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The detail in Korean, for the web app's Korean pages (ADR 029); absent when it has none. */
  detailKo?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** RFC 9457's members: an extension of the same name would misstate the problem (clients read `status` as the HTTP status). */
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    detail?: string,
    readonly errors?: FieldError[],
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? TITLES[status] ?? 'Error');
  }

  /** The body; `ko` reads an English sentence into Korean (problem-ko.ts; the API adds the imports' reading). */
  body(ko: (en: string) => string | null = problemKo): ProblemBody {
    // Extension members never replace RFC 9457's own: a record's status travels as `state`
    // (a shipment's "arrived" once answered as `"status": "arrived"` in a 409).
    const extra = Object.fromEntries(
      Object.entries(this.extra)
        .filter(([k]) => !RESERVED.has(k) || k === 'status')
        .map(([k, v]) => (k === 'status' ? ['state', v] : [k, v])),
    );
    // The Korean beside the English (ADR 029): the thrower's own, else read from the English.
    const detailKo = typeof this.extra.detailKo === 'string' ? this.extra.detailKo : ko(this.message);
    return {
      ...extra,
      type: `https://lotwise.dev/problems/${this.slug}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      ...(detailKo ? { detailKo } : {}),
      ...(this.errors?.length ? { errors: this.errors.map((e) => inKorean(e, ko)) } : {}),
    };
  }
}

/** Errors about a name the API does not take: no label would be right. */
const NAMELESS = new Set(['unknown_parameter', 'unknown_field']);

/**
 * A field error with its Korean (`messageKo`), its field (`field`) and its label in both languages
 * (`label`, `labelKo`) when the thrower gave none: a Korean page names the field by its Korean label,
 * never by its JSON key ("lotId: …"). A file row's error names its column instead and gets no label.
 */
function inKorean(e: FieldError, ko: (en: string) => string | null): FieldError {
  const field = e.field ?? e.path;
  const messageKo = e.messageKo === undefined ? ko(e.message) : e.messageKo;
  // An unknown parameter or field is named by what was sent (the detail lists it), not labelled.
  const [label, labelKo] = field && !e.column && !NAMELESS.has(e.code ?? '') ? (knownFieldLabel(field.split('.')) ?? []) : [];
  return {
    ...e,
    ...(field !== undefined ? { field } : {}),
    ...(label && e.label === undefined ? { label } : {}),
    ...(labelKo && e.labelKo === undefined ? { labelKo } : {}),
    ...(messageKo ? { messageKo } : {}),
  };
}

export const badRequest = (detail: string, errors?: FieldError[]) => new ProblemError(400, 'bad-request', detail, errors);
export const invalid = (detail: string, errors?: FieldError[], extra: Record<string, unknown> = {}) =>
  new ProblemError(422, 'validation', detail, errors, extra);
export const unauthorized = (detail = 'A valid bearer token is required.') =>
  new ProblemError(401, 'unauthorized', detail, undefined, {}, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (detail = 'Your role does not allow this action.') => new ProblemError(403, 'forbidden', detail);
export const notFound = (what = 'Resource') => new ProblemError(404, 'not-found', `${what} not found.`);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new ProblemError(409, 'conflict', detail, undefined, extra);

const DOMAIN_STATUS = { invalid: 422, conflict: 409, 'not-found': 404 } as const;
const DOMAIN_SLUG = { invalid: 'validation', conflict: 'conflict', 'not-found': 'not-found' } as const;

/** A domain error as the problem the API answers: invalid 422, conflict 409, not-found 404. */
export function problemFromDomain(e: DomainError): ProblemError {
  return new ProblemError(DOMAIN_STATUS[e.kind], e.code ?? DOMAIN_SLUG[e.kind], e.message, e.errors, e.extra);
}

/** Any error a caller outside HTTP must see as a problem (actions record its status). */
export const asProblem = (e: unknown): unknown => (e instanceof DomainError ? problemFromDomain(e) : e);

export function problemResponse(p: ProblemError, ko?: (en: string) => string | null): Response {
  return new Response(JSON.stringify(p.body(ko)), {
    status: p.status,
    headers: { 'content-type': 'application/problem+json', ...p.headers },
  });
}
