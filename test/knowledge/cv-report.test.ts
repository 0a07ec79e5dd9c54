/**
 * The cross-validation report of `deskbot intents check --cv`: its figures add up, its confused pairs and their
 * examples come from intents/, it is saved to and read back from the data folder, and the command writes it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIntentsCheckCommand } from '../../src/knowledge/check-command.js';
import { CV_REPORT_FILE, crossValidateIntents, readCvReport, saveCvReport, type CvReport } from '../../src/knowledge/cv-report.js';
import { loadIntentsDir } from '../../src/knowledge/load.js';
import { dealFolds, lexicalHeldOut } from '../../src/nlu/cross-validation.js';
import { DEFAULT_THRESHOLD, OOS } from '../../src/nlu/matcher.js';

const folder = () => mkdtempSync(join(tmpdir(), 'deskbot-cv-'));
let report: CvReport;

beforeAll(async () => {
  report = await crossValidateIntents('intents', new Date('2026-12-01T01:00:00Z'));
}, 60_000);

describe('the cross-validation report of intents/', () => {
  it('scores every example of every intent once, and its figures add up', async () => {
    const { intents } = await loadIntentsDir('intents');
    expect(report).toMatchObject({ version: 1, madeAt: '2026-12-01T01:00:00.000Z', matcher: 'lexical', folds: 5 });
    expect(report.intents.map((i) => i.id)).toEqual(intents.map((i) => i.id));
    for (const i of report.intents) {
      const intent = intents.find((x) => x.id === i.id);
      expect(i.ko.examples, i.id).toBe(intent?.examples.ko.length);
      expect(i.en.examples, i.id).toBe(intent?.examples.en.length);
      expect(i.examples).toBe(i.ko.examples + i.en.examples);
      expect(i.right).toBe(i.ko.right + i.en.right);
    }
    const right = report.intents.reduce((n, i) => n + i.right, 0);
    expect(report.examples).toBe(report.intents.reduce((n, i) => n + i.examples, 0));
    expect(report.accuracy).toBeCloseTo(right / report.examples, 10);
    // The figure the README and `npm run bench -- intents` give for the lexical matcher (93-97%).
    expect(report.accuracy).toBeGreaterThan(0.9);
    expect(right).toBeLessThan(report.examples);
  });

  it('names the most confused pairs first, each with examples of one intent placed under the other', async () => {
    const { intents } = await loadIntentsDir('intents');
    const examplesOf = (id: string) => {
      const intent = intents.find((i) => i.id === id);
      return [...(intent?.examples.ko ?? []), ...(intent?.examples.en ?? [])];
    };
    expect(report.confusions.length).toBeGreaterThan(0);
    expect(report.confusions.length).toBeLessThanOrEqual(10);
    const counts = report.confusions.map((c) => c.aAsB + c.bAsA);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    for (const c of report.confusions) {
      expect(c.a < c.b).toBe(true);
      expect(intents.map((i) => i.id)).toEqual(expect.arrayContaining([c.a, c.b]));
      expect(c.examples.length).toBeGreaterThan(0);
      expect(c.examples.length).toBeLessThanOrEqual(3);
      for (const e of c.examples) {
        expect([e.intent, e.guessed].sort()).toEqual([c.a, c.b]);
        expect(examplesOf(e.intent)).toContain(e.text);
      }
    }
    const wrong = report.intents.reduce((n, i) => n + i.examples - i.right, 0);
    expect(counts.reduce((n, x) => n + x, 0)).toBeLessThanOrEqual(wrong);
  });

  it('keeps the ten largest pairs of the same held-out scores, counted here from them', async () => {
    const { intents, outOfScope } = await loadIntentsDir('intents');
    const tally = new Map<string, number>();
    for (const s of lexicalHeldOut(dealFolds(intents, outOfScope, 5), 5)) {
      if (s.gold === OOS || s.predicted === OOS || s.predicted === s.gold) continue;
      const key = [s.gold, s.predicted].sort().join(' ');
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    const largest = [...tally.values()].sort((x, y) => y - x).slice(0, 10);
    expect(report.confusions.map((c) => c.aAsB + c.bAsA)).toEqual(largest);
    expect(largest[0]).toBeGreaterThan(largest[9]);
  });

  it('suggests the threshold the bot ships: changing the shipped examples means choosing NLU_THRESHOLD again', () => {
    // Issue 16 added examples and left the default at 0.13 while the folds chose 0.191: the bot answered 2.3 points
    // more out-of-scope messages than the benchmark said.
    expect(Math.abs(report.threshold - DEFAULT_THRESHOLD)).toBeLessThan(0.005);
  });

  it('is saved to the data folder and read back; a file that is not a report is a problem, none is undefined', async () => {
    const dir = folder();
    expect(await readCvReport(dir)).toBeUndefined();
    expect(await saveCvReport(dir, report)).toBe(join(dir, CV_REPORT_FILE));
    expect(await readCvReport(dir)).toEqual(report);
    writeFileSync(join(dir, CV_REPORT_FILE), JSON.stringify({ ...report, accuracy: 'high' }));
    expect(await readCvReport(dir)).toEqual({ problem: `${join(dir, CV_REPORT_FILE)}: not a cross-validation report (accuracy: Invalid input: expected number, received string)` });
    writeFileSync(join(dir, CV_REPORT_FILE), '{');
    expect(await readCvReport(dir)).toEqual({ problem: `${join(dir, CV_REPORT_FILE)}: not JSON` });
  });
});

describe('deskbot intents check --cv', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runIntentsCheckCommand(args, (l) => out.push(l), (l) => err.push(l));
    return { code, out, err };
  };

  it('cross-validates intents/ and saves the report in --data', async () => {
    const dir = join(folder(), 'data');
    const { code, out } = await run(['--dir', 'intents', '--cv', '--data', dir]);
    expect(code).toBe(0);
    expect(out.at(-4)).toMatch(/^Cross-validation \(5 folds, lexical matcher\): 9\d\.\d% \(\d+\/\d+\) of held-out examples placed under their intent; suggested NLU_THRESHOLD 0\.\d{3}$/);
    expect(out.at(-3)).toMatch(/^Least accurate: /);
    expect(out.at(-2)).toMatch(/^Most confused: \S+ ↔ \S+ \(\d+\)/);
    expect(out.at(-1)).toBe(`Saved to ${join(dir, CV_REPORT_FILE)} (the dashboard's Knowledge page shows it)`);
    const saved = JSON.parse(readFileSync(join(dir, CV_REPORT_FILE), 'utf8')) as CvReport;
    expect({ ...saved, madeAt: report.madeAt }).toEqual(report);
  }, 60_000);

  it('does not cross-validate intents/ with errors', async () => {
    const dir = folder();
    const { code, err } = await run(['--dir', 'test/knowledge/fixtures/unknown-field', '--cv', '--data', dir]);
    expect(code).toBe(1);
    expect(err).toEqual(['Not cross-validated: fix the errors first.']);
    expect(await readCvReport(dir)).toBeUndefined();
  });
});
