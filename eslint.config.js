import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Core folders below the sessions (session, compare) and the benchmarks that drive them. */
const ENGINES = [
  'check',
  'classification',
  'config',
  'data',
  'datasets',
  'learners',
  'maml',
  'math',
  'model',
  'optim',
  'random',
  'results',
  'tasks',
  'tfjs',
];

/** What each layer may not import, and why. */
const NOT_FROM_CLI = { group: ['**/cli/**'], message: 'Only the CLI itself imports the CLI.' };
const NOT_FROM_PAGE = { group: ['**/ui/**'], message: 'The page sits on top: nothing imports it.' };
const NOT_FROM_WORKER = {
  group: ['**/worker/**'],
  message: 'The core has no worker above it to import.',
};
const NOT_FROM_SESSIONS = {
  group: ['**/session', '**/session/**', '**/compare/**', '**/bench/**'],
  message: 'Engines sit below the sessions that drive them: move shared types or constants down.',
};

/** A config block forbidding the imports of `rules` in `files` (one block per file: blocks override). */
function restrictImports(files, rules) {
  return { files, rules: { 'no-restricted-imports': ['error', { patterns: rules }] } };
}

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'coverage', 'public/tfjs-wasm', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.es2022 },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/cli/**/*.ts', 'tests/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  // Imports run downward only: ui -> worker -> core, and inside core the engines (learners, models,
  // tasks, data, config) never reach up to the sessions that drive them or to what drives those.
  restrictImports(['src/ui/**/*.{ts,tsx}'], [NOT_FROM_CLI]),
  restrictImports(['src/worker/**/*.ts'], [NOT_FROM_CLI, NOT_FROM_PAGE]),
  restrictImports(['src/core/**/*.ts'], [NOT_FROM_CLI, NOT_FROM_PAGE, NOT_FROM_WORKER]),
  restrictImports(
    [`src/core/{${ENGINES.join(',')}}/**/*.ts`],
    [NOT_FROM_CLI, NOT_FROM_PAGE, NOT_FROM_WORKER, NOT_FROM_SESSIONS],
  ),
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
