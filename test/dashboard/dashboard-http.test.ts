/**
 * The dashboard over HTTP (its fetch handler, no browser): sign-in with the operator token and refusals (401, 403),
 * the session cookie's flags, the strict CSP, the figures of a history scripted through the console, a case page
 * with its masked transcript, user text shown escaped, and a review cluster assigned to out of scope in a copy of intents/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApp } from '../../src/dashboard/dashboard-app.js';
import { openConsoleSession, type ConsoleSession } from '../support/console-session.js';
import { browserOf, csrfIn, form, sessionDashboard } from '../support/dashboard-browser.js';

const TOKEN = 'operator-token-for-tests-0123456789';
const HOSTILE = '로또 번호 추천해줘 <script>alert(1)</script> <img src=x onerror=alert(2)>';
const NOW = '2026-12-01T11:00:00+09:00';

let session: ConsoleSession;
let app: ReturnType<typeof createDashboardApp>;
let intentsDir: string;
let caseId: string;

async function openCase(user: string, text: string): Promise<string> {
  let id: string | undefined;
  for (const line of [{ user, text }, { user, choose: 'not_solved' }, { user, text: '갤럭시 S23' }, { user, choose: 'skip' }, { user, choose: 'skip' }, { user, choose: 'confirm' }]) {
    for (const o of await session.send(line)) if ('to' in o && o.to === 'agents' && 'caseId' in o && typeof o.caseId === 'string') id = o.caseId;
  }
  if (!id) throw new Error('no case opened');
  return id;
}

beforeAll(async () => {
  session = await openConsoleSession({ now: '2026-12-01T10:00:00+09:00', env: { NLU_ENCODER: 'none', LOG_LEVEL: 'silent' }, encoder: null });
  caseId = await openCase('u-a', '앱 푸시 알림이 안 와요, 연락처 010-2345-6789');
  await session.send({ user: 'u-x', text: HOSTILE });
  ({ app, intentsDir } = sessionDashboard(session, { now: NOW, token: TOKEN }));
});

afterAll(async () => {
  await session?.close();
});

const browser = () => browserOf(app);

async function signedIn() {
  const go = browser();
  const csrf = csrfIn(await (await go('/sign-in')).text());
  const res = await go('/sign-in', form({ _csrf: csrf, token: TOKEN }));
  expect(res.status).toBe(303);
  return go;
}

describe('deskbot dashboard over HTTP', () => {
  it('sends a visitor without a session to sign in, and refuses posts with 401', async () => {
    const go = browser();
    const home = await go('/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/sign-in');
    expect((await go('/review/assign', form({ id: 'c1', action: 'dismiss' }))).status).toBe(401);
  });

  it('refuses a wrong token (401) and a sign-in without its CSRF token (403); the right token gives a strict session cookie', async () => {
    const go = browser();
    const csrf = csrfIn(await (await go('/sign-in')).text());
    const wrong = await go('/sign-in', form({ _csrf: csrf, token: 'not-the-token' }));
    expect(wrong.status).toBe(401);
    const again = await wrong.text();
    expect(again).toContain('That token is not right.');
    expect((await go('/sign-in', form({ _csrf: 'forged', token: TOKEN }))).status).toBe(403);
    const fresh = csrfIn(again);
    const ok = await go('/sign-in', { ...form({ _csrf: fresh, token: TOKEN }), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' } });
    expect(ok.status).toBe(303);
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('deskbot_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Secure/);
  });

  it('keeps the sign-in form valid when the browser then fetches its favicon (sent to the sign-in page too)', async () => {
    const go = browser();
    const csrf = csrfIn(await (await go('/sign-in')).text());
    expect((await go('/favicon.ico')).headers.get('location')).toBe('/sign-in');
    expect(csrfIn(await (await go('/sign-in')).text())).toBe(csrf);
    expect((await go('/sign-in', form({ _csrf: csrf, token: TOKEN }))).status).toBe(303);
  });

  it('shows the figures of the scripted history under a strict CSP, in English and in Korean', async () => {
    const go = await signedIn();
    const res = await go('/?since=7d');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    const body = await res.text();
    expect(body).not.toMatch(/<script/i);
    expect(body).toContain('title="Cases opened in the period"><dt>Cases opened</dt><dd>1</dd>');
    expect(body).toContain('<dt>Answered</dt><dd>1</dd>');
    expect(body).toContain('<dt>Not solved</dt><dd>1</dd>');
    expect(body).toContain('<dt>Unanswered</dt><dd>1</dd>');
    expect(body).toContain('<dt>Self-service rate</dt><dd>0.0%</dd>');
    expect(body).toContain('<dt>Unanswered rate</dt><dd>50.0%</dd>');
    expect(body).toContain('<svg viewBox');
    const ko = await (await go('/?since=7d&lang=ko')).text();
    expect(ko).toContain('<html lang="ko">');
    expect(ko).toContain('<dt>접수된 문의</dt><dd>1</dd>');
    expect(await (await go('/cases')).text()).toContain('<html lang="ko">');
  });

  it('shows the period it shows in the menu, and a period picked in the menu wins over the date left in the form', async () => {
    const go = await signedIn();
    const selected = (page: string) => /<option value="([^"]*)" selected>([^<]*)<\/option>/.exec(page)?.slice(1);
    const fromDate = await (await go('/?since=7d&from=2026-11-28&shown=&lang=en')).text();
    expect(selected(fromDate)).toEqual(['2026-11-28', 'From 2026-11-28']);
    expect(fromDate).toContain('<input type="date" name="from" value="2026-11-28">');
    // The date is still in its field; the operator picks "Last 30 days" in the menu.
    const picked = await (await go('/?since=30d&from=2026-11-28&shown=2026-11-28')).text();
    expect(selected(picked)).toEqual(['30d', 'Last 30 days']);
    expect(picked).toContain('<input type="date" name="from" value="">');
    expect(selected(await (await go('/?since=365d')).text())).toEqual(['365d', 'Last 365 days']);
    expect(selected(await (await go('/?since=2026-11-28&lang=ko')).text())).toEqual(['2026-11-28', '2026-11-28부터']);
  });

  it('answers at once while the figures are still being counted, reloading itself, and shows them once they are', async () => {
    // The store's statistics' cache is slow to read, as a first count on a big store is to build.
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = session.deskbot.store;
    const slot = { ...store.statsCache, read: async () => (await gate, store.statsCache.read()) };
    const slow = new Proxy(store, { get: (target, key) => (key === 'statsCache' ? slot : Reflect.get(target, key)) });
    const dashboard = createDashboardApp({ store: slow, dataDir: session.dataDir, intentsDir, timeZone: 'Asia/Seoul', routes: ['default'], now: () => new Date(NOW), token: TOKEN, secureCookies: false, countWaitMs: 100 });
    const go = browserOf(dashboard);
    const csrf = csrfIn(await (await go('/sign-in')).text());
    expect((await go('/sign-in', form({ _csrf: csrf, token: TOKEN }))).status).toBe(303);
    const waiting = await go('/?since=7d');
    expect(waiting.status).toBe(200);
    const body = await waiting.text();
    expect(body).toContain('<meta http-equiv="refresh" content="5">');
    expect(body).toContain('The figures are being counted for the first time on this store');
    expect(body).not.toContain('<dt>Cases opened</dt>');
    release();
    const shown = await (await go('/?since=7d')).text();
    expect(shown).not.toContain('http-equiv="refresh"');
    expect(shown).toContain('title="Cases opened in the period"><dt>Cases opened</dt><dd>1</dd>');
  });

  it('lists the case, shows its page with the masked transcript, and shows hostile user text as text', async () => {
    const go = await signedIn();
    expect(await (await go('/cases?status=open')).text()).toContain(`href="/cases/${caseId}"`);
    const page = await (await go(`/cases/${caseId.toLowerCase()}`)).text();
    expect(page).toContain('앱 푸시 알림이 안 와요');
    expect(page).not.toContain('2345-6789');
    const review = await (await go('/review?since=7d')).text();
    expect(review).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;');
    expect(review).not.toContain('<img src=x');
    expect(review).not.toContain('<script>alert');
  });

  it('assigns a review cluster to out of scope through the same code as the command (403 without the CSRF token)', async () => {
    const go = await signedIn();
    const review = await (await go('/review?since=7d')).text();
    const article = review.split('<article').find((a) => a.includes('로또')) as string;
    const id = /name="id" value="(c[0-9a-z]{6})"/.exec(article)?.[1] as string;
    expect((await go('/review/assign', form({ _csrf: 'forged', id, action: 'out_of_scope', since: '7d' }))).status).toBe(403);
    const missing = await go('/review/assign', form({ _csrf: csrfIn(review), id: 'cnothing', action: 'dismiss', since: '7d' }));
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('nothing called cnothing in the review inbox');
    const done = await go('/review/assign', form({ _csrf: csrfIn(review), id, action: 'out_of_scope', since: '7d' }));
    expect(done.status, await done.clone().text()).toBe(200);
    expect(await done.text()).toMatch(/added 1 example to .*_out_of_scope\.yaml; a running bot reloads it/);
    expect(readFileSync(join(intentsDir, '_out_of_scope.yaml'), 'utf8')).toContain('<img src=x onerror=alert(2)>');
  });

  it('lists the intents with their example counts per language', async () => {
    const go = await signedIn();
    const body = await (await go('/knowledge')).text();
    expect(body).toMatch(/<td>app\.push<\/td><td>[^<]+<\/td><td>diagnostic<\/td><td>[^<]+<\/td><td class="num">\d+<\/td><td class="num">\d+<\/td>/);
  });
});
