import { describe, expect, it } from 'vitest';
import { extractAnswer, extractDetails } from '../../../src/nlu/details/index.js';

const ctx = { now: new Date('2026-11-23T10:00:00+09:00'), timeZone: 'Asia/Seoul' };
const found = (text: string) => extractDetails(text, ctx);

describe('error_message', () => {
  it.each([
    ['"네트워크 연결을 확인해 주세요"라고 떠요', '네트워크 연결을 확인해 주세요'],
    ["'일시적인 오류입니다' 라고 나와요", '일시적인 오류입니다'],
    ['“첨부파일 업로드 실패”가 뜹니다', '첨부파일 업로드 실패'],
    ['「접근 권한이 없습니다」', '접근 권한이 없습니다'],
    ['CODE_XYZ 에러가 나요', 'CODE_XYZ'],
    ['크롬에서 ERR_CONNECTION_RESET 떠요', 'ERR_CONNECTION_RESET'],
    ['NET::ERR_CERT_DATE_INVALID', 'NET::ERR_CERT_DATE_INVALID'],
    ['0x80070005 오류가 나요', '0x80070005'],
    ['HTTP 500', 'HTTP 500'],
    ['500 에러가 떠요', 'HTTP 500'],
    ['404 페이지가 나와요', 'HTTP 404'],
    ['it shows 404 not found', '404 not found'],
    ['404 떠요', 'HTTP 404'],
    ['502 bad gateway', 'HTTP 502'],
    ['오류코드 1003', '오류코드 1003'],
    ['에러 코드: 2001이요', '에러 코드: 2001'],
    ['it says error code 1003', 'error code 1003'],
    ['에러 메시지: 세션이 만료되었습니다', '세션이 만료되었습니다'],
    ['오류 메시지는 잘못된 요청이라고 떠요', '잘못된 요청'],
    ['the error says Something went wrong', 'Something went wrong'],
    ['app crashes with NullPointerException', 'NullPointerException'],
    ['"Upload failed (code 1003)"', 'Upload failed (code 1003)'],
  ])('%s → %s', (text, msg) => expect(found(text).error_message).toBe(msg));

  it('keeps a quote and a separate code together', () => {
    expect(found('"업로드 실패" 메시지와 함께 오류코드 1003이 떠요').error_message).toBe('업로드 실패 / 오류코드 1003');
  });

  it.each(["it's not working and I can't log in", '주문번호 123456', '앱 버전 5.12.1', 'ORD-2026-1234', '카페 글쓰기가 안 돼요'])(
    'no error message in "%s"',
    (text) => expect(found(text).error_message).toBeUndefined(),
  );
});

describe('url', () => {
  it.each([
    ['https://cafe.example.com/abc/123', 'https://cafe.example.com/abc/123'],
    ['이 글이요 https://blog.example.com/user/55?x=1.', 'https://blog.example.com/user/55?x=1'],
    ['http://example.co.kr/path 에서 안 돼요', 'http://example.co.kr/path'],
    ['(https://example.com/a_(b)) 참고', 'https://example.com/a_(b)'],
    ['www.example.com 접속이 안 돼요', 'www.example.com'],
    ['cafe.example.com/abc 게시글', 'cafe.example.com/abc'],
    ['news.example.kr', 'news.example.kr'],
  ])('%s → %s', (text, url) => expect(found(text).url).toBe(url));

  it.each(['abc@example.com', 'screenshot.png 첨부했어요', '5.12.1', '2026.11.20'])('no url in "%s"', (text) => expect(found(text).url).toBeUndefined());
});

