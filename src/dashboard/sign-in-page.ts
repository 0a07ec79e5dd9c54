/** The sign-in page: the operator token, posted with the sign-in form's own CSRF token. */
import type { DashboardTexts } from './dashboard-texts.js';
import { html, type Html } from './html.js';

/** The sign-in form; `wrong` adds the refusal of a wrong token. */
export function signInBody(t: DashboardTexts, csrf: string, wrong: boolean): Html {
  return html`${wrong ? html`<p class="problem" role="alert">${t.signIn.wrong}</p>` : ''}
<form method="post" action="/sign-in" class="sign-in">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="token">${t.signIn.token}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">${t.signIn.submit}</button>
</form>
<p class="note">${t.signIn.hint}</p>`;
}
