/**
 * The turn log counted per local day, so that `deskbot stats` over months need not read every entry again: each
 * day's own counts and conversations per group, and the follow-ups its entries gave to earlier answers (keyed by
 * the answer's day and group). A day's record depends only on the entries whose time falls in it, so the records
 * of past days can be kept (stats-cache.ts), and a window of whole days is counted from them exactly as
 * TurnTallier counts the entries themselves.
 */
import type { TurnLogEntry } from './turn-log-entry.js';
import { dayKeyer } from './stats-window.js';
import { followUpOf, groupKeys, noTurns, type GroupBy, type TurnCounts, type TurnTally } from './turn-tally.js';

/** The groupings a day record keeps (the day itself is the record's own key). */
const KINDS = ['intent', 'route', 'channel', 'lang'] as const;
/** The group key of the whole day; the others are `{kind}\u0000{value}`. */
const TOTAL = '';
const SEP = '\u0000';

interface OwnCounts {
  turns: number;
  answered: number;
  unanswered: number;
  /** The day's conversations in this group, as numbers of the conversation dictionary. */
  conversations: Set<number> | Uint32Array;
}

interface FollowUps {
  solved: number;
  notSolved: number;
  ledToCase: number;
}

interface DayRecord {
  own: Map<string, OwnCounts>;
  /** Answer's day → answer's group key → follow-ups counted by entries of this day. */
  followUps: Map<string, Map<string, FollowUps>>;
}

/** A day record as JSON: own counts as [turns, answered, unanswered, conversations as base64 of a Uint32Array]. */
interface StoredDay {
  own: Record<string, [number, number, number, string]>;
  followUps: Record<string, Record<string, [number, number, number]>>;
}

/** TurnDays as JSON (see toJSON). */
export interface StoredTurnDays {
  timeZone: string;
  conversations: string[];
  days: Record<string, StoredDay>;
}

/** Per-day counts of the turn log in one time zone, fed entry by entry and counted over whole days. */
export class TurnDays {
  private readonly days = new Map<string, DayRecord>();
  private readonly dayOf: (instant: string) => string;
  /** Each grouping's key of an entry's own turn and of the answer it follows up, as TurnTallier groups them. */
  private readonly keys: ReadonlyArray<[(typeof KINDS)[number], ...ReturnType<typeof groupKeys>]>;

  constructor(
    readonly timeZone: string,
    private readonly ids = new Map<string, number>(),
    private readonly names: string[] = [],
  ) {
    this.dayOf = dayKeyer(timeZone);
    this.keys = KINDS.map((kind) => [kind, ...groupKeys(kind, timeZone)]);
  }

  /** A copy to add entries of days this one has no record of: it shares the records it has, which it leaves as they are. */
  extended(): TurnDays {
    const copy = new TurnDays(this.timeZone, this.ids, this.names);
    for (const [day, record] of this.days) copy.days.set(day, record);
    return copy;
  }

  /** Counts an entry; with `ownBefore` (ISO), its own turn only when it came before that instant (its follow-up only when the answer did). */
  add(e: TurnLogEntry, ownBefore?: string): void {
    const record = this.record(this.dayOf(e.at));
    if (ownBefore === undefined || e.at < ownBefore) {
      const conversation = this.conversationNumber(e.conversation);
      for (const key of [TOTAL, ...this.keys.map(([kind, own]) => groupKey(kind, own(e)))]) {
        const counts = ownCounts(record, key);
        counts.turns++;
        // A stored day is complete (its conversations an array): entries are added only to days not yet stored.
        (counts.conversations as Set<number>).add(conversation);
        if (e.action === 'answered') counts.answered++;
        else if (e.action === 'out_of_scope') counts.unanswered++;
      }
    }
    const field = followUpOf(e);
    if (e.answeredAt === undefined || field === undefined || (ownBefore !== undefined && e.answeredAt >= ownBefore)) return;
    let byGroup = record.followUps.get(this.dayOf(e.answeredAt));
    if (!byGroup) record.followUps.set(this.dayOf(e.answeredAt), (byGroup = new Map()));
    for (const key of [TOTAL, ...this.keys.map(([kind, , answer]) => groupKey(kind, answer(e)))]) {
      let counts = byGroup.get(key);
      if (!counts) byGroup.set(key, (counts = { solved: 0, notSolved: 0, ledToCase: 0 }));
      counts[field]++;
    }
  }

