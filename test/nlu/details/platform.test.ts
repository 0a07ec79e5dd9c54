import { describe, expect, it } from 'vitest';
import { extractAnswer, extractDetails } from '../../../src/nlu/details/index.js';

const ctx = { now: new Date('2026-11-23T10:00:00+09:00'), timeZone: 'Asia/Seoul' };
const found = (text: string) => extractDetails(text, ctx);

describe('device', () => {
  it.each([
    ['노트북에서 안 돼요', 'pc'],
    ['데스크탑 크롬', 'pc'],
    ['회사 컴퓨터로 접속해요', 'pc'],
    ['맥북에서 카페 글쓰기가 안 돼요', 'pc'],
    ['PC요', 'pc'],
    ['on my laptop', 'pc'],
    ['desktop', 'pc'],
    ['폰으로 보면 지도가 안 떠요', 'mobile'],
    ['핸드폰에서요', 'mobile'],
    ['휴대폰 앱', 'mobile'],
    ['갤럭시에서 푸시가 안 와요', 'mobile'],
    // A model named with its number is kept: agents need it.
    ['아이폰 15 쓰는데요', 'iPhone 15'],
    ['iOS 17.5 on an iPhone 13', 'iPhone 13'],
    ['아이폰 15 프로 맥스 쓰는데요', 'iPhone 15 Pro Max'],
    ['갤럭시 S23 울트라에서요', 'Galaxy S23 Ultra'],
    ['galaxy s24+ here', 'Galaxy S24+'],
    ['Pixel 8 Pro', 'Pixel 8 Pro'],
    ['아이패드 에어로 봐요', 'iPad Air'],
    ['갤럭시 노트 20', 'Galaxy Note 20'],
    ['아이폰 13 말고 갤럭시요', 'mobile'],
    ['on my smartphone', 'mobile'],
    ['my iPhone', 'mobile'],
    ['모바일 웹에서 안 돼요', 'mobile'],
    ['아이패드로 보면 깨져요', 'tablet'],
    ['태블릿', 'tablet'],
    ['갤탭 S9', 'tablet'],
    ['on my iPad', 'tablet'],
    ['galaxy tab', 'tablet'],
  ])('%s → %s', (text, device) => expect(found(text).device).toBe(device));

  it.each(['모바일 데이터로 접속해요', '폰트가 깨져요', '폰번호를 바꿨어요', 'my phone number changed', 'mobile data', '맥주 쿠폰이 안 와요'])(
    'no device in "%s"',
    (text) => expect(found(text).device).toBeUndefined(),
  );
});

describe('os', () => {
  it.each([
    ['안드로이드 14에서', 'Android 14'],
    ['Android 14', 'Android 14'],
    ['android 13 phone', 'Android 13'],
    ['안드로이드 버전 12', 'Android 12'],
    ['갤럭시 S23이에요', 'Android'],
    ['아이폰이에요', 'iOS'],
    ['iOS 17.2', 'iOS 17.2'],
    ['ios17', 'iOS 17'],
    ['아이폰 15 iOS 18.1', 'iOS 18.1'],
    ['윈도우11', 'Windows 11'],
    ['윈도우 10 쓰고 있어요', 'Windows 10'],
    ['win10', 'Windows 10'],
    ['Windows 11', 'Windows 11'],
    ['windows xp', 'Windows XP'],
    ['맥북이에요', 'macOS'],
    ['맥에서 사파리', 'macOS'],
    ['macOS 14', 'macOS 14'],
    ['macOS 14.2', 'macOS 14.2'],
    ['소노마로 업데이트했어요', 'macOS 14'],
    ['macOS Sequoia 15.1', 'macOS 15.1'],
    ['on my Mac', 'macOS'],
    ['리눅스에서 크롬', 'Linux'],
    ['우분투 22.04', 'Linux'],
    ['크롬북', 'ChromeOS'],
    ['아이패드', 'iPadOS'],
  ])('%s → %s', (text, os) => expect(found(text).os).toBe(os));

  it.each(['폰으로 해요', '안드로메다', '맥도날드 쿠폰'])('no os in "%s"', (text) => expect(found(text).os).toBeUndefined());
});

