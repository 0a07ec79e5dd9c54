/**
 * The Knowledge page over HTTP with the last cross-validation: the command to run when there is none, the accuracy
 * per intent and the confused pairs with their examples and date when there is one (every text escaped), and a
 * report file that cannot be read named as such.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApp } from '../../src/dashboard/dashboard-app.js';
import { CV_REPORT_FILE, saveCvReport, type CvReport } from '../../src/knowledge/cv-report.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/port.js';
import { browserOf, csrfIn, form } from '../support/dashboard-browser.js';

const TOKEN = 'operator-token-for-knowledge-tests';
const HOSTILE = '비밀번호 <script>alert(1)</script> <img src=x onerror=alert(2)>';
let store: Store;
let dataDir: string;

const report: CvReport = {
  version: 1,
  madeAt: '2026-11-30T23:30:00.000Z',
  matcher: 'lexical',
  folds: 5,
  examples: 60,
  accuracy: 0.9,
  threshold: 0.13,
  intents: [
    { id: 'account.password_reset', examples: 40, right: 30, ko: { examples: 20, right: 16 }, en: { examples: 20, right: 14 } },
    { id: 'account.find_id', examples: 20, right: 20, ko: { examples: 10, right: 10 }, en: { examples: 10, right: 10 } },
  ],
  confusions: [
    { a: 'account.find_id', b: 'account.password_reset', aAsB: 0, bAsA: 7, examples: [{ text: HOSTILE, intent: 'account.password_reset', guessed: 'account.find_id' }] },
    { a: 'billing.refund', b: 'billing.<b>x</b>', aAsB: 2, bAsA: 1, examples: [{ text: 'refund please', intent: 'billing.refund', guessed: 'billing.<b>x</b>' }] },
  ],
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'deskbot-dashboard-knowledge-'));
  store = await openLowdbStore({ dir: dataDir });
});

afterAll(async () => {
  await store?.close();
});

/** The Knowledge page's HTML, signed in with the token. */
async function knowledgePage(lang = 'en'): Promise<string> {
  const app = createDashboardApp({ store, dataDir, intentsDir: 'intents', timeZone: 'Asia/Seoul', routes: ['default'], now: () => new Date('2026-12-01T02:00:00Z'), token: TOKEN, secureCookies: false });
  const go = browserOf(app);
  expect((await go('/sign-in', form({ _csrf: csrfIn(await (await go('/sign-in')).text()), token: TOKEN }))).status).toBe(303);
  const res = await go(`/knowledge?lang=${lang}`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The cells of the intents table's row for this intent. */
const rowOf = (page: string, id: string) =>
  [...page.matchAll(/<tr><td>([^<]*)<\/td>(.*?)<\/tr>/g)].find((m) => m[1] === id)?.[2].match(/<td[^>]*>([^<]*)<\/td>/g)?.map((c) => c.replace(/<[^>]+>/g, ''));

describe('the Knowledge page and the last cross-validation', () => {
  it('names the command to run when there is none, with no accuracy', async () => {
    const page = await knowledgePage();
    expect(page).toContain('No cross-validation yet: run this to see the accuracy per intent and the intents the matcher confuses: <code>deskbot intents check --cv</code>');
    expect(rowOf(page, 'account.password_reset')?.slice(-3)).toEqual(['–', '–', '–']);
    expect(page).not.toContain('Intents the matcher confuses most');
  });

  it('shows its date, the accuracy per intent and language, and the confused pairs with escaped examples', async () => {
    await saveCvReport(dataDir, report);
    const page = await knowledgePage();
    expect(page).toContain('Last cross-validation: <time datetime="2026-11-30T23:30:00.000Z">2026-12-01 08:30</time> (5 folds, lexical matcher; examples placed under their intent: 90.0%, 60)');
    expect(rowOf(page, 'account.password_reset')?.slice(-3)).toEqual(['75.0%', '80.0%', '70.0%']);
    expect(rowOf(page, 'account.find_id')?.slice(-3)).toEqual(['100.0%', '100.0%', '100.0%']);
    expect(page).toContain('<h2 id="confused">Intents the matcher confuses most</h2>');
    expect(page).toContain('<tr><td>account.find_id ↔ account.password_reset</td><td class="num">7</td>');
    expect(page).toContain('“비밀번호 &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;” (account.password_reset placed under account.find_id)');
    expect(page).toContain('billing.refund ↔ billing.&lt;b&gt;x&lt;/b&gt;');
    expect(page).not.toMatch(/<script|<img|<b>x/);
    expect(page.indexOf('account.find_id ↔')).toBeLessThan(page.indexOf('billing.refund ↔'));
    expect(await knowledgePage('ko')).toContain('마지막 교차 검증: <time datetime="2026-11-30T23:30:00.000Z">2026-12-01 08:30</time>');
  });

  it('says so when the report file cannot be read', async () => {
    writeFileSync(join(dataDir, CV_REPORT_FILE), 'not json');
    const page = await knowledgePage();
    expect(page).toContain(`The last cross-validation cannot be read: ${join(dataDir, CV_REPORT_FILE)}: not JSON. <code>deskbot intents check --cv</code>`);
  });
});
