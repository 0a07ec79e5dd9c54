import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
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

  /** A copy of the valid fixtures in `to` whose mail.spam answer ends in `ending`. */
  async function fixtureCopy(to: string, ending: string): Promise<void> {
    await cp('test/knowledge/fixtures/valid', to, { recursive: true });
    const file = join(to, 'mail.spam.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('choose "Not spam".', ending));
  }

  it('keeps reloading after the folder is removed and copied back, and says when it left and came back', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-watch-'));
    const intents = join(dir, 'intents');
    await fixtureCopy(intents, 'version one.');
    const folder: string[] = [];
    const reports: KbProblem[][] = [];
    watcher = watchKnowledgeBase(intents, { initial: await loadKnowledgeBase(intents), onFolder: (e) => folder.push(e) }, () => undefined, (p) => reports.push(p));
    const answerNow = () => watcher?.current()?.byId('mail.spam')?.answer.en;

    await rm(intents, { recursive: true });
    await vi.waitFor(() => expect(folder).toEqual(['gone']), WAIT);
    await fixtureCopy(join(dir, 'staging'), 'version two.');
    await cp(join(dir, 'staging'), intents, { recursive: true });
    await vi.waitFor(() => expect(answerNow()).toContain('version two.'), WAIT);
    expect(folder).toEqual(['gone', 'back']);

    // The new folder is watched: a later edit is served.
    const file = join(intents, 'mail.spam.yaml');
    await save(file, (await readFile(file, 'utf8')).replace('version two.', 'version three.'));
    await vi.waitFor(() => expect(answerNow()).toContain('version three.'), WAIT);
    // A folder being replaced is not an error in the intents.
    expect(reports).toEqual([]);
  });

  it('follows a symlink to the folder when it is swapped to another folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-watch-'));
    await fixtureCopy(join(dir, 'v1'), 'version one.');
    await fixtureCopy(join(dir, 'v2'), 'version two.');
    const current = join(dir, 'current');
    await symlink('v1', current);
    const folder: string[] = [];
    watcher = watchKnowledgeBase(current, { initial: await loadKnowledgeBase(current), onFolder: (e) => folder.push(e) }, () => undefined, () => undefined);
    const answerNow = () => watcher?.current()?.byId('mail.spam')?.answer.en;

    // Swapped atomically, as `ln -s v2 next && mv -T next current` does; v1 stays on disk.
    await symlink('v2', join(dir, 'next'));
    await rename(join(dir, 'next'), current);
    await vi.waitFor(() => expect(answerNow()).toContain('version two.'), WAIT);

    // Edits now count in v2, and no longer in v1.
    await save(join(dir, 'v1', 'mail.spam.yaml'), (await readFile(join(dir, 'v1', 'mail.spam.yaml'), 'utf8')).replace('version one.', 'stale.'));
    await save(join(dir, 'v2', 'mail.spam.yaml'), (await readFile(join(dir, 'v2', 'mail.spam.yaml'), 'utf8')).replace('version two.', 'version three.'));
    await vi.waitFor(() => expect(answerNow()).toContain('version three.'), WAIT);
    expect(folder).toEqual([]);
  });

  it('reloads each time a Kubernetes ConfigMap volume is updated', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-watch-'));
    // The kubelet's layout: each key is a link through `..data`, a link to a timestamped folder.
    const mount = join(dir, 'intents');
    await mkdir(mount);
    await fixtureCopy(join(mount, '..2026_01_01_00_00_01.1'), 'version 1.');
    await symlink('..2026_01_01_00_00_01.1', join(mount, '..data'));
    for (const name of await readdir(join(mount, '..data'))) await symlink(join('..data', name), join(mount, name));
    const changes: KnowledgeBase[] = [];
    watcher = watchKnowledgeBase(mount, { initial: await loadKnowledgeBase(mount) }, (kb) => changes.push(kb), () => undefined);
    const answerNow = () => watcher?.current()?.byId('mail.spam')?.answer.en;
    expect(answerNow()).toContain('version 1.');

    // An update: a new timestamped folder, a new link renamed over `..data`, the old folder removed.
    for (const version of [2, 3]) {
      const stamped = `..2026_01_01_00_00_0${version}.${version}`;
      await fixtureCopy(join(mount, stamped), `version ${version}.`);
      await symlink(stamped, join(mount, '..data_tmp'));
      await rename(join(mount, '..data_tmp'), join(mount, '..data'));
      await rm(join(mount, `..2026_01_01_00_00_0${version - 1}.${version - 1}`), { recursive: true });
      await vi.waitFor(() => expect(answerNow()).toContain(`version ${version}.`), WAIT);
    }
    expect(changes.length).toBeGreaterThanOrEqual(2);
  });
});