describe('browser', () => {
  it.each([
    ['크롬에서 안 열려요', 'Chrome'],
    ['크롬 120', 'Chrome 120'],
    ['Chrome 120.0.6099', 'Chrome 120.0.6099'],
    ['구글 크롬 쓰는데요', 'Chrome'],
    ['사파리', 'Safari'],
    ['Safari 17', 'Safari 17'],
    ['엣지로 해봤어요', 'Edge'],
    ['Microsoft Edge', 'Edge'],
    ['웨일 브라우저', 'Whale'],
    ['네이버 웨일', 'Whale'],
    ['파이어폭스', 'Firefox'],
    ['firefox', 'Firefox'],
    ['삼성인터넷으로 보면', 'Samsung Internet'],
    ['삼성 인터넷', 'Samsung Internet'],
    ['오페라', 'Opera'],
    ['IE 11에서', 'Internet Explorer 11'],
    ['인터넷 익스플로러', 'Internet Explorer'],
  ])('%s → %s', (text, browser) => expect(found(text).browser).toBe(browser));

  it.each(['크롬북', 'chromebook', '크롬 2시간 전부터', 'i.e. the page'])('"%s" gives no browser (or no version)', (text) => {
    const b = found(text).browser;
    expect(b === undefined || b === 'Chrome').toBe(true);
  });
  it('a browser name followed by a time is not a version', () => expect(found('크롬 2시간 전부터 안 돼요').browser).toBe('Chrome'));
});

describe('app_version', () => {
  it.each([
    ['앱 버전 5.12.1', '5.12.1'],
    ['버전은 5.12예요', '5.12'],
    ['v5.12 쓰고 있어요', '5.12'],
    ['version 12.3.0', '12.3.0'],
    ['app version is 3.4', '3.4'],
    ['앱은 5.12.1이고', '5.12.1'],
    ['5.12.1 버전', '5.12.1'],
    ['최신버전이에요', 'latest'],
    ['최신 버전으로 업데이트했어요', 'latest'],
    ["it's the latest version", 'latest'],
    ['지금 5.0.3 깔려 있어요', '5.0.3'],
  ])('%s → %s', (text, v) => expect(found(text).app_version).toBe(v));

  it.each(['5', '앱이 12번 꺼져요', 'iOS 17.2.1', '안드로이드 14', '크롬 버전 120.0.1', '2026.11.20', '갤럭시 S23', '아이폰 15'])(
    'no app version in "%s"',
    (text) => expect(found(text).app_version).toBeUndefined(),
  );
});

describe('network', () => {
  it.each([
    ['와이파이', 'wifi'],
    ['wifi', 'wifi'],
    ['Wi-Fi 연결 상태', 'wifi'],
    ['집 공유기로 연결해요', 'wifi'],
    ['LTE', 'mobile data'],
    ['5G로 쓰는데', 'mobile data'],
    ['모바일 데이터', 'mobile data'],
    ['데이터로 접속하면', 'mobile data'],
    ['cellular', 'mobile data'],
    ['유선', 'wired'],
    ['랜선 꽂아서 써요', 'wired'],
    ['ethernet', 'wired'],
    ['5GHz 와이파이', 'wifi'],
  ])('%s → %s', (text, n) => expect(found(text).network).toBe(n));

  it.each(['데이터가 다 날아갔어요', '사진 데이터'])('no network in "%s"', (text) => expect(found(text).network).toBeUndefined());
});

