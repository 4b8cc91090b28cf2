import { defineConfig } from 'vitest/config';

// Pure planning-engine tests: plain Node, no workerd needed (worker/domain has no bindings); the
// layering lint test runs ESLint here too, and the web app's pure functions (test/app) run here.
export default defineConfig({
  test: {
    name: 'domain',
    environment: 'node',
    include: ['test/domain/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/app/**/*.test.ts'],
  },
});
