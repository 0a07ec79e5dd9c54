import { describe, expect, it } from 'vitest';
import { createPressGuard } from '../../src/channels/ui-guard.js';

describe('press guard', () => {
  it('ignores the same press within the window, takes it again after, and keeps other presses apart', () => {
    let now = 0;
    const guard = createPressGuard(1000, () => now);
    expect(guard.firstPress('m1')).toBe(true);
    now = 999;
    expect([guard.firstPress('m1'), guard.firstPress('m2')]).toEqual([false, true]);
    now = 1000;
    expect([guard.firstPress('m1'), guard.firstPress('m2')]).toEqual([true, false]);
  });

  it('takes a released press again at once', () => {
    const guard = createPressGuard(1000, () => 0);
    guard.firstPress('m1');
    guard.release('m1');
    expect([guard.firstPress('m1'), guard.firstPress('m1')]).toEqual([true, false]);
  });
});
