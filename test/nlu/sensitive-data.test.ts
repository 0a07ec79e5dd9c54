import { describe, expect, it } from 'vitest';
import { maskAccountId, maskFileRef, maskSensitive, maskUrl } from '../../src/nlu/sensitive-data.js';

describe('passwords typed in chat, Korean and English', () => {
  it.each([
    ['비번은 abc123!@', '비번은 [비밀번호]'],
    ['비밀번호: hunter2', '비밀번호: [비밀번호]'],
    ['제 아이디는 kim1234 비밀번호는 hunter2!! 입니다', '제 아이디는 kim1234 비밀번호는 [비밀번호] 입니다'],
    ['비밀번호 qwer1234로 바꿨는데 로그인이 안 돼요', '비밀번호 [비밀번호]로 바꿨는데 로그인이 안 돼요'],
    ['PW는 zxcv9876 입니다', 'PW는 [비밀번호] 입니다'],
    ['비번은 사랑해1004 예요', '비번은 [비밀번호] 예요'],
    ['비번은 사랑해1004예요', '비번은 [비밀번호]예요'],
    ['패스워드는 "p@ss w"', '패스워드는 [비밀번호]'],
    ['암호는 zxcv!!', '암호는 [비밀번호]'],
    ['pwd가 qwerty77인데요', 'pwd가 [비밀번호]인데요'],
    ['my password is hunter2', 'my password is [password]'],
    ['my password was Winter2024 until today', 'my password was [password] until today'],
    ['Password: S3cr3t!', 'Password: [password]'],
    ['pw: letmein', 'pw: [password]'],
    ['pw=letmein99', 'pw=[password]'],
    ['passwd: rootpass1', 'passwd: [password]'],
    ['login: tester01 / pass: s3cr3tPass', 'login: tester01 / pass: [password]'],
    ['the password hunter3xyz stopped working', 'the password [password] stopped working'],
    ["my password's Blu3Sky!x", "my password's [password]"],
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
    'My PIN is locked, how do I unlock it?',
    '비밀번호 5회 오류 떴는데 어떻게 풀어요',
    '비밀번호 8자리 이상이어야 하나요',
    "new password isn't accepted",
    'i typed my password into a fake site',
    "changed my password but I still can't log in",
    'the passport photo upload fails',
  ])('"%s" is left alone', (input) => {
    expect(maskSensitive(input)).toEqual({ text: input, found: [] });
  });
});

describe('card numbers, with their CVC and expiry', () => {
  it.each([
    ['카드번호 4111-1111-1111-1111로 결제했어요', '카드번호 [카드번호]로 결제했어요'],
    ['4111 1111 1111 1111', '[card number]'],
    ['5500000000000004', '[card number]'],
    ['amex 3782 822463 10005', 'amex [card number]'],
    ['카드 4111.1111.1111.1111', '카드 [카드번호]'],
    ['카드 ４１１１ １１１１ １１１１ １１１１', '카드 [카드번호]'],
    ['4111 - 1111 - 1111 - 1111', '[card number]'],
  ])('%s', (input, output) => {
    const r = maskSensitive(input);
    expect(r.text).toBe(output);
    expect(r.found).toEqual(['card']);
  });

  it('masks the expiry and CVC written after the card', () => {
    expect(maskSensitive('카드 4111 1111 1111 1111 유효기간 12/28 CVC 737').text).toBe('카드 [카드번호] 유효기간 [유효기간] CVC [CVC]');
    expect(maskSensitive('card 4111111111111111 12/28 737').text).toBe('card [card number] [card expiry] [CVC]');
  });

  it('leaves 16 digits that fail the Luhn check', () => {
    expect(maskSensitive('4111-1111-1111-1112').found).not.toContain('card');
  });
});

describe('resident and foreigner registration numbers', () => {
  it.each([
    ['제 주민번호 900101-1234567 필요하세요?', '제 주민번호 [주민등록번호] 필요하세요?', 'rrn'],
    ['051231-4123456', '[RRN]', 'rrn'],
    ['주민번호는 9001012234567이에요', '주민번호는 [주민등록번호]이에요', 'rrn'],
    ['주민번호 900101–1234567', '주민번호 [주민등록번호]', 'rrn'],
    ['주민번호 900101 — 1234567', '주민번호 [주민등록번호]', 'rrn'],
    ['외국인등록번호 900101-5234567', '외국인등록번호 [외국인등록번호]', 'foreigner_id'],
  ])('%s', (input, output, kind) => {
    const r = maskSensitive(input);
    expect(r.text).toBe(output);
    expect(r.found).toEqual([kind]);
  });

  it('takes 13 digits in a row without a cue only when the check digit holds', () => {
    expect(maskSensitive('8001011234560').found).toEqual(['rrn']);
    expect(maskSensitive('8001011234561').found).toEqual([]);
  });

  it.each(['901301-1234567', '900132-1234567', '900101-9234567'])('"%s" has no valid date or gender digit', (input) => {
    expect(maskSensitive(input).found).toEqual([]);
  });
});

