import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The core's folders from the bottom up: each imports only the folders below it. The settings
 * table (config) lists the learners, so it sits above them; the folders below import its types
 * only, which leave nothing behind at run time.
 */
const CORE_LAYERS = [
  'tfjs',
  'random',
  'math',
  'results',
  'optim',
  'data',
  'model',
  'classification',
  'tasks',
  'datasets',
  'families',
  'maml',
  'learners',
  'config',
  'check',
  'trainer',
  'bench',
  'lessons',
  'export',
];
/** What each layer may not import, and why. */
const NOT_FROM_CLI = { group: ['**/cli/**'], message: 'Only the CLI itself imports the CLI.' };
const NOT_FROM_PAGE = { group: ['**/ui/**'], message: 'The page sits on top: nothing imports it.' };
const NOT_FROM_WORKER = {
  group: ['**/worker/**'],
  message: 'The core has no worker above it to import.',
};
/** What a core folder may not import: every folder above it (config's types excepted). */
function notFromAbove(layer) {
  const above = CORE_LAYERS.slice(CORE_LAYERS.indexOf(layer) + 1);
  const group = (names) => names.flatMap((name) => [`**/${name}`, `**/${name}/**`]);
  const runtime = above.filter((name) => name !== 'config');
  const typesOnly = above.filter((name) => name === 'config');
  return [
    ...(runtime.length > 0
      ? [
          {
            group: group(runtime),
            message: `core/${layer} imports only the folders below it (CORE_LAYERS in eslint.config.js).`,
          },
        ]
      : []),
    ...(typesOnly.length > 0
      ? [
          {
            group: group(typesOnly),
            allowTypeImports: true,
            message: `core/${layer} sits below the settings table: import its types only.`,
          },
        ]
      : []),
  ];
}

/** A config block forbidding the imports of `rules` in `files` (one block per file: blocks override). */
function restrictImports(files, rules) {
  return {
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rules }] },
  };
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
  // Imports run downward only: ui -> worker -> core, and inside core each folder imports only the
  // folders below it in CORE_LAYERS (engines below learners below sessions below what drives them).
  restrictImports(['src/ui/**/*.{ts,tsx}'], [NOT_FROM_CLI]),
  restrictImports(['src/worker/**/*.ts'], [NOT_FROM_CLI, NOT_FROM_PAGE]),
  ...CORE_LAYERS.map((layer) =>
    restrictImports(
      [`src/core/${layer}/**/*.ts`],
      [NOT_FROM_CLI, NOT_FROM_PAGE, NOT_FROM_WORKER, ...notFromAbove(layer)],
    ),
  ),
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
