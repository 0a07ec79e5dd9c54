/** A browser's cookie jar over the dashboard application's fetch (no network), the form helpers its tests share, and the dashboard over a console session. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDashboardApp } from '../../src/dashboard/dashboard-app.js';
import type { ConsoleSession } from './console-session.js';

/** The dashboard over a console session's store, at a fixed time, with a copy of intents/ that review decisions may change. */
export function sessionDashboard(session: ConsoleSession, options: { now: string; token: string }): { app: ReturnType<typeof createDashboardApp>; intentsDir: string } {
  const intentsDir = join(mkdtempSync(join(tmpdir(), 'deskbot-dashboard-')), 'intents');
  cpSync('intents', intentsDir, { recursive: true });
  const app = createDashboardApp({
    store: session.deskbot.store,
    dataDir: session.dataDir,
    intentsDir,
    timeZone: 'Asia/Seoul',
    routes: ['default'],
    now: () => new Date(options.now),
    token: options.token,
    secureCookies: false,
  });
  return { app, intentsDir };
}

/** Anything with hono's fetch. */
interface Fetches {
  fetch(request: Request): Response | Promise<Response>;
}

/** A function that requests a path like a browser would: cookies kept between requests, redirects not followed. */
export function browserOf(app: Fetches) {
  const jar = new Map<string, string>();
  return async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await app.fetch(new Request(`http://127.0.0.1${path}`, { ...init, headers, redirect: 'manual' }));
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair.split('=');
      if (v === '') jar.delete(k);
      else jar.set(k, v);
    }
    return res;
  };
}

/** A urlencoded POST of these fields. */
export const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

/** The CSRF token of a page's (first) form. */
export const csrfIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
