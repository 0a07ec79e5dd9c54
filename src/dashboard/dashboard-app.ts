/**
 * The dashboard's HTTP application (hono): security headers on every answer (a strict Content-Security-Policy: the
 * package's stylesheet, no script), sign-in with the operator token or a user's password into an HttpOnly, SameSite=Strict session cookie
 * (Secure behind HTTPS), a CSRF token on every POST, and the pages. 401 without a session (HTML GETs are sent to
 * the sign-in page), 403 on a bad CSRF token.
 */
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Lang } from '../knowledge/types.js';
import { caseBody, queueBody } from './cases-page.js';
import { LANG_COOKIE, requestLang } from './dashboard-lang.js';
import { textsOf, type DashboardTexts } from './dashboard-texts.js';
import { html, type Html } from './html.js';
import { knowledgeBody } from './knowledge-page.js';
import { page, type NavPage } from './layout.js';
import { chosenPeriod, overviewBody } from './overview-page.js';
import { caseOf, decideReview, knowledgeOf, overviewOf, queueOf, reviewOf, type DashboardSources } from './page-data.js';
import { reviewBody } from './review-page.js';
import { createSessions, newSecret, sameSecret, type Session } from './sessions.js';
import { signInBody } from './sign-in-page.js';
import { checkUser, UsersFileError } from './users-file.js';

/** The session cookie and the sign-in form's cookie. */
const SESSION_COOKIE = 'deskbot_session';
const SIGN_IN_COOKIE = 'deskbot_sign_in';

/** Every answer's security headers. */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** How often a page waiting for figures reloads itself. */
const COUNTING_REFRESH_S = 5;

/** The stylesheet, read once from the package (assets/ beside src/ and dist/). */
const STYLESHEET = readFileSync(new URL('../../assets/dashboard.css', import.meta.url), 'utf8');

/** What the application needs besides the pages' sources. */
export interface DashboardOptions extends DashboardSources {
  token: string;
  secureCookies: boolean;
  /** DASHBOARD_USERS_FILE: read at each sign-in, so that users added with `deskbot dashboard user add` can sign in at once. */
  usersFile?: string;
}

type Env = { Variables: { lang: Lang; t: DashboardTexts; session: Session } };

/**
 * Whether a sign-in form is right: a user's name and password from the users file, or (the name left empty) the
 * operator token, in the token form's field or the password field. A users file that went wrong refuses its users.
 */
async function signsIn(options: DashboardOptions, form: Record<string, unknown>): Promise<boolean> {
  const user = String(form.user ?? '').trim();
  if (user === '') return sameSecret(String(form.token ?? form.password ?? ''), options.token);
  if (options.usersFile === undefined) return false;
  return checkUser(options.usersFile, user, String(form.password ?? '')).catch((e: unknown) => {
    if (e instanceof UsersFileError) return false;
    throw e;
  });
}

