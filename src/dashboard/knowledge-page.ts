/**
 * The Knowledge page: the intents of intents/ with their example counts per language and their accuracy in the
 * last cross-validation (intents-cv.json in the data folder), the pairs of intents the matcher confuses most with
 * example messages, and the out-of-scope list.
 */
import type { CvReport } from '../knowledge/cv-report.js';
import type { LoadedIntents } from '../knowledge/load.js';
import { formatProblem } from '../knowledge/load.js';
import type { DashboardTexts } from './dashboard-texts.js';
import { count, localTime } from './format.js';
import { html, type Html } from './html.js';

/** What the page shows: the intents, and the last cross-validation (or why it cannot be read). */
export interface KnowledgeView {
  kb: LoadedIntents;
  cv: CvReport | { problem: string } | undefined;
  timeZone: string;
}

const share = (t: { examples: number; right: number }) => (t.examples === 0 ? '–' : `${((t.right / t.examples) * 100).toFixed(1)}%`);

/** The cross-validation's date and figures, or the command to run (or why its file cannot be read). */
function cvHeader(view: KnowledgeView, t: DashboardTexts): Html {
  const K = t.knowledge;
  const { cv } = view;
  if (cv === undefined) return html`<p class="note">${K.noCv} <code>deskbot intents check --cv</code></p>`;
  if ('problem' in cv) return html`<p class="problem">${K.cvProblem} ${cv.problem}. <code>deskbot intents check --cv</code></p>`;
  return html`<p>${K.cvMade}: <time datetime="${cv.madeAt}">${localTime(cv.madeAt, view.timeZone)}</time> (${cv.folds} ${K.cvSummary} ${(cv.accuracy * 100).toFixed(1)}%, ${count(cv.examples)})</p>`;
}

/** The confused pairs, most confused first, with the examples placed under the other intent. */
function confusions(cv: CvReport, t: DashboardTexts): Html {
  const K = t.knowledge;
  if (cv.confusions.length === 0) return html`<p>${K.noConfusions}</p>`;
  const rows = cv.confusions.map(
    (c) => html`<tr><td>${c.a} ↔ ${c.b}</td><td class="num">${count(c.aAsB + c.bAsA)}</td><td><ul>${c.examples.map((e) => html`<li>“${e.text}” (${e.intent} ${K.guessedAs} ${e.guessed})</li>`)}</ul></td></tr>`,
  );
  return html`<div class="table-wrap"><table><thead><tr>${K.confusedColumns.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>
<p class="note">${K.confusedNote}</p>`;
}

/** The page's body. */
export function knowledgeBody(view: KnowledgeView, t: DashboardTexts): Html {
  const K = t.knowledge;
  const lang = t.htmlLang === 'ko' ? 'ko' : 'en';
  const { kb } = view;
  const cv = view.cv && !('problem' in view.cv) ? view.cv : undefined;
  const accuracy = new Map(cv?.intents.map((i) => [i.id, i]));
  const rows = [...kb.intents]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((i) => {
      const a = accuracy.get(i.id);
      return html`<tr><td>${i.id}</td><td>${i.title[lang]}</td><td>${i.kind}</td><td>${i.route ?? 'default'}</td><td class="num">${count(i.examples.ko.length)}</td><td class="num">${count(i.examples.en.length)}</td><td class="num">${a ? share(a) : '–'}</td><td class="num">${a ? share(a.ko) : '–'}</td><td class="num">${a ? share(a.en) : '–'}</td></tr>`;
    });
  const headers = K.columns.map((h, i) => (i >= 6 ? html`<th scope="col" title="${K.accuracyHint}">${h}</th>` : html`<th scope="col">${h}</th>`));
  return html`${cvHeader(view, t)}
<div class="table-wrap"><table><thead><tr>${headers}</tr></thead><tbody>${rows}</tbody></table></div>
${cv ? html`<section aria-labelledby="confused"><h2 id="confused">${K.confused}</h2>${confusions(cv, t)}</section>` : ''}
<p>${K.outOfScope}: ko ${count(kb.outOfScope.ko.length)} · en ${count(kb.outOfScope.en.length)}</p>
${kb.problems.length ? html`<section aria-labelledby="problems"><h2 id="problems">${K.problems}</h2><ul>${kb.problems.map((p) => html`<li>${formatProblem(p)}</li>`)}</ul></section>` : ''}`;
}
