// The layering of the Worker, enforced: api, queues, cron and the web app call use-cases
// (stock/, planning/, actions/ …), which call domain/ (pure) and data/ (queries); lib/ is the
// floor. Each entry lists the imports a folder may not make. Kept apart from eslint.config.js so
// test/lint/boundaries.test.ts lints fixtures against the very same rules.

const folder = (names) => `(^|/)(${names.join('|')})(/|$)`;

const rule = (...patterns) => ['error', { patterns }];

export const boundaries = [
  // Pure functions: no bindings, no I/O, nothing from another layer but lib/errors. A relative
  // import leaves domain/ by climbing one level more than the file lies deep in it.
  ...['worker/domain/*.ts', 'worker/domain/*/*.ts'].map((files, depth) => ({
    files: [files],
    rules: {
      'no-restricted-imports': rule(
        {
          regex: `^(\\.\\./){${depth + 1}}(?!lib/errors$)`,
          message: 'domain/ imports nothing outside domain/ but lib/errors (README "Layout").',
        },
        { regex: '^(drizzle-orm|hono|@hono/|cloudflare:)', message: 'domain/ is pure: no database, HTTP or platform modules.' },
      ),
    },
  })),
  {
    files: ['worker/data/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        {
          regex: folder(['api', 'stock', 'planning', 'cron', 'actions', 'ask', 'queues']),
          message: 'data/ does not import the API or use-cases (README "Layout").',
        },
        { regex: '(^|/)lib/problem$', message: 'data/ throws domain errors (lib/errors.ts), not HTTP problems.' },
        { regex: '^(hono|@hono/)', message: 'data/ knows nothing of HTTP.' },
      ),
    },
  },
  {
    files: ['worker/stock/**/*.ts', 'worker/planning/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        { regex: folder(['api']), message: 'Use-cases do not import the API; routes call them (README "Layout").' },
        { regex: '^(hono|@hono/)', message: 'Use-cases take plain arguments, not a Hono context.' },
      ),
    },
  },
  {
    files: ['worker/api/**/*.ts'],
    // The response schemas derive the API's records from the table definitions (drizzle-zod): they
    // read the schema's shapes, never query.
    ignores: ['worker/api/schemas/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^drizzle-orm',
              allowTypeImports: true,
              message: 'Route handlers run no queries: call a data/ repo or a use-case (README "Layout").',
            },
            {
              regex: '(^|/)data/schema$',
              allowTypeImports: true,
              message: 'Route handlers do not reach into the schema: use a data/ repo.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Two pure exceptions: worker/lib/csv (the cell rules the grid export shares with the API's
              // files) and worker/lib/josa (the Korean particles the API's sentences and the catalog share).
              regex: '(^|/)worker(/(?!lib/(csv|josa)$)|$)',
              allowTypeImports: true,
              message: 'The web app takes only types from worker/ (and lib/csv, lib/josa); it calls the API over the service binding.',
            },
          ],
        },
      ],
    },
  },
];
