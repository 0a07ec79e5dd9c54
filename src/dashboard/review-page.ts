/** The Review page: the inbox's clusters with their forms (assign to an intent, out of scope, dismiss), and agents' suggested answers. */
import type { Lang } from '../knowledge/types.js';
import type { DecisionOutcome, ReviewPlace } from '../review/review-actions.js';
import type { DashboardTexts } from './dashboard-texts.js';
import { html, type Html } from './html.js';

/** Messages shown per cluster. */
const EXAMPLES_SHOWN = 5;

/** What the Review page shows. */
export interface ReviewView {
  place: ReviewPlace;
  /** The period the inbox is read for, as the form posts it back. */
  since: string;
  intentIds: string[];
  csrf: string;
  /** What the last decision did, on the page that answers it. */
  outcome?: DecisionOutcome;
}

function outcomeNote(o: DecisionOutcome | undefined, t: DashboardTexts): Html | string {
  if (!o) return '';
  if ('done' in o) return html`<p class="done" role="status">${o.done}</p>`;
  return html`<div class="problem" role="alert"><p>${t.review.refused} ${o.refused}</p>${o.problems.length ? html`<ul>${o.problems.map((p) => html`<li>${p}</li>`)}</ul>` : ''}</div>`;
}

/** The page's body. */
export function reviewBody(v: ReviewView, t: DashboardTexts, lang: Lang): Html {
  const R = t.review;
  const clusters = v.place.inbox.map((c, rank) => {
    const reasons = Object.entries(c.reasons).map(([r, n]) => `${R.reasons[r] ?? r} ${n}`).join(', ');
    const shown = c.items.slice(-EXAMPLES_SHOWN).reverse();
    const headingId = `cluster-${c.id}`;
    return html`<article class="cluster" aria-labelledby="${headingId}">
<h2 id="${headingId}">#${rank + 1} · ${R.messages(c.items.length)} · ${c.langs.join(', ')}</h2>
<p class="meta">${c.id} · ${reasons}</p>
<p>${R.closest}: ${c.closest.length ? c.closest.map((x) => `${x.intent} (${x.score.toFixed(2)})`).join(', ') : '–'}</p>
<ul class="examples">${shown.map((i) => html`<li lang="${i.lang}">${i.text}</li>`)}</ul>
${c.items.length > EXAMPLES_SHOWN ? html`<p class="meta">${R.more(c.items.length - EXAMPLES_SHOWN)}</p>` : ''}
<form method="post" action="/review/assign" class="assign">
<input type="hidden" name="_csrf" value="${v.csrf}"><input type="hidden" name="id" value="${c.id}"><input type="hidden" name="since" value="${v.since}">
<label>${R.intent} <select name="intent">${v.intentIds.map((id) => html`<option value="${id}"${id === c.closest[0]?.intent ? html` selected` : ''}>${id}</option>`)}</select></label>
<button type="submit" name="action" value="intent">${R.assign}</button>
<button type="submit" name="action" value="out_of_scope">${R.outOfScope}</button>
<button type="submit" name="action" value="dismiss">${R.dismiss}</button>
</form></article>`;
  });
  const suggestions = v.place.suggestions.map(
    (g) => html`<article class="suggestion"><h3>${g.intent}</h3>
<p><strong>${R.currentAnswer}:</strong></p><p class="text">${g.current ? g.current[lang] || g.current.ko || g.current.en : R.notInIntents}</p>
<ul>${g.suggested.map((s) => html`<li><span class="meta">${s.caseId} · ${s.by}</span><p class="text">${s.text}</p></li>`)}</ul></article>`,
  );
  return html`${outcomeNote(v.outcome, t)}<p>${R.intro}</p>
${clusters.length ? clusters : html`<p>${R.empty}</p>`}
${suggestions.length ? html`<section aria-labelledby="suggestions"><h2 id="suggestions">${R.suggestions}</h2>${suggestions}</section>` : ''}`;
}
