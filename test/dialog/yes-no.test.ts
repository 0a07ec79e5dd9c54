import { describe, expect, it } from 'vitest';
import { parseRating, parseYesNo } from '../../src/nlu/yes-no.js';

describe('yes/no and rating replies', () => {
  it.each(['네', '네 해결됐어요', '해결됐어요!', 'yes', 'Yep', 'it worked', 'ok'])('"%s" is yes', (t) => expect(parseYesNo(t)).toBe('yes'));
  it.each(['아니요', '아니요 안돼요', '아직 안 돼요', '안됨', 'no', 'nope', 'not really', 'still broken', "didn't help"])('"%s" is no', (t) =>
    expect(parseYesNo(t)).toBe('no'),
  );
  it.each(['', '비밀번호는 어떻게 바꾸나요', 'a'.repeat(200)])('"%s" is neither', (t) => expect(parseYesNo(t)).toBeNull());
  it('reads ratings', () => {
    expect(parseRating('5')).toBe(5);
    expect(parseRating('4점')).toBe(4);
    expect(parseRating('3/5')).toBe(3);
    expect(parseRating('2 stars')).toBe(2);
    expect(parseRating('6')).toBeNull();
    expect(parseRating('최고예요')).toBeNull();
  });
});
