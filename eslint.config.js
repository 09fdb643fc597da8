// One lint set for the whole workspace: ESLint's and typescript-eslint's recommended rules, lit
// and web-component rules for the widgets, and the house limits (files under 600 lines, functions
// under 80 unless an eslint-disable comment right above says why). Formatting is Prettier's job
// (eslint-config-prettier turns off the rules it owns). Type-aware rules are left out on purpose:
// they would make `npm test` several times slower on these 2-core machines for few extra finds
// that `tsc --strict` does not already make.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SOURCES = ['packages/*/src/**/*.ts', 'examples/**/*.ts'];
const TESTS = ['**/*.test.ts', '**/test/**', '**/e2e/**', '**/*.fixtures.ts', '**/*.fixture.ts', '**/bench/**'];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '**/generated/**', '**/.bench-data/**', 'examples/embed/vendor/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off', // the terminal and CSV escapers match control characters on purpose
      eqeqeq: ['error', 'smart'],
      'prefer-const': 'error',
    },
  },
  {
    files: ['packages/widgets/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/widgets/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: SOURCES,
    ignores: TESTS,
    rules: {
      'max-lines': ['error', { max: 600, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  prettier,
);
