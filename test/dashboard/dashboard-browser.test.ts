/**
 * The dashboard in a real headless Chromium, against the real server on an ephemeral loopback port, over a history
 * scripted through the console protocol: sign-in (and its refusal), the Overview's figures, a review cluster assigned
 * to an intent (then matched by the bot's matcher), a case page's masked transcript, hostile user text shown as text,
 * axe-core with no serious or critical violations, and the screenshots in docs/images/, in English and in Korean.
 * Skipped without /usr/bin/chromium, unless CI is set: then it fails.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/watch.js';
import { launchChromium, seriousAxeViolations, serveOnLoopback, SKIP_BROWSER } from '../support/browser.js';
import { openConsoleSession, type ConsoleSession, type OutputLine } from '../support/console-session.js';
import { sessionDashboard } from '../support/dashboard-browser.js';

const TOKEN = 'operator-token-for-browser-tests-0123456789';
const CARD = '4111 1111 1111 1111';
const PASSWORD = 'hunter2!!';
const HOSTILE = '로또 번호 추천해줘 <script>alert(1)</script> <img src=x onerror=alert(1)>';
/** Out of scope today; the review test makes it an example of INTENT. */
const TO_ASSIGN = '다크모드는 언제 나오나요';
const INTENT = 'app.compatibility';
/** Monday to Tuesday is the scripted history whose figures are known; Sunday's messages are for the other tests. */
const FROM = '2026-11-02';
const NOW = '2026-11-10T12:00:00+09:00';
const SHOTS = 'docs/images';
const LANGS = [
  { lang: 'en', locale: 'en-US' },
  { lang: 'ko', locale: 'ko-KR' },
] as const;
/** Per test: under a full parallel `npm test` the slowest test here takes about 30 s. */
const TEST_MS = 90_000;

let session: ConsoleSession;
let intentsDir: string;
let maskedCase: string;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

const caseIdIn = (out: OutputLine[]) => out.find((o) => 'to' in o && o.to === 'agents' && 'caseId' in o && typeof o.caseId === 'string') as { caseId: string } | undefined;

/** The cases' ids in the order they open, and the lines' ids: known, so that every run's screenshots are the same. */
const CASE_IDS = ['DSH-2A4', 'DSH-3B5', 'DSH-4C6'];
let lineNo = 0;

/** Sends the lines one by one, each user or agent line with an id of its own; the case id the agents were told of, if any. */
async function say(lines: object[]): Promise<string | undefined> {
  let id: string | undefined;
  for (const line of lines) id = caseIdIn(await session.send('advance' in line ? line : { id: `line-${++lineNo}`, ...line }))?.caseId ?? id;
  return id;
}

/**
 * The history, in Asia/Seoul (the one test/cli/stats.test.ts works out by hand). Sunday 1 November, outside the
 * period shown: u6's case with a card number and a password, u7's hostile text, u8's message for the review test.
 * Monday 2 November: u1's answer is marked solved; u2's is not solved and becomes case C1 (an agent replies an hour
 * later, resolves it an hour after that, u2 rates it 5); u3 is out of scope, then gets an answer and moves on.
 * Tuesday 3 November: u4 asks for a human and opens case C2, which nobody answers; u5 is out of scope.
 */
async function buildHistory(): Promise<void> {
  maskedCase = (await say([
    { user: 'u6', text: '앱 푸시 알림이 안 와요' },
    { user: 'u6', choose: 'not_solved' },
    { user: 'u6', text: `갤럭시 S23, 카드 ${CARD} 로 결제한 계정이고 비밀번호는 ${PASSWORD} 입니다` },
    { user: 'u6', choose: 'skip' },
    { user: 'u6', choose: 'skip' },
    { user: 'u6', choose: 'confirm' },
  ])) as string;
  await say([
    { agent: 'a1', case: maskedCase, do: 'resolve' },
    { user: 'u6', choose: 'skip' },
    { user: 'u7', text: HOSTILE },
    { user: 'u8', text: TO_ASSIGN },
    { advance: 'PT24H' },
    { user: 'u1', text: '앱 푸시 알림이 안 와요' },
    { user: 'u1', choose: 'solved' },
  ]);
  const c1 = await say([
    { user: 'u2', text: '아이디를 잊어버렸어요' },
    { user: 'u2', choose: 'not_solved' },
    { user: 'u2', choose: 'skip' },
    { user: 'u2', choose: 'confirm' },
  ]);
  await say([
    { user: 'u3', text: '오늘 날씨 어때요' },
    { user: 'u3', text: '비밀번호를 바꾸고 싶어요' },
    { user: 'u3', text: '안녕하세요' },
    { advance: 'PT1H' },
    { agent: 'a1', case: c1, text: '확인 중입니다' },
    { advance: 'PT1H' },
    { agent: 'a1', case: c1, do: 'resolve' },
    { user: 'u2', choose: 'solved' },
    { user: 'u2', choose: 'rate:5' },
    { user: 'u2', choose: 'skip' },
    { advance: 'PT21H' },
  ]);
  const c2 = await say([
    { user: 'u4', text: '상담원 연결해 주세요' },
    { user: 'u4', text: '로그인이 계속 실패해요' },
    { user: 'u4', choose: 'skip' },
    { user: 'u4', choose: 'skip' },
    { user: 'u4', choose: 'skip' },
    { user: 'u4', choose: 'confirm' },
    { user: 'u5', text: '오늘 날씨 어때요' },
  ]);
  expect([maskedCase, c1, c2]).toEqual(CASE_IDS);
}

