/**
 * Hostile input: megabyte messages of every character class get a clear answer and are never stored whole.
 * The text functions also run on 1 MB directly, in a child process with a deadline: a regex that backtracks
 * quadratically takes hours there, so it fails the test instead of passing unnoticed behind the input cut.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanText } from '../../src/core/understand.js';
import { MAX_INPUT_CHARS } from '../../src/dialog/step.js';
import { forkTs } from '../store/fork-ts.js';
import { openConsoleSession, type ConsoleSession } from '../support/console-session.js';
import { CHARACTER_CLASSES as CLASSES, oneMegabyte } from './fixtures/character-classes.js';

/** Far more than linear work on 17 MB needs here, far less than one quadratic regex on 1 MB takes. */
const DEADLINE_MS = 60_000;

describe('text functions on 1 MB of each character class', () => {
  it('cleaning, language, masking, details and matching finish for every class', async () => {
    // In a child process: a runaway regex blocks its thread, and only a process can be stopped from outside.
    const child = forkTs(new URL('./fixtures/text-functions-on-1mb.ts', import.meta.url).pathname, []);
    const finished: string[] = [];
    child.on('message', (name) => finished.push(String(name)));
    const timer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    expect(finished, `stuck after ${finished.at(-1) ?? 'start'}: some text function is not linear`).toEqual(Object.keys(CLASSES));
    expect(code).toBe(0);
  }, DEADLINE_MS + 10_000);
});

describe('megabyte messages through the bot', () => {
  let session: ConsoleSession;
  beforeAll(async () => {
    session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00' });
  });
  afterAll(() => session.close());

  for (const [name, unit] of Object.entries(CLASSES)) {
    it(`${name}: refused with the limit, stored cut, and the next message is answered`, async () => {
      const user = `u-${name}`;
      const out = await session.send({ user, text: oneMegabyte(unit) });
      expect(out.length).toBeGreaterThan(0);
      for (const o of out) expect(o).not.toHaveProperty('error');
      const texts = out.map((o) => ('text' in o ? o.text : '')).join('\n');
      // Whitespace, invisible and control characters clean away to nothing: that is an empty message, not a long one.
      expect(texts).toMatch(/너무 길어요|비어 있어요|글로 적어 주세요|too long/);
      const next = await session.send({ user, text: '비밀번호를 잊어버렸어요' });
      expect(next[0]).toMatchObject({ intent: 'account.password_reset' });
    }, 20_000);
  }

  it('keeps the data file small after twenty 1 MB messages from one user', async () => {
    for (let i = 0; i < 20; i++) await session.send({ user: 'flooder', text: oneMegabyte('가') });
    const size = readFileSync(join(session.dataDir, 'deskbot.json')).length;
    expect(size).toBeLessThan(MAX_INPUT_CHARS * 4 * 3);
  }, 60_000);
});

describe('text cleaning', () => {
  it('removes direction overrides and isolates, so agents read what the user typed', () => {
    expect(cleanText('invoice_\u202Efdp.exe')).toBe('invoice_fdp.exe');
    expect(cleanText('\u2066abc\u2069 \u200Fdef')).toBe('abc def');
  });

  it('keeps zero-width joiners inside emoji sequences and removes them elsewhere', () => {
    expect(cleanText('가족 👨‍👩‍👧‍👦 사진')).toBe('가족 👨‍👩‍👧‍👦 사진');
    expect(cleanText('🏳️‍🌈')).toBe('🏳️‍🌈');
    expect(cleanText('👩🏽‍💻')).toBe('👩🏽‍💻');
    expect(cleanText('비밀\u200D번호')).toBe('비밀번호');
    expect(cleanText('비밀\u200B번\u200C호')).toBe('비밀번호');
  });
});
