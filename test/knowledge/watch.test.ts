import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { KbProblem } from '../../src/knowledge/load.js';
import { loadKnowledgeBase, watchKnowledgeBase, type KnowledgeBaseWatcher } from '../../src/knowledge/watch.js';

const WAIT = { timeout: 15_000, interval: 50 };

/** Replaces a file the way most editors save: write a temporary file, then rename it over the old one. */
async function save(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

describe('watchKnowledgeBase', () => {
  let dir = '';
  let watcher: KnowledgeBaseWatcher | undefined;
  afterEach(async () => {
    watcher?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reloads on edits, keeps the last good knowledge base through a broken file, and recovers when fixed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-watch-'));
    await cp('test/knowledge/fixtures/valid', dir, { recursive: true });
    const file = join(dir, 'mail.spam.yaml');
    const original = await readFile(file, 'utf8');
    const initial = await loadKnowledgeBase(dir);
    const changes: KnowledgeBase[] = [];
    const reports: KbProblem[][] = [];
    watcher = watchKnowledgeBase(dir, { initial }, (kb) => changes.push(kb), (problems) => reports.push(problems));
    expect(watcher.current()).toBe(initial);
    const answerNow = () => watcher?.current()?.byId('mail.spam')?.answer.en;

    // An edited answer is served after the reload.
    await save(file, original.replace('choose "Not spam".', 'press the "Not spam" button.'));
    await vi.waitFor(() => expect(answerNow()).toContain('press the "Not spam" button.'), WAIT);
    const edited = watcher.current();
    expect(changes.at(-1)).toBe(edited);

    // A broken file is reported; the previous knowledge base keeps answering.
    await save(file, original.replace('examples:', 'exampels:'));
    const typo: KbProblem = { file, line: 9, severity: 'error', message: 'unknown field "exampels" (did you mean "examples"?)' };
    await vi.waitFor(() => expect(reports.flat()).toContainEqual(typo), WAIT);
    expect(watcher.current()).toBe(edited);
    expect(answerNow()).toContain('press the "Not spam" button.');
    expect(watcher.current()?.matcher.rank('legit mail goes to spam')[0].intent).toBe('mail.spam');

    // Fixing the file reloads again.
    await save(file, original.replace('choose "Not spam".', 'mark it as not spam.'));
    await vi.waitFor(() => expect(answerNow()).toContain('mark it as not spam.'), WAIT);
    expect(changes.at(-1)).toBe(watcher.current());
  });

  it('picks up a new intent file and ignores files that are not intents', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-watch-'));
    await cp('test/knowledge/fixtures/valid', dir, { recursive: true });
    const changes: KnowledgeBase[] = [];
    watcher = watchKnowledgeBase(dir, {}, (kb) => changes.push(kb), () => undefined);
    expect(watcher.current()).toBeUndefined();
    await writeFile(join(dir, 'notes.txt'), 'scratch');
    const added = (await readFile(join(dir, 'mail.storage_full.yaml'), 'utf8'))
      .replace('id: mail.storage_full', 'id: mail.send_failure')
      .replace('메일함 용량이 꽉 찼어요', '메일이 안 보내져요')
      .replace('my mailbox is full', 'my mail does not send');
    await save(join(dir, 'mail.send_failure.yaml'), added);
    await vi.waitFor(() => expect(changes.at(-1)?.byId('mail.send_failure')).toBeDefined(), WAIT);
    expect(changes.at(-1)?.matcher.rank('my mail does not send')[0].intent).toBe('mail.send_failure');
  });
});
