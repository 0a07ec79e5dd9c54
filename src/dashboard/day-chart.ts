/**
 * Per-day charts as inline SVG, drawn on the server: grouped bars for counts and lines for rates (0-1). Colours
 * come from the stylesheet (classes `s0`, `s1`, …), so the page needs no script and no inline style.
 */
import { html, type Html } from './html.js';

/** One series: its name (the legend) and a value per day (null: nothing counted that day). */
export interface Series {
  name: string;
  values: (number | null)[];
}

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 36, right: 8, top: 10, bottom: 24 };

/** The chart's frame: title for screen readers, axis labels (first, middle and last day), and a legend. */
function frame(id: string, title: string, days: readonly string[], top: string, plot: Html, series: readonly Series[]): Html {
  const x = (i: number) => PAD.left + ((i + 0.5) * (WIDTH - PAD.left - PAD.right)) / Math.max(1, days.length);
  const labelled = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])].filter((i) => i >= 0);
  return html`<figure class="chart">
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}">
<title id="${id}">${title}</title>
<line class="axis" x1="${PAD.left}" y1="${HEIGHT - PAD.bottom}" x2="${WIDTH - PAD.right}" y2="${HEIGHT - PAD.bottom}"></line>
<text class="tick" x="${PAD.left - 4}" y="${PAD.top + 8}" text-anchor="end">${top}</text>
<text class="tick" x="${PAD.left - 4}" y="${HEIGHT - PAD.bottom}" text-anchor="end">0</text>
${labelled.map((i) => html`<text class="tick" x="${x(i)}" y="${HEIGHT - 6}" text-anchor="middle">${days[i].slice(5)}</text>`)}
${plot}
</svg>
<figcaption>${series.map((s, k) => html`<span class="legend"><span class="swatch s${k}"></span>${s.name}</span>`)}</figcaption>
</figure>`;
}

/** Grouped bars, one group a day, scaled to the largest count. */
export function countChart(id: string, title: string, days: readonly string[], series: readonly Series[]): Html {
  const most = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, days.length);
  const bar = Math.max(1, (slot * 0.8) / series.length);
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const bars = days.map((day, i) =>
    series.map((s, k) => {
      const v = s.values[i] ?? 0;
      const h = (v / most) * plotHeight;
      return html`<rect class="s${k}" x="${(PAD.left + i * slot + slot * 0.1 + k * bar).toFixed(1)}" y="${(HEIGHT - PAD.bottom - h).toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}"><title>${day} ${s.name}: ${v}</title></rect>`;
    }),
  );
  return frame(id, title, days, String(most), html`${bars}`, series);
}

/** Lines of rates from 0 to 100%; a day without a value breaks the line. */
export function rateChart(id: string, title: string, days: readonly string[], series: readonly Series[]): Html {
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, days.length);
  const x = (i: number) => PAD.left + (i + 0.5) * slot;
  const y = (v: number) => HEIGHT - PAD.bottom - v * (HEIGHT - PAD.top - PAD.bottom);
  const lines = series.map((s, k) => {
    const runs: string[][] = [[]];
    s.values.forEach((v, i) => (v === null ? runs.push([]) : runs[runs.length - 1].push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`)));
    const points = s.values.map((v, i) =>
      v === null ? '' : html`<circle class="s${k}" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5"><title>${days[i]} ${s.name}: ${(v * 100).toFixed(1)}%</title></circle>`,
    );
    return html`${runs.filter((r) => r.length > 1).map((r) => html`<polyline class="line s${k}" points="${r.join(' ')}"></polyline>`)}${points}`;
  });
  return frame(id, title, days, '100%', html`${lines}`, series);
}
