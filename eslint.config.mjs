import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The pure core may import only itself and pure libraries; everything that does I/O lives outside. */
export const coreBoundary = {
  files: ['src/core/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { regex: '^node:', message: 'src/core is pure: no node:* modules.' },
        { regex: '^(fs|path|os|child_process|net|http|https|dns|worker_threads|cluster|crypto|stream|zlib|readline|process|timers)(/.*)?$', message: 'src/core is pure: no Node built-ins.' },
        { regex: '^(pg|kysely|ioredis|bullmq|express|pino|pino-http|prom-client|helmet|dotenv)(/.*)?$', message: 'src/core is pure: no database, queue, HTTP or logging libraries.' },
        { regex: '(^|/)(api|db|queue|cli)(/|$)', message: 'src/core must not import api, db, queue or cli.' },
        { regex: '(^|/)(workers|config)(/|$)', message: 'src/core must not import workers or config.' },
      ],
    }],
    'no-restricted-globals': ['error',
      { name: 'process', message: 'src/core is pure: no process.' },
      { name: 'require', message: 'src/core is pure: no dynamic require.' },
      { name: 'fetch', message: 'src/core is pure: no network.' }],
    'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded createRandom from core/shared/random.' }],
  },
};

export default tseslint.config(
  // test/fixtures/lint holds a deliberately bad file that the architecture test lints on purpose.
  { ignores: ['node_modules/**', 'dist/**', 'bench/results/**', 'out/**', 'coverage/**', 'fixtures/out/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['**/*.js', '**/*.cjs', 'bin/*'], languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } } },
  // Migrations are typed Kysely<any> on purpose: they must not depend on today's Database type.
  { files: ['src/db/migrations/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  coreBoundary,
);