/** The application; serve it with @hono/node-server (see dashboard-server.ts) or call its fetch in tests. */
export function createDashboardApp(options: DashboardOptions): Hono<Env> {
  const sessions = createSessions();
  const app = new Hono<Env>();
  const secure = (c: Context) => options.secureCookies || c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https';
  const cookie = (c: Context, name: string, value: string) => setCookie(c, name, value, { httpOnly: true, sameSite: 'Strict', secure: secure(c), path: '/' });

  app.use(async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  });
  app.use(bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('Payload Too Large', 413) }));
  app.use(async (c, next) => {
    const { lang, chosen } = requestLang(c.req.query('lang'), getCookie(c, LANG_COOKIE), c.req.header('accept-language'));
    if (chosen) cookie(c, LANG_COOKIE, lang);
    c.set('lang', lang);
    c.set('t', textsOf(lang));
    await next();
  });

  app.get('/assets/dashboard.css', (c) => c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  // The browser's sign-in token is kept, not renewed: any other GET without a session (its /favicon.ico, a second
  // tab) shows this page too, and a new token would make the form already on screen fail with 403.
  const signInPage = (c: Context<Env>, wrong: boolean) => {
    const kept = getCookie(c, SIGN_IN_COOKIE) ?? '';
    const csrf = /^[\w-]{32}$/.test(kept) ? kept : newSecret();
    cookie(c, SIGN_IN_COOKIE, csrf);
    const t = c.get('t');
    return c.html(page({ t, url: new URL(c.req.url) }, t.signIn.title, undefined, signInBody(t, csrf, wrong, options.usersFile !== undefined)), wrong ? 401 : 200);
  };
  app.get('/sign-in', (c) => signInPage(c, false));
  app.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const expected = getCookie(c, SIGN_IN_COOKIE) ?? '';
    if (!sameSecret(String(form._csrf ?? ''), expected)) return c.text(c.get('t').errors.forbidden, 403);
    if (!(await signsIn(options, form))) return signInPage(c, true);
    deleteCookie(c, SIGN_IN_COOKIE, { path: '/' });
    cookie(c, SESSION_COOKIE, sessions.create().id);
    return c.redirect('/', 303);
  });

  // Everything below needs a session; POSTs need its CSRF token too.
  app.use(async (c, next) => {
    const session = sessions.get(getCookie(c, SESSION_COOKIE));
    if (!session) return c.req.method === 'GET' ? c.redirect('/sign-in', 303) : c.text('Unauthorized', 401);
    if (c.req.method === 'POST' && !sameSecret(String((await c.req.parseBody())._csrf ?? ''), session.csrf)) return c.text(c.get('t').errors.forbidden, 403);
    c.set('session', session);
    await next();
  });
  const show = (c: Context<Env>, title: string, active: NavPage | undefined, body: Html, status: 200 | 404 | 422 = 200, refreshSeconds?: number) =>
    c.html(page({ t: c.get('t'), url: new URL(c.req.url), csrf: c.get('session').csrf, refreshSeconds }, title, active, body), status);

  app.post('/sign-out', (c) => {
    sessions.delete(c.get('session').id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/sign-in', 303);
  });
  app.get('/', async (c) => {
    const t = c.get('t');
    const view = await overviewOf(options, chosenPeriod(c.req.query()), c.req.query('filter'));
    if ('counting' in view) return show(c, t.nav.overview, 'overview', html`<p class="notice" role="status">${t.counting}</p>`, 200, COUNTING_REFRESH_S);
    return show(c, t.nav.overview, 'overview', overviewBody(view, t));
  });
  app.get('/cases', async (c) => {
    const t = c.get('t');
    return show(c, t.cases.title, 'cases', queueBody(await queueOf(options, c.req.query('status'), c.req.query('route')), t));
  });
  app.get('/cases/:id', async (c) => {
    const t = c.get('t');
    const found = await caseOf(options, c.req.param('id'));
    if (!found) return show(c, t.cases.title, 'cases', html`<p>${t.casePage.notFound}</p>`, 404);
    return show(c, `${t.cases.title} ${found.c.id}`, 'cases', caseBody(found.c, found.events, options.now(), options.timeZone, t));
  });
  app.get('/review', async (c) => {
    const t = c.get('t');
    const view = await reviewOf(options, c.req.query('since'));
    return show(c, t.review.title, 'review', reviewBody({ ...view, csrf: c.get('session').csrf }, t, c.get('lang')));
  });
  app.post('/review/assign', async (c) => {
    const t = c.get('t');
    const form = await c.req.parseBody();
    const since = String(form.since ?? '') || undefined;
    const outcome = await decideReview(options, since, String(form.id ?? ''), String(form.action ?? ''), String(form.intent ?? '') || undefined);
    const view = await reviewOf(options, since);
    return show(c, t.review.title, 'review', reviewBody({ ...view, csrf: c.get('session').csrf, outcome }, t, c.get('lang')), 'done' in outcome ? 200 : 422);
  });
  app.get('/knowledge', async (c) => {
    const t = c.get('t');
    return show(c, t.knowledge.title, 'knowledge', knowledgeBody(await knowledgeOf(options), t));
  });
  app.notFound((c) => c.text(c.get('t')?.errors.notFound ?? 'Not found.', 404));
  return app;
}
