import { defineConfig } from 'vitest/config';

// Pure planning-engine tests: plain Node, no workerd needed (worker/domain has no bindings).
export default defineConfig({
  test: {
    name: 'domain',
    environment: 'node',
    include: ['test/domain/**/*.test.ts'],
  },
});
