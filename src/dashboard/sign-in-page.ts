/** The sign-in page: the operator token, or a user name and password, posted with the sign-in form's own CSRF token. */
import type { DashboardTexts } from './dashboard-texts.js';
import { html, type Html } from './html.js';

/** The sign-in form (with a user name when there is a users file); `wrong` adds the refusal. */
export function signInBody(t: DashboardTexts, csrf: string, wrong: boolean, users: boolean): Html {
  const S = t.signIn;
  const fields = users
    ? html`<label for="user">${S.user}</label>
<input id="user" name="user" autocomplete="username">
<label for="password">${S.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>`
    : html`<label for="token">${S.token}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>`;
  return html`${wrong ? html`<p class="problem" role="alert">${users ? S.wrongUser : S.wrong}</p>` : ''}
<form method="post" action="/sign-in" class="sign-in">
<input type="hidden" name="_csrf" value="${csrf}">
${fields}
<button type="submit">${S.submit}</button>
</form>
<p class="note">${users ? S.usersHint : S.hint}</p>`;
}
