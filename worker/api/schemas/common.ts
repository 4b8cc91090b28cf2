// The wrappers every response schema is built from: a JSON body, a page of items, a list of items.
import { z } from '@hono/zod-openapi';

/** A 2xx JSON response declared with its schema (createRoute's `responses`). */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A page of a list: `{items, total, page, pageSize}` (README, API conventions). */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A whole (short) list: `{items}`. */
export const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** A downloaded file (CSV or XLSX): the body is the file itself. */
export const file = (description: string, ...types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])),
});

/** A key/value bag whose values the API does not fix (evidence, audit data, parsed JSON). */
export const record = z.record(z.string(), z.unknown());
