// POST /api/ask: a plain-language question answered from Lotwise's own views (docs/ask.md).
// Every authenticated role may ask; answers are read-only and scoped to the caller's tenant.
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonBody, problemResponses } from '../lib/validate';
import { AskAnswer, json } from './schemas';
import { ask } from '../ask/ask';

/** Long questions are accepted and read from the start; the body limit caps the rest. */
const askBody = z
  .object({
    question: z.string().max(20_000),
    lang: z.enum(['en', 'ko']).optional().openapi({
      description: "The answer's language (default en); the engine's reasons quoted in its sentences follow it (rows stay as stored).",
    }),
  })
  .strict();

export const askRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['ask'],
    summary:
      'Answer a question from the planning views: intent, parameters, answer, rows, columns, citations, explanation, source, confidence, suggestions.',
    request: jsonBody(askBody, 'The question'),
    responses: { 200: json(AskAnswer, 'The answer'), ...problemResponses },
  }),
  async (c) => {
    const { question, lang } = c.req.valid('json');
    return c.json(await ask(c.env, c.get('auth'), question, lang), 200);
  },
);
