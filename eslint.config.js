import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// docs/ARCHITECTURE.md#where-things-live, "Modules": a module is reached from outside only through its index.ts, and
// its SQL (repo.ts, *-repo.ts) never. Tests and their helpers may take another module's fixtures, never its repo.
const TESTS = ['**/*.test.ts', 'server/src/test/**', '**/test-kit.ts', '**/test-factories.ts', '**/test-support.ts'];
const TEST_HELPERS = ['**/fixtures.ts'];
const otherRepo = {
  regex: '(^\\.\\./(?!\\.\\./)[^/]+/|/modules/[^/]+/)([\\w-]+-)?repo\\.ts$',
  message: "Another module's SQL: call its service through its index.ts (docs/ARCHITECTURE.md#where-things-live).",
};
// any file of another module but its index.ts (and its repos, which `otherRepo` names)
const notIndex = (prefix) => ({
  regex: `${prefix}(?!index\\.ts$)(?!([\\w-]+-)?repo\\.ts$)`,
  message: 'Reach another module only through its index.ts (docs/ARCHITECTURE.md#where-things-live).',
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'web/dist/**',
      'server/dist/**',
      'server/dist.*/**',
      'server/src/db/migrations/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // the rules of hooks and React's own checks, every one an error (a warning would pass unseen)
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...Object.fromEntries(Object.keys(reactHooks.configs.flat.recommended.rules).map((rule) => [rule, 'error'])),
      '@typescript-eslint/no-explicit-any': 'error',
      // the browser takes the contracts' types from the package and its values from `/values`: never zod and the
      // schemas (packages/contracts/src/values.ts)
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@crm/contracts',
              allowTypeImports: true,
              message: "The web app takes the contracts' values from '@crm/contracts/values' (no zod in the browser).",
            },
          ],
          patterns: [{ group: ['zod', 'zod/*'], message: 'No zod in the browser: its checks run on the server.' }],
        },
      ],
    },
  },
  {
    // a test's view of a response's JSON body; the test kit (issue 15, item 3) gives it a type
    files: ['server/src/test/harness.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['server/src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [otherRepo] }] },
  },
  {
    files: ['server/src/modules/**/*.ts'],
    ignores: [...TESTS, ...TEST_HELPERS],
    rules: {
      'no-restricted-imports': ['error', { patterns: [otherRepo, notIndex('^\\.\\./(?!\\.\\./)[^/]+/')] }],
    },
  },
  {
    files: ['server/src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['server/src/modules/**', ...TESTS, ...TEST_HELPERS],
    rules: { 'no-restricted-imports': ['error', { patterns: [otherRepo, notIndex('/modules/[^/]+/')] }] },
  },
  prettier,
);
