// Browser tests: the whole product (web + API Workers, one wrangler dev, its own fresh local state)
// driven in Debian's Chromium through playwright-core. `npm run test:e2e`; .ci/run runs them.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['./test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    expect: { poll: { timeout: 20_000, interval: 250 } },
  },
});
