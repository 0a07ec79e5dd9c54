import { describe, expect, it } from 'vitest';
import { createKeyedLock } from '../../src/store/keyed-lock.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('keyed lock', () => {
  it('runs the tasks of one key in call order without overlap', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const task = (n: number) => async () => {
      log.push(`+${n}`);
      await tick();
      log.push(`-${n}`);
      return n * 10;
    };
    expect(await Promise.all([lock.run('k', task(1)), lock.run('k', task(2)), lock.run('k', task(3))])).toEqual([10, 20, 30]);
    expect(log).toEqual(['+1', '-1', '+2', '-2', '+3', '-3']);
  });

  it('lets tasks of other keys run while one key is busy', async () => {
    const lock = createKeyedLock();
    let release!: () => void;
    const blocked = lock.run('a', () => new Promise<string>((r) => (release = () => r('a'))));
    expect(await lock.run('b', async () => 'b')).toBe('b');
    release();
    expect(await blocked).toBe('a');
  });

  it('passes a task’s error to its caller and still runs the next task', async () => {
    const lock = createKeyedLock();
    const failed = lock.run('k', async () => {
      throw new Error('nope');
    });
    const next = lock.run('k', async () => 'ok');
    await expect(failed).rejects.toThrow('nope');
    expect(await next).toBe('ok');
  });

  it('forgets keys once their tasks are done', async () => {
    const lock = createKeyedLock();
    await Promise.all(Array.from({ length: 100 }, (_, i) => lock.run(`k${i}`, async () => i)));
    await tick();
    expect(lock.size()).toBe(0);
  });
});
