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
  // stores are the only code that knows them), and the folders keep one direction: the dialog and cases
  // never reach back into the core, and adapters never into the dialog. Type-only imports of the libraries
  // are free: they vanish at build time.
  restrict(['src/**/*.ts']),
  restrict(['src/channels/slack/**'], { allow: 'slack', layers: ['dialog'] }),
  restrict(['src/channels/discord/**'], { allow: 'discord', layers: ['dialog'] }),
  restrict(['src/dialog/**'], { layers: ['core'] }),
  restrict(['src/cases/**'], { layers: ['core', 'dialog', 'nlu', 'channels'] }),
  restrict(['src/nlu/english.ts'], { allow: 'natural' }),
  restrict(['src/nlu/use-lite/worker.ts'], { allow: 'tensorflow' }),
  restrict(['src/store/lowdb-store.ts'], { allow: 'lowdb' }),
  restrict(['src/store/postgres-store.ts'], { allow: 'pg' }),
);

/** A lint block for `files`: every library but `allow` is restricted, and so are the project folders in `layers`. */
function restrict(files, { allow, layers = [] } = {}) {
  const libraries = {
    slack: { group: ['@slack/*'], message: 'Slack SDKs are imported only under src/channels/slack/.' },
    discord: { group: ['discord.js', '@discordjs/*'], message: 'discord.js is imported only under src/channels/discord/.' },
    natural: { group: ['natural', 'natural/*'], message: 'natural is imported only in src/nlu/english.ts.' },
    lowdb: { group: ['lowdb', 'lowdb/*'], message: 'lowdb is imported only in src/store/lowdb-store.ts.' },
    pg: { group: ['pg', 'pg-*'], message: 'pg is imported only in src/store/postgres-store.ts.' },
    tensorflow: {
      group: ['@tensorflow/*', '@energetic-ai/*'],
      message: 'TensorFlow.js and the model are loaded only in src/nlu/use-lite/worker.ts (a worker thread).',
    },
  };
  const patterns = Object.entries(libraries)
    .filter(([name]) => name !== allow)
    .map(([, pattern]) => ({ ...pattern, allowTypeImports: true }));
  for (const layer of layers) {
    patterns.push({ group: [`**/${layer}/*`], message: `This folder does not depend on src/${layer}/ (the folders keep one direction).` });
  }
  return { files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}
