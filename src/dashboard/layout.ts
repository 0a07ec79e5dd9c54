/** The page shell every dashboard page shares: head (the package's stylesheet, nothing else), navigation, language switch, sign-out. */
import type { DashboardTexts } from './dashboard-texts.js';
import { html, type Html } from './html.js';

/** Which page of the navigation is shown. */
export type NavPage = 'overview' | 'cases' | 'review' | 'knowledge';

/** What the shell needs to know about the request. */
export interface ShellContext {
  t: DashboardTexts;
  /** The request's path and query, for the language switch. */
  url: URL;
  /** The session's CSRF token; absent on the sign-in page (no navigation then). */
  csrf?: string;
  /** Seconds after which the browser loads the page again (a page waiting for figures), without a script. */
  refreshSeconds?: number;
}

const NAV: Array<[NavPage, string]> = [
  ['overview', '/'],
  ['cases', '/cases'],
  ['review', '/review'],
  ['knowledge', '/knowledge'],
];

/** The same page in the other language. */
function switchHref(url: URL, lang: string): string {
  const params = new URLSearchParams(url.search);
  params.set('lang', lang);
  return `${url.pathname}?${params}`;
}

/** A whole page around `body`. */
export function page(ctx: ShellContext, title: string, active: NavPage | undefined, body: Html): Html {
  const { t } = ctx;
  const other = t.htmlLang === 'ko' ? 'en' : 'ko';
  const nav = ctx.csrf
    ? html`<nav aria-label="${t.product}"><ul>
        ${NAV.map(([key, href]) => html`<li><a href="${href}"${key === active ? html` aria-current="page"` : ''}>${t.nav[key]}</a></li>`)}
      </ul>
      <form method="post" action="/sign-out" class="sign-out"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit">${t.signOut}</button></form></nav>`
    : '';
  return html`<!doctype html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t.product}</title>${ctx.refreshSeconds ? html`
<meta http-equiv="refresh" content="${ctx.refreshSeconds}">` : ''}
<link rel="stylesheet" href="/assets/dashboard.css">
</head>
<body>
<header><a class="brand" href="/">${t.product}</a><a class="lang-switch" href="${switchHref(ctx.url, other)}" lang="${other}" hreflang="${other}">${t.switchTo}</a>${nav}</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}