describe('corrections: the value not taken back wins', () => {
  it.each([
    ['아 iOS가 아니라 안드로이드예요', 'os', 'Android'],
    ["not iOS, it's Android 14", 'os', 'Android 14'],
    ['아이폰 말고 갤럭시요', 'os', 'Android'],
    ['아이폰 말고 갤럭시요', 'device', 'mobile'],
    ['윈도우 아니고 맥이에요', 'os', 'macOS'],
    ['Android, not iOS', 'os', 'Android'],
    ['크롬 말고 사파리요', 'browser', 'Safari'],
    ['사파리 대신 크롬으로 했어요', 'browser', 'Chrome'],
    ["I'm not using Chrome, it's Firefox", 'browser', 'Firefox'],
    ['와이파이 말고 LTE요', 'network', 'mobile data'],
    ['not wifi, mobile data', 'network', 'mobile data'],
    ['노트북이 아니라 태블릿이요', 'device', 'tablet'],
  ])('%s → %s %s', (text, name, value) => expect(found(text)[name as 'os']).toBe(value));

  it('a value only taken back gives nothing', () => {
    expect(found('iOS가 아니에요').os).toBeUndefined();
  });
});

describe('several details in one sentence', () => {
  it('reads the Korean push example', () => {
    expect(found('어제 저녁 7시부터 갤럭시 S23 안드로이드 14에서 와이파이 연결했는데 앱 푸시가 안와요 앱은 5.12.1이고 재부팅 해봤어요')).toEqual({
      occurred_at: '2026-11-22T19:00:00+09:00',
      device: 'Galaxy S23',
      os: 'Android 14',
      network: 'wifi',
      app_version: '5.12.1',
      steps_tried: '재부팅 해봤어요',
    });
  });
  it('reads an English report', () => {
    expect(found('Since yesterday 7pm Chrome 120 on my Windows 11 laptop shows ERR_CONNECTION_RESET, I already cleared the cache')).toEqual({
      occurred_at: '2026-11-22T19:00:00+09:00',
      device: 'pc',
      os: 'Windows 11',
      browser: 'Chrome 120',
      error_message: 'ERR_CONNECTION_RESET',
      steps_tried: 'I already cleared the cache',
    });
  });
  it('"폰" alone gives the device but no OS', () => {
    expect(found('폰으로 하면 안 돼요')).toEqual({ device: 'mobile' });
  });
});

describe('device, os, browser, network as answers', () => {
  it.each([
    ['device', 'PC요', 'pc'],
    ['device', '모바일', 'mobile'],
    ['device', '안드로이드요', 'mobile'],
    ['device', '윈도우', 'pc'],
    ['os', '안드로이드 14요', 'Android 14'],
    ['browser', 'firefox', 'Firefox'],
    ['network', '데이터요', 'mobile data'],
    ['network', '랜', 'wired'],
    ['app_version', '5.0.3', '5.0.3'],
    ['app_version', '5.12.1 이에요', '5.12.1'],
    ['app_version', '3.2', '3.2'],
  ])('%s: "%s" → %s', (name, text, value) => {
    expect(extractAnswer(name as 'os', text, ctx)).toEqual({ ok: true, value });
  });

  it.each([
    ['os', '몰라 ㅋㅋ 그냥 폰'],
    ['browser', '앱으로 해요'],
    ['app_version', '그냥 최근에 깔았어요 ㅎㅎ 12'],
    ['device', 'ㅋㅋ'],
    ['network', '?'],
  ])('%s: "%s" is unusable', (name, text) => {
    expect(extractAnswer(name as 'os', text, ctx)).toEqual({ ok: false, reason: 'unusable' });
  });
});

describe('everyday words that name no platform', () => {
  it.each(['can you tell me the nutrional info of a big mac', "kraft mac 'n' cheese", 'when is my cell phone bill due', 'my MAC address changed'])('"%s"', (text) => {
    const d = found(text);
    expect(d.device).toBeUndefined();
    expect(d.os).toBeUndefined();
  });
});

describe('app_version corrections', () => {
  it('takes the version the user did not take back', () => {
    expect(found('앱 버전 5.12.1이 아니라 5.12.2예요').app_version).toBe('5.12.2');
    expect(extractAnswer('app_version', '5.0.3 말고 5.0.4요', ctx)).toEqual({ ok: true, value: '5.0.4' });
  });
});
