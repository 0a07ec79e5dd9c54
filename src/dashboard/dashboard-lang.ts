/** The dashboard's language: `?lang=` (kept in a cookie), else the cookie, else the browser's Accept-Language; English when none says. */
import type { Lang } from '../knowledge/types.js';

/** The cookie that keeps the operator's choice. */
export const LANG_COOKIE = 'deskbot_lang';

function isLang(value: string | undefined): value is Lang {
  return value === 'ko' || value === 'en';
}

/** The first of ko and en that Accept-Language prefers (by q, then order), or undefined. */
export function acceptedLang(header: string | undefined): Lang | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((r): r is { lang: Lang; q: number; order: number } => isLang(r.lang) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.lang;
}

/** The language of a request, and whether it was chosen now (`?lang=`, to be remembered in the cookie). */
export function requestLang(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): { lang: Lang; chosen: boolean } {
  if (isLang(query)) return { lang: query, chosen: true };
  if (isLang(cookie)) return { lang: cookie, chosen: false };
  return { lang: acceptedLang(acceptLanguage) ?? 'en', chosen: false };
}