  /** The counts of the local days `first` to `last` (YYYY-MM-DD, both included), as TurnTallier counts that window. */
  tally(first: string, last: string, by?: GroupBy): TurnTally {
    const inWindow = (day: string) => day >= first && day <= last;
    // One pass over the records: each group's counts, and its conversations in a bitmap of the dictionary
    // (`--by day`: a day's own conversations are already each counted once).
    const groups = new Map<string, { counts: TurnCounts; seen?: Uint8Array }>();
    const group = (name: string, distinct: boolean) => {
      let g = groups.get(name);
      if (!g) groups.set(name, (g = { counts: noTurns(), ...(distinct ? { seen: new Uint8Array(this.names.length) } : {}) }));
      return g;
    };
    const prefix = by && by !== 'day' ? `${by}${SEP}` : undefined;
    const nameOf = (day: string, key: string) => (key === TOTAL ? (by === 'day' ? day : TOTAL_GROUP) : prefix && key.startsWith(prefix) ? key.slice(prefix.length) : undefined);
    for (const [day, record] of this.days) {
      if (inWindow(day)) {
        for (const [key, own] of record.own) {
          for (const name of namesOf(nameOf(day, key), key === TOTAL && by === 'day')) {
            const g = group(name, !(by === 'day' && name !== TOTAL_GROUP));
            g.counts.turns += own.turns;
            g.counts.answered += own.answered;
            g.counts.unanswered += own.unanswered;
            if (!g.seen) g.counts.conversations += own.conversations instanceof Set ? own.conversations.size : own.conversations.length;
            else for (const n of own.conversations) {
              g.counts.conversations += 1 - g.seen[n];
              g.seen[n] = 1;
            }
          }
        }
      }
      for (const [answerDay, byGroup] of record.followUps) {
        if (!inWindow(answerDay)) continue;
        for (const [key, f] of byGroup) {
          for (const name of namesOf(nameOf(answerDay, key), key === TOTAL && by === 'day')) {
            const c = group(name, !(by === 'day' && name !== TOTAL_GROUP)).counts;
            c.solved += f.solved;
            c.notSolved += f.notSolved;
            c.ledToCase += f.ledToCase;
          }
        }
      }
    }
    const total = groups.get(TOTAL_GROUP)?.counts ?? noTurns();
    groups.delete(TOTAL_GROUP);
    return { total, groups: new Map([...groups].map(([name, g]) => [name, g.counts])) };
  }

  /** The records of the days before `beforeDay` (YYYY-MM-DD) as JSON, with the conversation dictionary. */
  toJSON(beforeDay: string): StoredTurnDays {
    const days: Record<string, StoredDay> = {};
    for (const [day, record] of this.days) {
      if (day >= beforeDay) continue;
      const own: StoredDay['own'] = {};
      for (const [key, c] of record.own) own[key] = [c.turns, c.answered, c.unanswered, Buffer.from(Uint32Array.from(c.conversations).buffer).toString('base64')];
      const followUps: StoredDay['followUps'] = {};
      for (const [answerDay, byGroup] of record.followUps) {
        followUps[answerDay] = Object.fromEntries([...byGroup].map(([key, f]) => [key, [f.solved, f.notSolved, f.ledToCase]]));
      }
      days[day] = { own, followUps };
    }
    return { timeZone: this.timeZone, conversations: this.names, days };
  }

  /** The records kept by toJSON, ready to take more entries. */
  static fromJSON(stored: StoredTurnDays): TurnDays {
    const days = new TurnDays(stored.timeZone);
    stored.conversations.forEach((name) => days.conversationNumber(name));
    for (const [day, s] of Object.entries(stored.days)) {
      const record = days.record(day);
      for (const [key, [turns, answered, unanswered, conversations]] of Object.entries(s.own)) {
        const bytes = Buffer.from(conversations, 'base64');
        record.own.set(key, { turns, answered, unanswered, conversations: new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) });
      }
      for (const [answerDay, byGroup] of Object.entries(s.followUps)) {
        record.followUps.set(answerDay, new Map(Object.entries(byGroup).map(([key, [solved, notSolved, ledToCase]]) => [key, { solved, notSolved, ledToCase }])));
      }
    }
    return days;
  }

  private record(day: string): DayRecord {
    let record = this.days.get(day);
    if (!record) this.days.set(day, (record = { own: new Map(), followUps: new Map() }));
    return record;
  }

  private conversationNumber(name: string): number {
    let n = this.ids.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.ids.set(name, n);
      this.names.push(name);
    }
    return n;
  }
}

/** The name of the whole window among the groups of a tally (no group's name: those are intents, days and so on). */
const TOTAL_GROUP = '\u0000total';

/** The groups a (day, key) counts in: the whole window, and `--by day`'s day as well for a day's own total. */
function namesOf(name: string | undefined, alsoTotal: boolean): string[] {
  if (name === undefined) return [];
  return alsoTotal ? [TOTAL_GROUP, name] : [name];
}

function groupKey(kind: (typeof KINDS)[number], value: string): string {
  return `${kind}${SEP}${value}`;
}

function ownCounts(record: DayRecord, key: string): OwnCounts {
  let counts = record.own.get(key);
  if (!counts) record.own.set(key, (counts = { turns: 0, answered: 0, unanswered: 0, conversations: new Set() }));
  return counts;
}
