/** Agents' suggested answers in the review inbox: grouped by the cases' intent, beside the intent's current answer. */
import type { Intent, Localized } from '../knowledge/types.js';
import type { Store } from '../store/port.js';

/** The suggestions for one intent. */
export interface SuggestionGroup {
  intent: string;
  /** The intent's answer now (null when intents/ no longer has the intent). */
  current: Localized | null;
  suggested: Array<{ caseId: string; by: string; at: string; text: string }>;
}

/** Suggestions made in [since, until), newest first within an intent; intents with the most suggestions first. */
export async function readSuggestions(store: Store, since: Date, until: Date, intents: readonly Intent[]): Promise<SuggestionGroup[]> {
  const [from, to] = [since.toISOString(), until.toISOString()];
  const byIntent = new Map<string, SuggestionGroup>();
  for await (const c of store.cases.changedSince(since, 'suggested')) {
    for (const s of c.suggestions ?? []) {
      if (s.at < from || s.at >= to) continue;
      let group = byIntent.get(c.intent);
      if (!group) {
        group = { intent: c.intent, current: intents.find((i) => i.id === c.intent)?.answer ?? null, suggested: [] };
        byIntent.set(c.intent, group);
      }
      group.suggested.push({ caseId: c.id, by: s.by, at: s.at, text: s.text });
    }
  }
  const groups = [...byIntent.values()];
  for (const g of groups) g.suggested.sort((a, b) => b.at.localeCompare(a.at));
  return groups.sort((a, b) => b.suggested.length - a.suggested.length || a.intent.localeCompare(b.intent));
}

/** The suggestions as terminal lines (none when there are none). */
export function renderSuggestions(groups: readonly SuggestionGroup[]): string[] {
  if (groups.length === 0) return [];
  const lines = ['', 'Answers agents suggested:'];
  for (const g of groups) {
    lines.push('', `${g.intent}: ${g.suggested.length} suggestion${g.suggested.length === 1 ? '' : 's'}`);
    const current = g.current ? (g.current.ko || g.current.en).split('\n')[0] : '(the intent is not in intents/ any more)';
    lines.push(`   now:        ${current}`);
    for (const s of g.suggested) lines.push(`   ${s.caseId} ${s.by}: ${s.text.replace(/\s*\n\s*/g, ' ')}`);
  }
  return lines;
}
