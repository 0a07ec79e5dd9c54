/** The Overview page: the `deskbot stats` figures of a period (whole, or one group of `--by`), and per-day charts. */
import type { StatsFigures } from '../insight/stats.js';
import { countChart, rateChart } from './day-chart.js';
import type { DashboardTexts, FigureText } from './dashboard-texts.js';
import { count, minutes, percent } from './format.js';
import { html, type Html } from './html.js';

/** The filter choices: each group of `--by` (but day) with the values it can take. */
export type FilterOptions = Array<{ group: string; values: string[] }>;

/** What the Overview shows. */
export interface OverviewView {
  since: string;
  /** `group:value`, or '' for everything. */
  filter: string;
  filterOptions: FilterOptions;
  /** The figures of the period, or of the filtered group. */
  figures: StatsFigures;
  /** Every day of the period with its figures (all traffic). */
  days: Array<[string, StatsFigures]>;
  /** Why the period could not be read, when it could not (the last 30 days are shown instead). */
  problem?: string;
}

/** One figure: its value, with its definition on hover. */
function figure(f: FigureText, value: string): Html {
  return html`<div class="figure" title="${f.definition}"><dt>${f.name}</dt><dd>${value}</dd></div>`;
}

/**
 * The period the Overview form asks for: its date when that was changed from the one shown (`shown`), else the
 * menu's choice. Without a script, a date left in the field must not hide a period picked in the menu afterwards.
 */
export function chosenPeriod(query: { since?: string; from?: string; shown?: string }): string | undefined {
  const { since, from, shown = '' } = query;
  return (from && from !== shown ? from : since) || from || undefined;
}

/** The period and filter form (a GET form: the address says what is shown). */
function filterForm(v: OverviewView, t: DashboardTexts): Html {
  const preset = Object.keys(t.periods).includes(v.since);
  const date = /^\d+d$/.test(v.since) ? '' : v.since;
  // A period that is not in the menu (a start date, `365d`) is shown as the menu's choice, not as its first entry.
  const shown = preset ? '' : html`<option value="${v.since}" selected>${date ? t.periodFrom(date) : t.periodDays(Number.parseInt(v.since, 10))}</option>`;
  return html`<form method="get" action="/" class="filters">
<label>${t.period} <select name="since">${Object.entries(t.periods).map(([value, label]) => html`<option value="${value}"${value === v.since ? html` selected` : ''}>${label}</option>`)}${shown}</select></label>
<label>${t.fromDate} <input type="date" name="from" value="${date}"></label><input type="hidden" name="shown" value="${date}">
<label>${t.filter} <select name="filter"><option value="">${t.everything}</option>${v.filterOptions.map(
    (g) => html`<optgroup label="${t.groups[g.group]}">${g.values.map((value) => html`<option value="${g.group}:${value}"${`${g.group}:${value}` === v.filter ? html` selected` : ''}>${value}</option>`)}</optgroup>`,
  )}</select></label>
<button type="submit">${t.apply}</button>
</form>`;
}

/** The page's body. */
export function overviewBody(v: OverviewView, t: DashboardTexts): Html {
  const f = v.figures;
  const F = t.figures;
  const q = f.questions;
  const c = f.cases;
  const days = v.days.map(([day]) => day);
  const series = (name: string, pick: (g: StatsFigures) => number | null) => ({ name, values: v.days.map(([, g]) => pick(g)) });
  return html`${v.problem ? html`<p class="problem" role="alert">${t.badPeriod}: ${v.problem}</p>` : ''}
${filterForm(v, t)}
<section aria-labelledby="questions"><h2 id="questions">${t.sections.questions}</h2><dl class="figures">
${figure(F.selfServiceRate, percent(f.selfServiceRate, t))}${figure(F.unansweredRate, percent(f.unansweredRate, t))}
${figure(F.conversations, count(f.conversations))}${figure(F.answered, count(q.answered))}${figure(F.solved, count(q.solved))}
${figure(F.notSolved, count(q.notSolved))}${figure(F.noReply, count(q.noReply))}${figure(F.unanswered, count(q.unanswered))}
</dl></section>
<section aria-labelledby="cases"><h2 id="cases">${t.sections.cases}</h2><dl class="figures">
${figure(F.opened, count(c.opened))}${figure(F.resolved, count(c.resolved))}${figure(F.closed, count(c.closed))}${figure(F.reopened, count(c.reopened))}
${figure(F.open, count(c.open))}${figure(F.overdue, count(c.overdue))}
${figure(F.firstResponse, `${minutes(f.firstResponseMinutes.p50, t)} / ${minutes(f.firstResponseMinutes.p90, t)}`)}
${figure(F.resolution, `${minutes(f.resolutionMinutes.p50, t)} / ${minutes(f.resolutionMinutes.p90, t)}`)}
${figure(F.slaMet, percent(f.slaMetRate, t))}
</dl></section>
<section aria-labelledby="satisfaction"><h2 id="satisfaction">${t.sections.satisfaction}</h2><dl class="figures">
${figure(F.csat, f.csat.mean === null ? t.noValue : `${f.csat.mean.toFixed(2)} / 5`)}
${(['5', '4', '3', '2', '1'] as const).map((s) => figure({ name: t.stars(s), definition: F.ratings.definition }, count(f.csat.distribution[s])))}
</dl></section>
<section aria-labelledby="per-day"><h2 id="per-day">${t.sections.perDay}</h2>
<p class="note">${t.chartAll}</p>
<div class="charts">
${countChart('chart-counts', t.chartCounts, days, [series(F.answered.name, (g) => g.questions.answered), series(F.unanswered.name, (g) => g.questions.unanswered), series(F.opened.name, (g) => g.cases.opened)])}
${rateChart('chart-rates', t.chartRates, days, [series(F.selfServiceRate.name, (g) => g.selfServiceRate), series(F.unansweredRate.name, (g) => g.unansweredRate)])}
</div></section>`;
}
