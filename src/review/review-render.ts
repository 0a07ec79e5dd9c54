/** The review inbox for a terminal and as JSON. */
import type { ReviewCluster } from './inbox.js';

/** Examples shown per cluster in the terminal. */
const EXAMPLES_SHOWN = 3;

/** One cluster as terminal lines: rank, id, size, languages, reasons, closest intents and a few examples. */
export function renderCluster(c: ReviewCluster, rank: number): string[] {
  const reasons = Object.entries(c.reasons).map(([r, n]) => `${r.replace(/_/g, ' ')} ${n}`).join(', ');
  const closest = c.closest.length ? c.closest.map((x) => `${x.intent} ${x.score.toFixed(2)}`).join(', ') : '-';
  const lines = [`#${rank} ${c.id} · ${c.items.length} message${c.items.length === 1 ? '' : 's'} · ${c.langs.join(', ')} · ${reasons}`, `   closest: ${closest}`];
  for (const i of c.items.slice(-EXAMPLES_SHOWN).reverse()) lines.push(`   ${i.id}  ${JSON.stringify(i.text)}`);
  if (c.items.length > EXAMPLES_SHOWN) lines.push(`   … and ${c.items.length - EXAMPLES_SHOWN} more`);
  return lines;
}

/** The whole inbox as terminal lines. */
export function renderInbox(inbox: readonly ReviewCluster[]): string[] {
  if (inbox.length === 0) return ['The review inbox is empty: every message in this period was placed, assigned or dismissed.'];
  const messages = inbox.reduce((n, c) => n + c.items.length, 0);
  const lines = [`${messages} message${messages === 1 ? '' : 's'} in ${inbox.length} cluster${inbox.length === 1 ? '' : 's'}, largest first:`];
  inbox.forEach((c, i) => lines.push('', ...renderCluster(c, i + 1)));
  lines.push('', 'Assign: deskbot review assign ID --intent INTENT | --out-of-scope | --dismiss (ID: a cluster c… or a message m…)');
  return lines;
}

/** The inbox as one JSON object: every cluster with all its messages. */
export function inboxJson(inbox: readonly ReviewCluster[], since: Date, until: Date): object {
  return {
    since: since.toISOString(),
    until: until.toISOString(),
    clusters: inbox.map((c) => ({
      id: c.id,
      count: c.items.length,
      langs: c.langs,
      reasons: c.reasons,
      closest: c.closest,
      messages: c.items.map((i) => ({ id: i.id, at: i.at, lang: i.lang, reason: i.reason, text: i.text })),
    })),
  };
}
