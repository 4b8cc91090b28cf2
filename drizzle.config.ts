import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL migrations; wrangler applies them (`wrangler d1 migrations apply`).
export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/data/schema.ts',
  out: './migrations',
  migrations: { prefix: 'index' },
  breakpoints: true,
});
