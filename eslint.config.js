import tseslint from 'typescript-eslint';
import { boundaries } from './eslint.boundaries.js';

export default tseslint.config(
  { ignores: ['node_modules', '.wrangler', 'build', 'dist', '.tmp', 'migrations', '.react-router'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  // Tests may use loose JSON response types; domain code may not use `any` at all.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['worker/domain/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'error' } },
  // Which folder may import which (README "Layout").
  ...boundaries,
);
