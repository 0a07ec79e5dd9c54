// Lint rules: typescript-eslint's recommended set on src/ and test/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
    },
  },
  // Each platform SDK and storage library is imported in its one place only (see docs/style: adapters and
  // stores are the only code that knows them). Type-only imports are free: they vanish at build time.
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: restrictedExcept() }],
    },
  },
  { files: ['src/channels/slack/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: restrictedExcept('slack') }] } },
  { files: ['src/channels/discord/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: restrictedExcept('discord') }] } },
  { files: ['src/nlu/english.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: restrictedExcept('natural') }] } },
  { files: ['src/store/lowdb-store.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: restrictedExcept('lowdb') }] } },
  { files: ['src/store/postgres-store.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: restrictedExcept('pg') }] } },
);

/** The restricted-import patterns, without the one library the files of this block may import. */
function restrictedExcept(allowed) {
  const libraries = {
    slack: { group: ['@slack/*'], message: 'Slack SDKs are imported only under src/channels/slack/.' },
    discord: { group: ['discord.js', '@discordjs/*'], message: 'discord.js is imported only under src/channels/discord/.' },
    natural: { group: ['natural', 'natural/*'], message: 'natural is imported only in src/nlu/english.ts.' },
    lowdb: { group: ['lowdb', 'lowdb/*'], message: 'lowdb is imported only in src/store/lowdb-store.ts.' },
    pg: { group: ['pg', 'pg-*'], message: 'pg is imported only in src/store/postgres-store.ts.' },
  };
  return Object.entries(libraries)
    .filter(([name]) => name !== allowed)
    .map(([, pattern]) => ({ ...pattern, allowTypeImports: true }));
}
