/** A browser's cookie jar over the dashboard application's fetch (no network), and the form helpers its tests share. */

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