beforeAll(async () => {
  if (SKIP_BROWSER) return;
  const caseIds = [...CASE_IDS];
  const newCaseId = () => caseIds.shift() ?? 'DSH-XXX';
  session = await openConsoleSession({ now: '2026-11-01T10:00:00+09:00', env: { NLU_ENCODER: 'none', LOG_LEVEL: 'silent' }, encoder: null, newCaseId });
  await buildHistory();
  const dashboard = sessionDashboard(session, { now: NOW, token: TOKEN });
  intentsDir = dashboard.intentsDir;
  const app = dashboard.app;
  server = await serveOnLoopback(app.fetch);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, TEST_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await session?.close();
});

/**
 * A browser context in one language (its Accept-Language). It bypasses the CSP so that axe can be injected: the
 * escaping is then the only thing between hostile text and a script (the CSP is checked over HTTP).
 */
async function contextIn(locale: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.url, locale, bypassCSP: true, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Goes to `path` and waits for its document. */
async function visit(page: Page, path: string): Promise<void> {
  const res = await page.goto(path, { waitUntil: 'domcontentloaded' });
  expect(res?.status(), path).toBeLessThan(400);
}

/** Signs in through the form, and lands on the Overview. */
async function signIn(page: Page): Promise<void> {
  await visit(page, '/sign-in');
  await page.fill('#token', TOKEN);
  await Promise.all([page.waitForURL((u) => u.pathname === '/', { waitUntil: 'domcontentloaded' }), page.click('form.sign-in button[type=submit]')]);
}

/** A signed-in page in `locale`. */
async function signedIn(locale: string): Promise<Page> {
  const page = await (await contextIn(locale)).newPage();
  await signIn(page);
  return page;
}

/** The Overview's figures as shown: name to value. */
async function figuresOn(page: Page): Promise<Record<string, string>> {
  const pairs = await page.$$eval('.figure', (els) => els.map((e) => [e.querySelector('dt')?.textContent ?? '', e.querySelector('dd')?.textContent ?? '']));
  return Object.fromEntries(pairs);
}

describe.skipIf(SKIP_BROWSER)('deskbot dashboard in Chromium', () => {
  it(
    'sends a visitor to sign in, refuses a wrong token with a message, and lets the right one in',
    async () => {
      for (const { locale, lang } of LANGS) {
        const page = await (await contextIn(locale)).newPage();
        await visit(page, '/cases');
        expect(new URL(page.url()).pathname).toBe('/sign-in');
        await page.fill('#token', 'not-the-token');
        const [refusal] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form.sign-in button[type=submit]')]);
        expect(refusal.status()).toBe(401);
        await page.waitForLoadState('domcontentloaded');
        expect(await page.locator('[role=alert]').textContent()).toBe(lang === 'en' ? 'That token is not right.' : '토큰이 맞지 않습니다.');
        expect(await page.locator('nav').count()).toBe(0);
        await page.fill('#token', TOKEN);
        await Promise.all([page.waitForURL((u) => u.pathname === '/', { waitUntil: 'domcontentloaded' }), page.click('form.sign-in button[type=submit]')]);
        expect(await page.locator('nav a[aria-current=page]').textContent()).toBe(lang === 'en' ? 'Overview' : '개요');
        await page.context().close();
      }
    },
    TEST_MS,
  );

  it(
    'shows the figures of the scripted history on the Overview, in English and in Korean',
    async () => {
      const page = await signedIn('en-US');
      await visit(page, `/?from=${FROM}`);
      // Worked out by hand from the history (as test/cli/stats.test.ts): C2 is past due by now, C1 was answered in time.
      expect(await figuresOn(page)).toEqual({
        'Self-service rate': '66.7%',
        'Unanswered rate': '40.0%',
        Conversations: '5',
        Answered: '3',
        Solved: '1',
        'Not solved': '1',
        'No reply': '1',
        Unanswered: '2',
        'Cases opened': '2',
        Resolved: '1',
        Closed: '1',
        Reopened: '0',
        'Open now': '1',
        'Overdue now': '1',
        'First response': '60 min / 60 min',
        Resolution: '2.0 h / 2.0 h',
        'SLA met': '50.0%',
        CSAT: '5.00 / 5',
        '5 stars': '1',
        '4 stars': '0',
        '3 stars': '0',
        '2 stars': '0',
        '1 star': '0',
      });
      expect(await page.locator('svg[role=img]').count()).toBe(2);
      await visit(page, `/?from=${FROM}&lang=ko`);
      expect(await figuresOn(page)).toMatchObject({ '접수된 문의': '2', '셀프 해결률': '66.7%' });
      await page.context().close();
    },
    TEST_MS,
  );

  it(
    "shows a case's transcript with the card number and the password the user typed masked",
    async () => {
      const page = await signedIn('ko-KR');
      await visit(page, '/cases');
      await Promise.all([page.waitForURL(`**/cases/${maskedCase}`, { waitUntil: 'domcontentloaded' }), page.click(`a[href="/cases/${maskedCase}"]`)]);
      const transcript = (await page.locator('ol.transcript').textContent()) ?? '';
      expect(transcript).toContain('앱 푸시 알림이 안 와요');
      expect(transcript).toContain('[카드번호]');
      expect(transcript).toContain('[비밀번호]');
      const everything = (await page.content()) + (await page.locator('body').innerText());
      expect(everything).not.toContain('1111');
      expect(everything).not.toContain(PASSWORD);
      await page.context().close();
    },
    TEST_MS,
  );

  it(
    'shows hostile user text as text: no script runs, no dialog opens, no element is made of it',
    async () => {
      const page = await signedIn('en-US');
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto('/review', { waitUntil: 'load' });
      // An image that failed to load would have fired its onerror by now; give a script every chance.
      await page.waitForTimeout(300);
      expect(dialogs).toEqual([]);
      expect(await page.locator('main script, img[src=x], [onerror]').count()).toBe(0);
      expect(await page.locator('ul.examples li', { hasText: '로또 번호' }).textContent()).toBe(HOSTILE);
      await page.context().close();
    },
    TEST_MS,
  );

  it(
    'has no serious or critical axe violations on any page, and saves its screenshots, in both languages',
    async () => {
      for (const { locale, lang } of LANGS) {
        const page = await (await contextIn(locale)).newPage();
        const check = async (name: string, path: string) => {
          await page.goto(path, { waitUntil: 'load' });
          await page.screenshot({ path: join(SHOTS, `dashboard-${name}-${lang}.png`) });
          expect(await seriousAxeViolations(page), `${name} (${lang})`).toEqual([]);
        };
        await check('sign-in', '/sign-in');
        await signIn(page);
        await check('overview', `/?from=${FROM}`);
        await check('cases', '/cases');
        await check('case', `/cases/${maskedCase}`);
        await check('review', '/review');
        await check('knowledge', '/knowledge');
        if (lang === 'ko') {
          await page.setViewportSize({ width: 390, height: 844 });
          await visit(page, `/?from=${FROM}`);
          await page.screenshot({ path: join(SHOTS, 'dashboard-overview-ko-phone.png') });
        }
        await page.context().close();
      }
    },
    TEST_MS * 2,
  );

  it(
    "assigns a review cluster to an intent; the example is written to the intents' YAML and the matcher then matches it",
    async () => {
      expect((await loadKnowledgeBase(intentsDir)).matcher.match(TO_ASSIGN).intent).not.toBe(INTENT);
      const page = await signedIn('en-US');
      await visit(page, '/review');
      const cluster = page.locator('article.cluster', { has: page.locator('li', { hasText: TO_ASSIGN }) });
      await cluster.locator('select[name=intent]').selectOption(INTENT);
      await Promise.all([
        page.waitForURL('**/review/assign', { waitUntil: 'domcontentloaded' }),
        cluster.locator('button[name=action][value=intent]').click(),
      ]);
      expect(await page.locator('[role=status]').textContent()).toMatch(new RegExp(`^added 1 example to .*${INTENT.replace('.', '\\.')}\\.yaml; a running bot reloads it$`));
      expect(await page.locator('ul.examples li', { hasText: TO_ASSIGN }).count()).toBe(0);
      expect(readFileSync(join(intentsDir, `${INTENT}.yaml`), 'utf8')).toContain(`- ${TO_ASSIGN}`);
      expect((await loadKnowledgeBase(intentsDir)).matcher.match(TO_ASSIGN).intent).toBe(INTENT);
      await page.context().close();
    },
    TEST_MS,
  );
});
