/** The Cases pages: the queue (`deskbot cases`' order and filters) and one case with its timeline and masked transcript. */
import { CASE_FILTERS, isOverdue } from '../insight/case-list.js';
import type { CaseEvent, SupportCase } from '../cases/types.js';
import type { DashboardTexts } from './dashboard-texts.js';
import { localTime } from './format.js';
import { html, type Html } from './html.js';

/** What the queue shows. */
export interface QueueView {
  status: string;
  route: string;
  routes: string[];
  /** The first cases of the queue, in its order. */
  cases: SupportCase[];
  total: number;
  now: Date;
  timeZone: string;
}

function options(values: readonly string[], selected: string, label: (v: string) => string): Html {
  return html`${values.map((v) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${label(v)}</option>`)}`;
}

/** The queue's body: the filter form and the table. */
export function queueBody(v: QueueView, t: DashboardTexts): Html {
  const T = t.cases;
  const form = html`<form method="get" action="/cases" class="filters">
<label>${T.status} <select name="status"><option value="">${T.any}</option>${options(CASE_FILTERS, v.status, (s) => T.statuses[s])}</select></label>
<label>${T.route} <select name="route"><option value="">${T.any}</option>${options(v.routes, v.route, (r) => r)}</select></label>
<button type="submit">${t.apply}</button></form>`;
  if (v.cases.length === 0) return html`${form}<p>${T.none}</p>`;
  const rows = v.cases.map((c) => {
    const overdue = isOverdue(c, v.now);
    return html`<tr${overdue ? html` class="overdue"` : ''}><td><a href="/cases/${encodeURIComponent(c.id)}">${c.id}</a></td>
<td>${T.statuses[c.status]}${overdue ? html` <strong class="badge">${T.overdueMark}</strong>` : ''}</td><td>${c.route}</td><td>${c.intent}</td>
<td>${localTime(c.createdAt, v.timeZone)}</td><td>${localTime(c.dueAt, v.timeZone)}</td><td>${c.assignee ?? '–'}</td><td>${c.requester.channel}:${c.requester.name ?? c.requester.userId}</td></tr>`;
  });
  return html`${form}<div class="table-wrap"><table><thead><tr>${T.columns.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>
<p>${T.shown(v.cases.length, v.total)}</p>`;
}

/** The platforms' names as their links say them. */
const PLATFORM_NAMES: Record<string, string> = { slack: 'Slack', discord: 'Discord' };

/** Links to the case's cards on the platforms that gave one; only https links, whatever a store holds. */
function cardLinks(c: SupportCase, t: DashboardTexts): Html | string {
  const links = Object.entries(c.cardLinks ?? {}).filter(([platform, url]) => PLATFORM_NAMES[platform] && url.startsWith('https://'));
  if (links.length === 0) return '';
  return html`<p class="card-links">${links.map(([platform, url]) => html`<a href="${url}" rel="noreferrer">${t.casePage.openCard(PLATFORM_NAMES[platform])}</a> `)}</p>`;
}

/** One case's body: details, collected details, timeline and transcript (as agents see it: masked). */
export function caseBody(c: SupportCase, events: readonly CaseEvent[], now: Date, timeZone: string, t: DashboardTexts): Html {
  const P = t.casePage;
  const row = (label: string, value: Html | string) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const overdue = isOverdue(c, now);
  const details = Object.entries(c.details);
  return html`<p class="status">${t.cases.statuses[c.status]}${overdue ? html` <strong class="badge">${t.cases.overdueMark}</strong>` : ''}</p>
${cardLinks(c, t)}
<section aria-labelledby="details"><h2 id="details">${P.details}</h2><div class="table-wrap"><table class="details">
${row(P.topic, `${c.intent} · ${c.route} · ${c.lang}`)}${row(P.requester, `${c.requester.name ?? c.requester.userId} (${c.requester.channel})`)}
${row(P.opened, localTime(c.createdAt, timeZone))}${row(P.due, localTime(c.dueAt, timeZone))}${row(P.firstReply, localTime(c.firstReplyAt, timeZone))}
${row(P.assignee, c.assignee ?? '–')}${row(P.verification, c.verification)}
${row(P.rating, c.rating === null ? '–' : `${c.rating}/5${c.ratingComment ? ` “${c.ratingComment}”` : ''}`)}${row(P.summary, c.summary || '–')}
${details.map(([k, value]) => row(k, String(value)))}
</table></div></section>
<section aria-labelledby="timeline"><h2 id="timeline">${P.timeline}</h2><ol class="timeline">
${events.map((e) => html`<li><time datetime="${e.at}">${localTime(e.at, timeZone)}</time> <span class="event">${e.type}</span> <span class="actor">${e.actor.kind}:${e.actor.id}</span></li>`)}
</ol></section>
<section aria-labelledby="transcript"><h2 id="transcript">${P.transcript}</h2>
${c.transcript.length === 0 ? html`<p>${P.empty}</p>` : html`<ol class="transcript">${c.transcript.map(
    (line) => html`<li class="from-${line.from}"><div class="meta">${P.from[line.from]}${line.from === 'agent' ? ` ${line.by}` : ''} · <time datetime="${line.at}">${localTime(line.at, timeZone)}</time></div><p class="text">${line.text}</p></li>`,
  )}</ol>`}
</section>
<p><a href="/cases">${P.back}</a></p>`;
}
