/** Choice values are read back from buttons already posted and from saved states: they parse back and never change. */
import { describe, expect, it } from 'vitest';
import { CHOICE, detailOfEditChoice, editChoice, rateChoice, ratingOfChoice, topicChoice, topicOfChoice } from '../../src/dialog/choices.js';

describe('choice values', () => {
  it('keeps the values that posted buttons and saved states carry', () => {
    expect(Object.values(CHOICE)).toEqual(['solved', 'not_solved', 'agent', 'no_agent', 'none', 'skip', 'confirm', 'edit', 'cancel', 'go_on', 'relay_last']);
    expect([topicChoice('app.push'), editChoice('os'), rateChoice(4)]).toEqual(['intent:app.push', 'edit:os', 'rate:4']);
  });

  it('reads parametrised values back, and nothing out of other values', () => {
    expect(topicOfChoice(topicChoice('account.find_id'))).toBe('account.find_id');
    expect(detailOfEditChoice(editChoice('app_version'))).toBe('app_version');
    expect(ratingOfChoice(rateChoice(5))).toBe(5);
    for (const other of [undefined, 'solved', 'cmd:status', 'rate', 'edit']) {
      expect([topicOfChoice(other), detailOfEditChoice(other), ratingOfChoice(other)]).toEqual([undefined, undefined, undefined]);
    }
  });

  it('an edit choice naming no known detail is recognised but names none', () => {
    expect(detailOfEditChoice('edit:toString')).toBeNull();
    expect(detailOfEditChoice('edit:password')).toBeNull();
  });
});
