/** The Knowledge page: the intents of intents/ with their example counts per language, and the out-of-scope list. */
import type { LoadedIntents } from '../knowledge/load.js';
import { formatProblem } from '../knowledge/load.js';
import type { DashboardTexts } from './dashboard-texts.js';
import { count } from './format.js';
import { html, type Html } from './html.js';

/** The page's body. */
export function knowledgeBody(kb: LoadedIntents, t: DashboardTexts): Html {
  const K = t.knowledge;
  const lang = t.htmlLang === 'ko' ? 'ko' : 'en';
  const rows = [...kb.intents]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((i) => html`<tr><td>${i.id}</td><td>${i.title[lang]}</td><td>${i.kind}</td><td>${i.route ?? 'default'}</td><td class="num">${count(i.examples.ko.length)}</td><td class="num">${count(i.examples.en.length)}</td></tr>`);
  return html`<div class="table-wrap"><table><thead><tr>${K.columns.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>
<p>${K.outOfScope}: ko ${count(kb.outOfScope.ko.length)} · en ${count(kb.outOfScope.en.length)}</p>
${kb.problems.length ? html`<section aria-labelledby="problems"><h2 id="problems">${K.problems}</h2><ul>${kb.problems.map((p) => html`<li>${formatProblem(p)}</li>`)}</ul></section>` : ''}`;
}
