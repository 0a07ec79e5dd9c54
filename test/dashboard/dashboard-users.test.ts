/**
 * Signing in to the dashboard over HTTP with a user of DASHBOARD_USERS_FILE: the right password signs in, a wrong
 * password and an unknown user get the same 401 and message, the token still signs in, and a users file gone wrong
 * refuses its users without breaking the token.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApp } from '../../src/dashboard/dashboard-app.js';
import { addUser } from '../../src/dashboard/users-file.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/port.js';
import { browserOf, csrfIn, form } from '../support/dashboard-browser.js';

const TOKEN = 'operator-token-for-users-tests-0123';
const PASSWORD = '운영자 비밀번호 correct horse';
let store: Store;
let dataDir: string;
let usersFile: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'deskbot-dashboard-users-'));
  store = await openLowdbStore({ dir: dataDir });
  usersFile = join(dataDir, 'dashboard-users');
  await addUser(usersFile, 'minji', PASSWORD);
});

afterAll(async () => {
  await store?.close();
});

const appWith = (file: string | undefined) =>
  createDashboardApp({ store, dataDir, intentsDir: 'intents', timeZone: 'Asia/Seoul', routes: ['default'], now: () => new Date('2026-12-01T02:00:00Z'), token: TOKEN, secureCookies: false, usersFile: file });

/** Posts the sign-in form with these fields (and its CSRF token); the response and the browser. */
async function signIn(file: string | undefined, fields: Record<string, string>) {
  const go = browserOf(appWith(file));
  const page = await (await go('/sign-in')).text();
  return { page, res: await go('/sign-in', form({ _csrf: csrfIn(page), ...fields })), go };
}

/** The refusal a sign-in page shows. */
const alertOf = async (res: Response) => /<p class="problem" role="alert">([^<]*)<\/p>/.exec(await res.text())?.[1];

describe('dashboard users with hashed passwords', () => {
  it('asks for a user name and a password, and the right password signs in to the pages', async () => {
    const { page, res, go } = await signIn(usersFile, { user: 'minji', password: PASSWORD });
    expect(page).toContain('<input id="user" name="user"');
    expect(page).toContain('<input id="password" name="password" type="password"');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect((await go('/knowledge')).status).toBe(200);
  });

  it('refuses a wrong password and an unknown user alike: 401, the same message, no session', async () => {
    const wrong = await signIn(usersFile, { user: 'minji', password: `${PASSWORD}!` });
    const unknown = await signIn(usersFile, { user: 'minsu', password: PASSWORD });
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    const message = await alertOf(wrong.res);
    expect(message).toBe('The user name or the password is not right.');
    expect(await alertOf(unknown.res)).toBe(message);
    expect(wrong.res.headers.getSetCookie().some((c) => c.startsWith('deskbot_session='))).toBe(false);
    expect((await wrong.go('/knowledge')).status).toBe(303);
  });

  it('still signs in with the token, the user name left empty', async () => {
    expect((await signIn(usersFile, { user: '', password: TOKEN })).res.status).toBe(303);
    expect((await signIn(usersFile, { user: '', password: PASSWORD })).res.status).toBe(401);
  });

  it('takes no user name and password without a users file', async () => {
    const { page, res } = await signIn(undefined, { user: 'minji', password: PASSWORD });
    expect(page).not.toContain('name="user"');
    expect(res.status).toBe(401);
  });

  it('refuses the users of a file that went wrong, and the token still works', async () => {
    const broken = join(dataDir, 'broken-users');
    writeFileSync(broken, `minji:${PASSWORD}\n`);
    expect((await signIn(broken, { user: 'minji', password: PASSWORD })).res.status).toBe(401);
    expect((await signIn(broken, { user: '', password: TOKEN })).res.status).toBe(303);
  });
});