describe('phone numbers', () => {
  it.each([
    ['연락처는 010-1234-5678', '연락처는 [전화번호]'],
    ['01012345678로 연락 주세요', '[전화번호]로 연락 주세요'],
    ['010 1234 5678', '[phone number]'],
    ['010.3456.7890', '[phone number]'],
    ['+82 10 1234 5678', '[phone number]'],
    ['+82-10-1234-5678', '[phone number]'],
    ['+82 (0)10 1234 5678', '[phone number]'],
    ['02-123-4567', '[phone number]'],
    ['031-987-6543', '[phone number]'],
    ['call me at +1 415 555 1234', 'call me at [phone number]'],
    ['or (415) 555-2671', 'or [phone number]'],
    ['UK +44 20 7946 0958', 'UK [phone number]'],
  ])('%s', (input, output) => {
    const r = maskSensitive(input);
    expect(r.text).toBe(output);
    expect(r.found).toEqual(['phone']);
  });
});

describe('API keys and tokens', () => {
  it.each([
    ['key sk-proj-abcDEF1234567890abcdefGHIJ', 'key [token]'],
    ['AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '[token] / [token]'],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', '[token]'],
    ['xoxb-1234567890-abcdefghij', '[token]'],
    ['AIzaSyA1234567890abcdefghijklmnopqrstuv', '[token]'],
    ['sk_live_51H8abcdefghijklmnop', '[token]'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc123def456', 'Authorization: Bearer [token]'],
    ['Authorization: Bearer 9f8e7d6c5b4a39281706', 'Authorization: Bearer [token]'],
    ['api_key=9f8e7d6c5b4a3928', 'api_key=[token]'],
  ])('%s', (input, output) => {
    const r = maskSensitive(input);
    expect(r.text).toBe(output);
    expect(r.found).toEqual(['token']);
  });
});

describe('URLs', () => {
  it('masks the password in a URL and keeps the user and host', () => {
    expect(maskSensitive('https://admin:Sup3rS3cret@mail.example.com').text).toBe('https://admin:[password]@mail.example.com');
  });
  it.each([
    ['https://x.example.com/cb?token=abc123&page=2', 'https://x.example.com/cb?token=[token]&page=2'],
    ['https://x.example.com/a?key=AbC9&sig=zz99#frag', 'https://x.example.com/a?key=[token]&sig=[token]#frag'],
    ['https://x.example.com/login?user=kim&password=hunter2', 'https://x.example.com/login?user=kim&password=[password]'],
  ])('%s', (input, output) => expect(maskSensitive(input).text).toBe(output));

  it('keeps a masked URL a valid URL, reading percent-encoded names as text', () => {
    const masked = maskUrl('https://cdn.example.com/a/%EC%B9%B4%EB%93%9C%204111%201111%201111%201111.png?token=abc123');
    expect(masked.text).not.toMatch(/4111|abc123/);
    expect(() => new URL(masked.text)).not.toThrow();
    expect(new URL(masked.text).pathname).toContain('%5B');
    expect(new Set(masked.found)).toEqual(new Set(['card', 'token']));
  });
});

describe('attachments', () => {
  it('masks file names with any separator, and the same forms in the file URL', () => {
    const { file, found } = maskFileRef({ id: 'F1', name: '카드_4111_1111_1111_1111.png', url: 'https://files.example.com/F1/010.3456.7890.jpg' });
    expect(file).toEqual({ id: 'F1', name: '카드_[카드번호].png', url: 'https://files.example.com/F1/%5Bphone%20number%5D.jpg' });
    expect(new Set(found)).toEqual(new Set(['card', 'phone']));
  });
  it('leaves ordinary file names alone', () => {
    expect(maskFileRef({ name: 'screenshot 2026-11-20 15.00.png' }).found).toEqual([]);
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
    'the task-runner-4567 job',
  ])('"%s"', (input) => {
    expect(maskSensitive(input)).toEqual({ text: input, found: [] });
  });

  it('reports every kind in a mixed message', () => {
    const r = maskSensitive('카드 4111111111111111, 전화 010-1234-5678, 주민번호 900101-1234567, 비번은 abc123');
    expect(new Set(r.found)).toEqual(new Set(['card', 'phone', 'rrn', 'password']));
    expect(r.text).not.toMatch(/4111111111111111|1234-5678|1234567|abc123/);
  });

  it('is idempotent: masked text masks to itself', () => {
    const once = maskSensitive('비번은 abc123, 카드 4111111111111111 CVC 737, pw=hunter22 https://a:b1234@x.io?token=zz11').text;
    expect(maskSensitive(once)).toEqual({ text: once, found: [] });
  });

  it('never throws on odd input', () => {
    for (const t of ['', '\u0000', '🙂'.repeat(1000), '1'.repeat(50_000), '4'.repeat(50_000), '비번은', 'password:', '+'.repeat(1000)]) {
      expect(() => maskSensitive(t)).not.toThrow();
    }
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

describe('text around what is masked comes back as typed', () => {
  it('keeps unpaired surrogates, emoji and folded characters of the original', () => {
    const r = maskSensitive('\uD800 카드 ４１１１ １１１１ １１１１ １１１１ \uDC00😀 010–3456–7890');
    expect(r.text).toBe('\uD800 카드 [카드번호] \uDC00😀 [전화번호]');
  });

  it('masks a message far longer than the reused buffer, and a short one after it', () => {
    const line = 'order ORD-2026-10001 카드 4111-1111-1111-1111 then 010.3456.7890 ok\n';
    const long = line.repeat(3000);
    const masked = maskSensitive(long).text;
    expect(masked).toBe('order ORD-2026-10001 카드 [카드번호] then [전화번호] ok\n'.repeat(3000));
    expect(maskSensitive('pw: letmein').text).toBe('pw: [password]');
  });
});

// The masker skips work where a match cannot be: these are the edges of each shortcut (see the comments in
// passwords.ts, secret-tokens.ts, personal-numbers.ts and sensitive-data.ts).
describe('what the shortcuts must still catch', () => {
  it.each([
    // A separator before the password, or only spaces (then only a word that looks like a password counts).
    ['pw: abcd', 'pw: [password]'],
    ['password is abcd', 'password is [password]'],
    ['pw abcd', 'pw abcd'],
    ['password  abcd', 'password  abcd'],
    // The word lists are tried only on words they can hold: ASCII letters, or a word that starts with a digit.
    ['password: Wrong!', 'password: Wrong!'],
    ['my password is WRONG.', 'my password is WRONG.'],
    ['password: Wrong1', 'password: [password]'],
    ['password: 8chars', 'password: 8chars'],
    ['pw: 12digits', 'pw: 12digits'],
    ['pw: 1234abcd', 'pw: [password]'],
    // Each cue ends in one place, and a password's own text is not read again for a cue.
    ['passwords: abc123', 'passwords: [password]'],
    ['비밀 번호: abc123', '비밀 번호: [비밀번호]'],
    ['passwordabc: x1y2z3', 'passwordabc: x1y2z3'],
    ['pw: x1y2 pw: z3w4', 'pw: [password] pw: [password]'],
    ['pw: ab-pw  xyz12345', 'pw: [password]  xyz12345'],
  ])('password: %s', (input, output) => expect(maskSensitive(input).text).toBe(output));

  it.each([
    // Found from "://", looking back for a scheme of 2-16 characters that starts with a letter and a word.
    ['ftp://user:pw1234@host', 'ftp://user:[password]@host'],
    ['see abcdefghijklmnop://u:secret1@h', 'see abcdefghijklmnop://u:[password]@h'],
    ['see abcdefghijklmnopq://u:secret1@h', 'see abcdefghijklmnopq://u:secret1@h'],
    ['x.http://u:p4ss@h', 'x.http://u:[password]@h'],
    ['1http://u:p4ss@h', '1http://u:p4ss@h'],
    ['http://a:b1@h ftp://c:d2@e', 'http://a:[password]@h ftp://c:[password]@e'],
    ['http://a:b@ftp://c:d@e', 'http://a:[password]@ftp://c:[password]@e'],
  ])('URL: %s', (input, output) => expect(maskSensitive(input).text).toBe(output));

  it.each(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D'].map((d) => [d.charCodeAt(0).toString(16), d]))(
    'folds the dash U+%s',
    (_code, dash) => expect(maskSensitive(`010${dash}3456${dash}7890`)).toEqual({ text: '[phone number]', found: ['phone'] }),
  );

  it('folds a run of full-width digits, wide and no-break spaces and dashes that starts the text', () => {
    expect(maskSensitive('４１１１\u3000１１１１\u2013１１１１\u00A0１１１１').text).toBe('[card number]');
  });

  it('looks for international numbers when the only "+" is their own, full-width or first in the text', () => {
    expect(maskSensitive('+44 20 7946 0958').text).toBe('[phone number]');
    expect(maskSensitive('＋44 20 7946 0958').text).toBe('[phone number]');
    expect(maskSensitive('call +1 415 555 2671 or 44 20 7946 0958').text).toBe('call [phone number] or 44 20 7946 0958');
  });
});
