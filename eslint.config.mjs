// Lint with the layer rules: which folder may know which.
//   electron/main, electron/preload  — the shell: the only code that imports `electron`.
//   electron/services, electron/cli  — use cases: plain TypeScript, never `electron`.
//   electron/contract                — the IPC contract: pure (zod + types), no Node, no db.
//   db/                              — the database: never `electron`, never the services or the renderer.
//   renderer/                        — the UI: never `node:*`, `db/`, better-sqlite3, kysely or `electron`.
import tseslint from 'typescript-eslint';

// Bare module names (matched exactly) and path patterns (gitignore syntax, so a bare word would
// match any path segment: `electron` would also forbid `../electron/contract`).
const NODE_BUILTINS = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'url', 'worker_threads'];
const isBareModule = (spec) => !spec.includes('*') && !spec.includes('/') || NODE_BUILTINS.includes(spec);

const restrict = (specs, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: specs.filter(isBareModule).map((name) => ({ name, message })),
      patterns: specs.filter((s) => !isBareModule(s)).map((group) => ({ group: [group], message })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.cache/', 'renderer/dist/', 'docs/', 'test-results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: restrict(['electron', '**/electron/**', '**/renderer/**'], 'db/ 是数据层：不得引用 electron、服务层或界面。'),
  },
  {
    files: ['electron/services/**/*.ts', 'electron/cli/**/*.ts'],
    rules: restrict(
      ['electron', 'electron-log', 'electron-log/*', '**/renderer/**', '../main/**', '../preload/**'],
      '服务层是纯 TypeScript：不得引用 electron、electron-log 或界面（日志由主进程通过端口写入）。',
    ),
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: restrict(
      ['electron', 'node:*', ...NODE_BUILTINS, 'better-sqlite3', 'kysely', '**/db/**', '../services/**', '../main/**', '**/renderer/**'],
      'IPC 契约必须是纯模块（zod 与类型），界面与主进程共用。',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      ['electron', 'node:*', ...NODE_BUILTINS, 'better-sqlite3', 'kysely', '**/db/**', '**/electron/services/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/cli/**'],
      '界面只能通过 window.api（electron/contract）访问数据，不得引用 Node、数据库或 electron。',
    ),
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
