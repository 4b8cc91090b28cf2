import { defineConfig } from 'vitest/config';

// Pure planning-engine tests: plain Node, no workerd needed (worker/domain has no bindings); the
// layering lint test runs ESLint here too.
export default defineConfig({
  test: {
    name: 'domain',
    environment: 'node',
    include: ['test/domain/**/*.test.ts', 'test/lint/**/*.test.ts'],
  },
});
