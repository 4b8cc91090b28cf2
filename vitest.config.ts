// Tests: the API, queues, cron and Durable Objects run inside workerd with real local bindings
// (project "workers"); the pure planning engine runs in Node (project "domain", its own config).
// Kept apart from any web-app Vite config; `main` is the API Worker.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  return {
    test: {
      projects: [
        './vitest.domain.config.ts',
        {
          plugins: [
            cloudflareTest({
              main: './worker/index.ts',
              remoteBindings: false,
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  JWT_SECRET: 'test-only-secret-0123456789abcdef0123456789',
                  ENVIRONMENT: 'development',
                },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/{api,queues,cron,durable-objects}/**/*.test.ts'],
            setupFiles: ['./test/setup/apply-migrations.ts'],
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  };
});
