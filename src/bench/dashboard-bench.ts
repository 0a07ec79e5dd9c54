/**
 * `npm run bench -- dashboard`: every dashboard page answering over HTTP (served by @hono/node-server on 127.0.0.1,
 * signed in with the token) on the year `npm run bench -- stats` seeds, 1,000,000 turn-log entries and 100,000
 * cases, on lowdb and (with DATABASE_URL) on PostgreSQL; the store is opened once, as the dashboard keeps it.
 */
import { randomBytes } from 'node:crypto';
import { serveDashboard } from '../dashboard/dashboard-server.js';
import { closedSeedCase } from './seed-cases.js';
import { benchStores, seedYear, YEAR_MS, YEAR_START } from './stats-bench.js';

/** The pages timed: the default ones an operator opens, the Overview over the whole year, and the last case's page. */
const pagesOf = (cases: number) => ['/', '/?since=365d', '/cases', `/cases/${closedSeedCase(cases - 1, new Date(YEAR_START).toISOString()).id}`, '/review', '/knowledge'];

/** The target of issue 15: every page in 300 ms. */
const TARGET_MS = 300;

/** Signs in with the token and returns the session cookie. */
async function signIn(url: string, token: string): Promise<string> {
  const page = await fetch(new URL('/sign-in', url));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(new URL('/sign-in', url), { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, token }) });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('deskbot_session='));
  if (res.status !== 303 || !session) throw new Error(`sign-in answered ${res.status}`);
  return session.split(';')[0];
}

/** Milliseconds one page takes to answer 200 with its whole body, and whether it showed figures still being counted. */
async function timePage(url: string, path: string, cookie: string): Promise<{ ms: number; counting: boolean }> {
  const started = performance.now();
  const res = await fetch(new URL(path, url), { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return { ms: performance.now() - started, counting: body.includes('http-equiv="refresh"') };
}

/** Seconds until the Overview shows figures (the statistics' cache built), asking as its page reloads itself. */
async function untilFigures(url: string, cookie: string, started: number): Promise<number> {
  while ((await timePage(url, '/', cookie)).counting) await new Promise((resolve) => setTimeout(resolve, 1000));
  return (performance.now() - started) / 1000;
}

/** Seeds each store, serves the dashboard on it and times each page: the first answer and the median of 3 more. */
export async function benchDashboard(out: (line: string) => void, options: { turns?: number; databaseUrl?: string } = {}): Promise<void> {
  const turns = options.turns ?? 1_000_000;
  const cases = Math.round(turns / 10);
  const stores = benchStores('dashboard', options.databaseUrl);
  out(`${turns} turn-log entries and ${cases} cases over a year; the clock at the year's end.\n`);
  out(`| store | page | median of 3, once the figures are counted | ≤ ${TARGET_MS} ms |\n|---|---|---:|---|`);
  const notes: string[] = [];
  const token = randomBytes(18).toString('base64url');
  for (const { name, dataDir, open, drop, seeded: afterSeeding } of stores) {
    const seeding = await open();
    await seedYear(seeding, turns, cases);
    await seeding.close();
    await afterSeeding?.();
    const store = await open();
    const started = performance.now();
    const settings = { host: '127.0.0.1', port: 0, token, generatedToken: false, secureCookies: false };
    const served = await serveDashboard({ store, dataDir, intentsDir: 'intents', timeZone: 'Asia/Seoul', routes: ['default'], now: () => new Date(YEAR_START + YEAR_MS) }, settings);
    if (typeof served === 'string') throw new Error(served);
    try {
      const cookie = await signIn(served.url, token);
      // The first Overview answers while the cache the dashboard started building is not ready: timed as it
      // comes, then the pages are timed once the figures are there.
      const first = await timePage(served.url, '/', cookie);
      const ready = await untilFigures(served.url, cookie, started);
      for (const path of pagesOf(cases)) {
        const runs = [await timePage(served.url, path, cookie), await timePage(served.url, path, cookie), await timePage(served.url, path, cookie)];
        const median = runs.map((r) => r.ms).sort((a, b) => a - b)[1];
        out(`| ${name} | \`${path}\` | ${median.toFixed(0)} ms | ${median <= TARGET_MS ? 'yes' : 'no'} |`);
      }
      notes.push(`${name}: the first visit answered in ${first.ms.toFixed(0)} ms${first.counting ? ' that the figures were being counted' : ''}; figures after ${ready.toFixed(1)} s.`);
    } finally {
      await served.close();
      await store.close();
      await drop();
    }
  }
  out(`\n${notes.join('\n')}`);
}
