import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKeyLog } from '../../src/store/key-log.js';

describe('key log', () => {
  let dir: string;
  let path: string;
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deskbot-keys-'));
    path = join(dir, 'keys.jsonl');
    clock = 1_700_000_000_000;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('remembers claims across reopening, until they expire', async () => {
    const log = await openKeyLog(path, now);
    expect(await log.claim('slack:Ev1', 60)).toBe(true);
    expect(await log.claim('slack:Ev2')).toBe(true);
    expect(await log.claim('slack:Ev1', 60)).toBe(false);
    await log.close();
    clock += 61_000;
    const again = await openKeyLog(path, now);
    expect(await again.claim('slack:Ev2')).toBe(false);
    expect(await again.claim('slack:Ev1', 60)).toBe(true);
    await again.close();
  });

  it('skips a line cut short by a crash and appends after it on a fresh line', async () => {
    const log = await openKeyLog(path, now);
    await log.claim('a', 60);
    await log.close();
    appendFileSync(path, '["half');
    const again = await openKeyLog(path, now);
    expect(await again.claim('a', 60)).toBe(false);
    expect(await again.claim('b', 60)).toBe(true);
    await again.close();
    const third = await openKeyLog(path, now);
    expect(await third.claim('b', 60)).toBe(false);
    await third.close();
  });

  it('rewrites the file without expired keys once they are most of it', async () => {
    const log = await openKeyLog(path, now);
    for (let i = 0; i < 2500; i++) {
      await log.claim(`old-${i}`, 1);
      clock += 10;
    }
    expect(await log.claim('keep', 3600)).toBe(true);
    await log.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(1000);
    clock += 2000;
    const again = await openKeyLog(path, now);
    expect(await again.claim('keep', 3600)).toBe(false);
    expect(await again.claim('old-2499', 1)).toBe(true);
    await again.close();
  });
});
