// Lint rules that keep the process boundaries of ../shared/STYLE.md:
// shared imports neither Node nor the DOM, main never imports React or the renderer,
// and the renderer reaches the Node side only through its API client.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'stream', 'url', 'events', 'util', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'src/shared runs in every process: no Node imports.' },
            { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'electron'], message: 'src/shared has no UI or Electron imports.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'src/shared depends on nothing else in the project.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react-dom/*', 'zustand'], message: 'src/main never imports React.' },
            { group: ['**/renderer/**'], message: 'src/main never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node access; ask the API client.' },
            { group: ['electron', 'better-sqlite3'], message: 'The renderer reaches the Node side only through api-client.ts.' },
            { group: ['**/main/**'], message: 'The renderer reaches the Node side only through api-client.ts.' },
          ],
        },
      ],
    },
  },
);