describe('order_ref', () => {
  it.each([
    ['주문번호는 ORD-2026-7777, 확인해 주세요', 'ORD-2026-7777'],
    ['주문번호 20261120-0001', '20261120-0001'],
    ['결제번호: T123456789', 'T123456789'],
    ['승인번호 30012345', '30012345'],
    ['order #A12345', 'A12345'],
    ['order number 99887766', '99887766'],
    ['my receipt no. R-5566-77', 'R-5566-77'],
    ['transaction id 77aa1122', '77aa1122'],
    ['ORD-2026-1234 건 환불해 주세요', 'ORD-2026-1234'],
    ['PAY-20261120-01이요', 'PAY-20261120-01'],
  ])('%s → %s', (text, ref) => expect(found(text).order_ref).toBe(ref));

  it.each(['K7P-4QX 상태', '오류코드 E1003', '갤럭시 S23', 'my order was charged twice', '****-****-****-1111', '010-****-5678', '2026-11-20'])(
    'no order ref in "%s"',
    (text) => expect(found(text).order_ref).toBeUndefined(),
  );
});

describe('account_id', () => {
  it.each([
    ['제 이메일은 hong.gildong@example.com 이에요', 'hong.gildong@example.com'],
    ['abc123@example.co.kr', 'abc123@example.co.kr'],
    ['아이디는 abc123', 'abc123'],
    ['제 아이디는 kim1234 비밀번호는 ******** 입니다', 'kim1234'],
    ['아이디: hong_gd', 'hong_gd'],
    ['아이디 kim1234이에요', 'kim1234'],
    ['my id is kimchi', 'kimchi'],
    ['ID: portal_user', 'portal_user'],
    ['username: jdoe', 'jdoe'],
    ['my account is jdoe99', 'jdoe99'],
    ['login id john.doe', 'john.doe'],
  ])('%s → %s', (text, id) => expect(found(text).account_id).toBe(id));

  it.each(['아이디를 잊어버렸어요', 'my account got hacked', 'account problem', 'I forgot my ID', 'ID verification fails', 'my id doesnt work'])(
    'no account id in "%s"',
    (text) => expect(found(text).account_id).toBeUndefined(),
  );
});

describe('steps_tried', () => {
  it.each([
    ['재부팅 해봤는데 안 돼요', '재부팅 해봤는데'],
    ['앱 삭제 후 재설치했어요', '앱 삭제 후 재설치했어요'],
    ['캐시 삭제도 했고 재부팅도 해봤어요', '캐시 삭제도 했고, 재부팅도 해봤어요'],
    ['껐다 켜도 똑같아요', '껐다 켜도 똑같아요'],
    ['다른 브라우저로도 해봤는데 안 돼요', '다른 브라우저로도 해봤는데'],
    ['스팸함도 확인했어요', '스팸함도 확인했어요'],
    ['I already tried reinstalling', 'I already tried reinstalling'],
    ['I restarted my phone', 'I restarted my phone'],
    ['cleared cache and cookies', 'cleared cache'],
    ['logged out and back in, still broken', 'logged out'],
  ])('%s → %s', (text, steps) => expect(found(text).steps_tried).toBe(steps));

  it.each(['재부팅 해봐야 하나요?', '캐시 삭제는 어떻게 하나요', "I haven't restarted yet", 'how do I clear the cache', '아직 아무것도 안 해봤어요', '푸시가 안 와요'])(
    'nothing tried in "%s"',
    (text) => expect(found(text).steps_tried).toBeUndefined(),
  );
});

