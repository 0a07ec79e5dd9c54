import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNluEvalCommand } from '../../src/nlu/eval-command.js';
import { createFixtureEncoder } from '../support/fixture-encoder.js';
import { FIXTURE } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'deskbot-nlu-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const jsonl = (examples: { text: string; intent: string }[]) => examples.map((e) => JSON.stringify(e));
const train = write('train.jsonl', jsonl(FIXTURE.filter((_, i) => i % 3 !== 0)));
const test = write(
  'test.jsonl',
  jsonl([...FIXTURE.filter((_, i) => i % 3 === 0), { text: '내일 부산 날씨 어때', intent: 'oos' }, { text: 'who won the world cup', intent: 'oos' }]),
);

async function run(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runNluEvalCommand(args, (l) => lines.push(l));
  return { code, lines };
}

describe('deskbot nlu eval', () => {
  it('prints exactly one JSON object with the protocol figures', async () => {
    const { code, lines } = await run(['--train', train, '--test', test, '--val', test, '--json']);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]);
    for (const field of ['inScopeAccuracy', 'oosRecall', 'threshold', 'trainSeconds', 'p50Ms', 'p99Ms', 'peakRssMb']) {
      expect(typeof report[field], field).toBe('number');
    }
    expect(report.inScopeAccuracy).toBeGreaterThanOrEqual(0);
    expect(report.inScopeAccuracy).toBeLessThanOrEqual(1);
    expect(report.oosRecall).toBeGreaterThanOrEqual(0);
    expect(report.oosRecall).toBeLessThanOrEqual(1);
    expect(report.thresholdSource).toBe('val');
    expect(report.testExamples).toBe(FIXTURE.filter((_, i) => i % 3 === 0).length + 2);
    expect(report.curve.length).toBeGreaterThan(5);
    expect(report.curve[0]).toMatchObject({ threshold: 0 });
    expect(report.curve.at(-1).oosRecall).toBe(1);
  });

  it('reports null oos recall when the test set has no oos, and says where the threshold came from', async () => {
    const inScopeOnly = write('in-scope.jsonl', jsonl(FIXTURE.filter((_, i) => i % 3 === 0)));
    const { code, lines } = await run(['--train', train, '--test', inScopeOnly, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(lines[0]);
    expect(report.oosRecall).toBeNull();
    expect(report.thresholdSource).toBe('train-holdout');
  });

  it('prints a readable table without --json', async () => {
    const { code, lines } = await run([`--train=${train}`, `--test=${test}`]);
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/in-scope accuracy\s+\d+\.\d%/);
    expect(lines.join('\n')).toMatch(/oos recall\s+\d+\.\d%/);
    expect(lines.join('\n')).toContain('held-out part of --train');
  });

  it('names the file and line of a malformed example, exit code 2', async () => {
    const bad = write('bad.jsonl', [JSON.stringify({ text: 'ok', intent: 'a' }), '{"text": "broken"', JSON.stringify({ text: 'x', intent: 'b' })]);
    const { code, lines } = await run(['--train', bad, '--test', test]);
    expect(code).toBe(2);
    expect(lines.join('\n')).toContain(`${bad}:2`);
    const noIntent = write('no-intent.jsonl', [JSON.stringify({ text: 'ok' })]);
    const second = await run(['--train', train, '--test', noIntent]);
    expect(second.code).toBe(2);
    expect(second.lines.join('\n')).toContain(`${noIntent}:1: "intent" must be a non-empty string`);
  });

  it('explains bad arguments and missing files, exit code 2', async () => {
    const missing = await run(['--train', join(dir, 'nope.jsonl'), '--test', test]);
    expect(missing.code).toBe(2);
    expect(missing.lines.join('\n')).toContain('nope.jsonl: file not found');
    const noTest = await run(['--train', train]);
    expect(noTest.code).toBe(2);
    expect(noTest.lines.join('\n')).toContain('missing --test FILE');
    const unknown = await run(['--train', train, '--test', test, '--fast']);
    expect(unknown.code).toBe(2);
    expect(unknown.lines.join('\n')).toContain('unknown argument: --fast');
  });
});

describe('deskbot nlu eval with a sentence encoder', () => {
  it('reports the lexical matcher, the classifier on embeddings and their fusion side by side', async () => {
    // A perfect fixture encoder: every example's vector is its intent's.
    const labels = new Map(FIXTURE.map((e) => [e.text, e.intent]));
    const lines: string[] = [];
    const code = await runNluEvalCommand(['--train', train, '--test', test, '--val', test], (l) => lines.push(l), undefined, () => createFixtureEncoder({ labels }));
    expect(code).toBe(0);
    const table = lines.slice(lines.indexOf('matcher                        in-scope acc  top-1 acc  oos recall'));
    expect(table.map((l) => l.split(/\s{2,}/)[0])).toEqual(['matcher', 'lexical', 'encoder + regression & neighbours', 'fused', expect.stringMatching(/^fusion: lexical weight [\d.]+, regression weight [\d.]+, fused threshold [\d.]+/)]);
    // The encoder knows every English test message's intent (Korean ones go to the lexical matcher).
    expect(table[2]).toMatch(/encoder \+ regression & neighbours\s+\d+\.\d%\s+\d+\.\d%/);
  });

  it('says why there is no fused figure when the encoder cannot load, and measures none with --encoder none', async () => {
    const unavailable = await run(['--train', train, '--test', test]);
    expect(unavailable.lines.at(-1)).toBe('fused matcher: not measured (the shipped sentence encoder is not loaded in tests)');
    const none = await run(['--train', train, '--test', test, '--encoder', 'none', '--json']);
    expect(JSON.parse(none.lines[0]).fusion).toBeNull();
    const bad = await run(['--train', train, '--test', test, '--encoder', 'bert']);
    expect(bad.code).toBe(2);
    expect(bad.lines[0]).toBe("deskbot nlu eval: --encoder must be use-lite or none, not 'bert'");
  });
});
