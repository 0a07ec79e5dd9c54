/**
 * The review inbox: the messages the bot could not place (out of scope, low confidence, "none of these", not
 * solved), from the turn log, grouped into clusters of similar messages, largest first. Messages an operator
 * assigned or dismissed are left out, and so are new messages that join a dismissed message's group.
 */
import { createHash } from 'node:crypto';
import type { ClosestIntent, ReviewReason } from '../insight/turn-log-entry.js';
import type { Lang } from '../knowledge/types.js';
import type { Store } from '../store/port.js';
import { leaderClusters } from './clustering.js';
import type { ReviewDecisions } from './decisions.js';
import { vectorize } from './message-vectors.js';

/** One message of the inbox. */
export interface ReviewItem {
  /** Short id for the command line (`m` and six letters or digits). */
  id: string;
  /** The turn log entry's id. */
  turn: string;
  at: string;
  lang: Lang;
  reason: ReviewReason;
  /** The user's text, masked when it was logged. */
  text: string;
  closest: ClosestIntent[];
}

/** A group of similar messages. */
export interface ReviewCluster {
  /** Short id for the command line (`c` and six letters or digits), stable while its first message stays. */
  id: string;
  items: ReviewItem[];
  langs: Lang[];
  reasons: Partial<Record<ReviewReason, number>>;
  /** The two intents closest to the group's messages, by their mean score over its messages. */
  closest: ClosestIntent[];
}

/** A short id: `prefix` and six base-36 characters of a hash of `key`. */
export function shortId(prefix: string, key: string): string {
  return prefix + BigInt(`0x${createHash('sha1').update(key).digest('hex').slice(0, 12)}`).toString(36).slice(-6).padStart(6, '0');
}

/** The turn log's review messages in [since, until), oldest first. */
export async function readReviewItems(store: Store, since: Date, until: Date): Promise<ReviewItem[]> {
  const items: ReviewItem[] = [];
  for await (const e of store.turns.between(since, until, 'review')) {
    if (!e.review || !e.text) continue;
    items.push({ id: shortId('m', e.id), turn: e.id, at: e.at, lang: e.lang, reason: e.review, text: e.text, closest: e.closest ?? [] });
  }
  return items;
}

/** The clusters of the items an operator has not decided on yet, largest first (then the most recent first). */
export function buildInbox(items: readonly ReviewItem[], decisions: ReviewDecisions): ReviewCluster[] {
  const decided = new Set([...decisions.dismissed.map((d) => d.id), ...decisions.assigned.map((a) => a.id)]);
  const open = items.filter((i) => !decided.has(i.turn));
  // Dismissed messages lead first: a new message that joins one of their groups stays dismissed with it.
  const texts = [...decisions.dismissed.map((d) => d.text), ...open.map((i) => i.text)];
  const leaderOf = leaderClusters(vectorize(texts));
  const dismissedCount = decisions.dismissed.length;
  const groups = new Map<number, ReviewItem[]>();
  open.forEach((item, k) => {
    const leader = leaderOf[k + dismissedCount];
    if (leader < dismissedCount) return;
    const group = groups.get(leader);
    if (group) group.push(item);
    else groups.set(leader, [item]);
  });
  const clusters = [...groups.values()].map((group): ReviewCluster => ({
    id: shortId('c', group[0].turn),
    items: group,
    langs: [...new Set(group.map((i) => i.lang))].sort(),
    reasons: countReasons(group),
    closest: closestOf(group),
  }));
  const latest = (c: ReviewCluster) => c.items[c.items.length - 1].at;
  return clusters.sort((a, b) => b.items.length - a.items.length || latest(b).localeCompare(latest(a)) || a.id.localeCompare(b.id));
}

function countReasons(items: readonly ReviewItem[]): Partial<Record<ReviewReason, number>> {
  const counts: Partial<Record<ReviewReason, number>> = {};
  for (const i of items) counts[i.reason] = (counts[i.reason] ?? 0) + 1;
  return counts;
}

function closestOf(items: readonly ReviewItem[]): ClosestIntent[] {
  const sums = new Map<string, number>();
  for (const i of items) for (const c of i.closest) sums.set(c.intent, (sums.get(c.intent) ?? 0) + c.score);
  return [...sums]
    .map(([intent, sum]) => ({ intent, score: Math.round((sum / items.length) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.intent.localeCompare(b.intent))
    .slice(0, 2);
}

/** The messages an item id names: a cluster's, or one message; undefined when it names nothing in the inbox. */
export function itemsNamed(inbox: readonly ReviewCluster[], id: string): ReviewItem[] | undefined {
  const wanted = id.toLowerCase();
  const cluster = inbox.find((c) => c.id === wanted);
  if (cluster) return cluster.items;
  for (const c of inbox) {
    const item = c.items.find((i) => i.id === wanted);
    if (item) return [item];
  }
  return undefined;
}
