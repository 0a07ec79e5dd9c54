import { describe, expect, it } from 'vitest';
import { luhnValid, maskAccountId, maskSensitive, PASSWORD_MASK } from '../../src/nlu/sensitive-data.js';

describe('passwords typed in chat', () => {
  it.each([
    ['비번은 abc123!@', `비번은 ${PASSWORD_MASK}`],
    ['비밀번호: hunter2', `비밀번호: ${PASSWORD_MASK}`],
    ['제 아이디는 kim1234 비밀번호는 hunter2!! 입니다', `제 아이디는 kim1234 비밀번호는 ${PASSWORD_MASK} 입니다`],
    ['비밀번호 qwer1234로 바꿨는데 로그인이 안 돼요', `비밀번호 ${PASSWORD_MASK}로 바꿨는데 로그인이 안 돼요`],
    ['my password is hunter2', `my password is ${PASSWORD_MASK}`],
    ['Password: S3cr3t!', `Password: ${PASSWORD_MASK}`],
    ['pw: letmein', `pw: ${PASSWORD_MASK}`],
    ['패스워드는 "p@ss w"', `패스워드는 ${PASSWORD_MASK} w"`],
    ['암호는 zxcv!!', `암호는 ${PASSWORD_MASK}`],
  ])('%s', (input, output) => {
    const r = maskSensitive(input);
    expect(r.text).toBe(output);
    expect(r.found).toEqual(['password']);
  });

  it.each([
    '비밀번호를 잊어버렸어요',
    '비밀번호 재설정 메일이 안 와요',
    'password reset mail not arriving',
    'my password is not working',
    'I forgot my password.',
    'password is wrong',
    '암호화폐 시세가 늦어요',
    '비번 변경은 어떻게 하나요?',
  ])('"%s" is left alone', (input) => {
    expect(maskSensitive(input)).toEqual({ text: input, found: [] });
  });
});

describe('card numbers', () => {
  it.each([
    ['카드번호 4111-1111-1111-1111로 결제했어요', '카드번호 ****-****-****-1111로 결제했어요'],
    ['4111 1111 1111 1111', '****-****-****-1111'],
    ['5500000000000004', '****-****-****-0004'],
    ['amex 3782 822463 10005', 'amex ****-****-****-0005'],
  ])('%s', (input, output) => {
    const r = maskSensitive(input);
    expect(r.text).toBe(output);
    expect(r.found).toEqual(['card']);
  });

  it('leaves 16 digits that fail the Luhn check', () => {
    expect(maskSensitive('4111-1111-1111-1112').found).not.toContain('card');
  });
  it('checks Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('123')).toBe(false);
  });
});

describe('resident registration numbers', () => {
  it.each([
    ['제 주민번호 900101-1234567 필요하세요?', '제 주민번호 ######-******* 필요하세요?'],
    ['051231-4123456', '######-*******'],
    ['주민번호는 9001012234567이에요', '주민번호는 ######-*******이에요'],
  ])('%s', (input, output) => {
    const r = maskSensitive(input);
    expect(r.text).toBe(output);
    expect(r.found).toEqual(['rrn']);
  });

  it.each(['901301-1234567', '900132-1234567', '900101-5234567'])('"%s" has no valid date or gender digit: not an RRN', (input) => {
    expect(maskSensitive(input).found).not.toContain('rrn');
  });
});

describe('phone numbers', () => {
  it.each([
    ['연락처는 010-1234-5678', '연락처는 010-****-5678'],
    ['01012345678로 연락 주세요', '010-****-5678로 연락 주세요'],
    ['010 1234 5678', '010-****-5678'],
    ['+82 10 1234 5678', '+82 10-****-5678'],
    ['+82-10-1234-5678', '+82 10-****-5678'],
    ['02-123-4567', '02-****-4567'],
    ['031-987-6543', '031-****-6543'],
    ['call me at +1 415 555 1234', 'call me at +1 ****-1234'],
  ])('%s', (input, output) => {
    const r = maskSensitive(input);
    expect(r.text).toBe(output);
    expect(r.found).toEqual(['phone']);
  });
});

describe('what must never be masked', () => {
  it.each([
    'K7P-4QX 상태 알려줘',
    '2026-11-20 15:00부터',
    '앱 버전 5.12.1',
    '주문번호 ORD-2026-1234',
    '0x80070005 오류',
    'ERR_CONNECTION_RESET',
    '오류코드 1003',
    '고객센터 1588-1234',
    '20261120-0001',
    'iOS 17.2',
    'https://cafe.example.com/abc/123',
  ])('"%s"', (input) => {
    expect(maskSensitive(input)).toEqual({ text: input, found: [] });
  });

  it('reports every kind in a mixed message', () => {
    const r = maskSensitive('카드 4111111111111111, 전화 010-1234-5678, 주민번호 900101-1234567, 비번은 abc123');
    expect(new Set(r.found)).toEqual(new Set(['card', 'phone', 'rrn', 'password']));
    expect(r.text).not.toMatch(/4111111111111111|1234-5678|1234567|abc123/);
  });

  it('never throws on odd input', () => {
    for (const t of ['', '\u0000', '🙂'.repeat(1000), '1'.repeat(50_000), '비번은', 'password:']) expect(() => maskSensitive(t)).not.toThrow();
  });
});

describe('account ids for agents', () => {
  it.each([
    ['abc123@example.com', 'ab****@example.com'],
    ['hong_gildong', 'ho********ng'],
    ['kim1234', 'ki***34'],
    ['abc', 'a**'],
    ['a@b.co', '*@b.co'],
    ['', '*'],
  ])('%s → %s', (id, masked) => expect(maskAccountId(id)).toBe(masked));

  it('never reveals a whole id', () => {
    for (const id of ['kim1234', 'hong.gildong@example.com', 'x1']) expect(maskAccountId(id)).not.toContain(id);
  });
});

describe('password words that are not passwords', () => {
  it.each(['My PIN is locked, how do I unlock it?', '비밀번호 5회 오류 떴는데 어떻게 풀어요', 'new password isn\'t accepted', 'i typed my password into a fake site', 'changed my password but I still can\'t log in'])(
    '"%s"',
    (input) => expect(maskSensitive(input)).toEqual({ text: input, found: [] }),
  );
});
