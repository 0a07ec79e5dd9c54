import { defineConfig } from 'vitest/config';

/**
 * Test files that change process-wide state: the environment, process.stdin/stdout, or the logger (its level
 * is read once, on first use, and sendLogsToFile redirects it). Each runs in a fresh process of its own.
 * A new test file that does any of this belongs here.
 */
const ISOLATED = ['test/cli/**/*.test.ts', 'test/core/unused-route-warning.test.ts', 'test/core/intents-folder-replaced.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker; most test time is child processes, PostgreSQL and sockets.
    maxWorkers: 2,
    globalSetup: ['test/support/memory-tmpdir.ts'],
    setupFiles: ['test/support/shared-knowledge-base.ts', 'test/support/no-model-in-tests.ts'],
    projects: [
      // Every other file runs in a worker shared with the files before it: discord.js, Bolt and the core are
      // imported, and the knowledge base trained, once per worker instead of once per file (a third of the CPU).
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