describe('free-text and token answers', () => {
  it.each([
    ['steps_tried', '앱 지웠다가 다시 깔았어요', '앱 지웠다가 다시 깔았어요'],
    ['steps_tried', '아무것도 안 해봤어요', '아무것도 안 해봤어요'],
    ['steps_tried', 'nothing yet', 'nothing yet'],
    ['error_message', '그냥 하얀 화면만 나와요', '그냥 하얀 화면만 나와요'],
    ['error_message', '오류코드 1003 이요', '오류코드 1003'],
    ['url', 'https://cafe.example.com/abc/123', 'https://cafe.example.com/abc/123'],
    ['order_ref', '12345678', '12345678'],
    ['order_ref', 'A-778899 이에요', 'A-778899'],
    ['account_id', 'kim1234 입니다', 'kim1234'],
    ['account_id', 'hong_gildong', 'hong_gildong'],
    ['account_id', 'abc@example.com', 'abc@example.com'],
  ])('%s: "%s" → %s', (name, text, value) => {
    expect(extractAnswer(name as 'url', text, ctx)).toEqual({ ok: true, value });
  });

  it('cuts a very long free-text answer', () => {
    const r = extractAnswer('steps_tried', '가'.repeat(2000), ctx);
    expect(r.ok && r.value.length).toBe(501);
  });

  it.each([
    ['url', '카페 글이요'],
    ['url', 'ㅋㅋㅋ'],
    ['order_ref', '몰라서 그냥 물어봐요'],
    ['order_ref', '12'],
    ['account_id', '홍길동이요'],
    ['account_id', 'yes'],
    ['error_message', '에러 메시지가 뭐예요?'],
    ['error_message', '😅😅'],
    ['steps_tried', 'ㅎㅎ'],
    ['steps_tried', '네'],
  ])('%s: "%s" is unusable', (name, text) => {
    expect(extractAnswer(name as 'url', text, ctx)).toEqual({ ok: false, reason: 'unusable' });
  });
});

describe('descriptions are not details', () => {
  it.each([
    ['my account is dormant', 'account_id'],
    ['my account was compromised', 'account_id'],
    ['text message says my parcel is held', 'error_message'],
    ['password reset email never arrived', 'steps_tried'],
    ['my password was changed and it was not me', 'steps_tried'],
    ['security settings changed, not by me', 'steps_tried'],
    ['제 문의 답변 완료된건가요', 'steps_tried'],
    ["what's the latest on my case", 'app_version'],
    ['유선 상담 되나요', 'network'],
    ['활동내역을 데이터로 다운받을 수 있나요', 'network'],
    ['how can I reach you by phone', 'device'],
    ['휴대폰 번호로 아이디 조회', 'device'],
    ['휴대폰 소액결제 환불', 'device'],
    ['24시간 전화 상담 되나요', 'occurred_at'],
    ['오늘은 여기까지', 'occurred_at'],
    ['thanks for your help today', 'occurred_at'],
    ['좋은 오후에요', 'occurred_at'],
    ['저녁에 문의하면 더 늦게 답 와요?', 'occurred_at'],
    ['새벽에 문의 남겨도 되나요', 'occurred_at'],
    ['if I submit on friday evening will I get an answer monday', 'occurred_at'],
    ['답변 오는데 하루 넘게 걸려요?', 'occurred_at'],
  ])('"%s" gives no %s', (text, name) => {
    expect(found(text)[name as 'url']).toBeUndefined();
  });

  it('a failure "but not on wifi" is not a correction', () => {
    expect(found('maps work on mobile data but not on wifi').network).toBe('wifi');
  });
  it('mail servers\' 5xx codes are not called HTTP', () => {
    expect(found('550 에러 뜨면서 반송됨').error_message).toBe('code 550');
  });
});

describe('quotations', () => {
  it('a quotation without any word about an error is not an error message', () => {
    expect(found("'내 문의' 메뉴가 어디 있어요")).toEqual({});
  });
  it('as an answer about the error, any quotation is the message', () => {
    expect(extractAnswer('error_message', '"잠시 후 다시 시도해 주세요"', ctx)).toEqual({ ok: true, value: '잠시 후 다시 시도해 주세요' });
  });
});

describe('the failing action is not a step tried', () => {
  it.each(['I tried to log in but it says my password is wrong', 'I tried to upload a photo and it failed'])('"%s"', (text) => {
    expect(found(text).steps_tried).toBeUndefined();
  });
  it('a fix next to it still counts', () => {
    expect(found('I tried to log in, then I cleared the cache').steps_tried).toBe('then I cleared the cache');
  });
});
