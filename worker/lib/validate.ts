import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { AppEnv } from './auth';
import { fieldMessages } from './field-messages';
import { josa } from './josa';
import { badRequest, invalid, type FieldError } from './problem';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Rejects prototype-polluting keys anywhere in a parsed JSON value. */
export function assertSafeKeys(value: unknown, path = ''): void {
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw badRequest(`The key "${key}" is not allowed.`, [{ path: path + key, message: 'forbidden key' }]);
    assertSafeKeys((value as Record<string, unknown>)[key], `${path}${key}.`);
  }
}

/** A failed parse as field errors a person reads: label, code, limit, English and Korean (lib/field-messages.ts). */
export function zodErrors(error: ZodError): FieldError[] {
  return fieldMessages(error.issues);
}

const WHAT_KO: Record<string, string> = { Request: '요청', 'Request body': '요청 내용', 'Query string': '조회 조건', Path: '주소 경로' };

/** A validation problem (422) with its detail in English and Korean; each field's sentence is in `errors`. */
export const invalidRequest = (what: string, errors: FieldError[]) =>
  invalid(`${what} is invalid.`, errors, { detailKo: `${josa(WHAT_KO[what] ?? what, '이/가')} 올바르지 않습니다.` });

/** Parses with a schema or throws a 422 problem; the single validation wrapper for every input. */
export function parseOr422<T extends z.ZodType>(schema: T, input: unknown, what = 'Request'): z.infer<T> {
  assertSafeKeys(input);
  const r = schema.safeParse(input);
  if (!r.success) throw invalidRequest(what, zodErrors(r.error));
  return r.data;
}

/** Sub-app whose route validation failures become problem+json through the shared error handler. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const target = (result as { target?: string }).target;
        const what = target === 'query' ? 'Query string' : target === 'param' ? 'Path' : 'Request body';
        throw invalidRequest(what, zodErrors(result.error as ZodError));
      }
    },
  });
}

export const jsonBody = <T extends z.ZodType>(schema: T, description = 'JSON body') => ({
  body: { content: { 'application/json': { schema } }, required: true, description },
});

export const problemResponses = {
  400: { description: 'Malformed request', content: { 'application/problem+json': { schema: z.object({}).passthrough() } } },
  401: { description: 'Missing or invalid token' },
  403: { description: 'Role not allowed' },
  404: { description: "Not found (or another tenant's)" },
  409: { description: 'Conflict with current state' },
  422: { description: 'Validation failed' },
} as const;

export const pagination = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * The body schema of an RFC 7396 merge patch built from a create shape: every field optional,
 * defaults removed (an omitted field keeps its stored value instead of being reset), and `null`
 * accepted only where the field itself is nullable.
 */
export type MergePatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<z.ZodType<z.output<S[K]>>> };

export function mergePatchShape<S extends z.ZodRawShape>(shape: S): MergePatchShape<S> {
  const out: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(shape)) {
    let field = v as z.ZodType;
    // Unwrap optional/default layers so a default can never fill an omitted field.
    for (;;) {
      if (field instanceof z.ZodDefault) field = field.unwrap() as z.ZodType;
      else if (field instanceof z.ZodOptional) field = field.unwrap() as z.ZodType;
      else break;
    }
    out[k] = field.optional();
  }
  return out as MergePatchShape<S>;
}
