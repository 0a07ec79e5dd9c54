/** `npm run bench -- dashboard` on a small seed (lowdb only): it signs in, waits for the figures and times every page, each answering 200. */
import { describe, expect, it } from 'vitest';
import { benchDashboard } from '../../src/bench/dashboard-bench.js';

describe('the dashboard benchmark', () => {
  it('times the six pages on lowdb, one row each', async () => {
    const lines: string[] = [];
    await benchDashboard((l) => lines.push(...l.split('\n')), { turns: 200 });
    const rows = lines.filter((l) => l.startsWith('| lowdb |'));
    expect(rows.map((r) => r.split(' | ')[1])).toEqual(['`/`', '`/?since=365d`', '`/cases`', '`/cases/SEED00000J`', '`/review`', '`/knowledge`']);
    for (const r of rows) expect(r).toMatch(/ \| \d+ ms \| (yes|no) \|$/);
    expect(lines).toContainEqual(expect.stringMatching(/^lowdb: the first visit answered in \d+ ms( that the figures were being counted)?; figures after \d+\.\d s\.$/));
  }, 60_000);
});
