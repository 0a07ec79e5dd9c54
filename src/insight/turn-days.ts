/**
 * The turn log counted per local day, so that `deskbot stats` over months need not read every entry again: each
 * day's own counts and conversations per group, and the follow-ups its entries gave to earlier answers (keyed by
 * the answer's day and group). A day's record depends only on the entries whose time falls in it, so the records
 * of past days can be kept (stats-cache.ts), and a window of whole days is counted from them exactly as
 * TurnTallier counts the entries themselves.
 */
import type { TurnLogEntry } from './turn-log-entry.js';
import { dayKeyer } from './stats-window.js';
import { NO_INTENT, noTurns, type GroupBy, type TurnCounts, type TurnTally } from './turn-tally.js';

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
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly dayOf: (iso: string) => string;

  constructor(readonly timeZone: string) {
    this.dayOf = dayKeyer(timeZone);
  }

  /** Counts an entry; with `ownBefore` (ISO), its own turn only when it came before that instant (its follow-up only when the answer did). */
  add(e: TurnLogEntry, ownBefore?: string): void {
    const record = this.record(this.dayOf(e.at));
    if (ownBefore === undefined || e.at < ownBefore) {
      const conversation = this.conversationNumber(e.conversation);
      for (const key of [TOTAL, ...KINDS.map((k) => groupKey(k, k === 'intent' ? (e.intent ?? NO_INTENT) : e[k]))]) {
        const counts = ownCounts(record, key);
        counts.turns++;
        (counts.conversations as Set<number>).add(conversation);
        if (e.action === 'answered') counts.answered++;
        else if (e.action === 'out_of_scope') counts.unanswered++;
      }
    }
    const field = followUpField(e);
    if (e.answeredAt === undefined || field === undefined || (ownBefore !== undefined && e.answeredAt >= ownBefore)) return;
    let byGroup = record.followUps.get(this.dayOf(e.answeredAt));
    if (!byGroup) record.followUps.set(this.dayOf(e.answeredAt), (byGroup = new Map()));
    for (const key of [TOTAL, ...KINDS.map((k) => groupKey(k, k === 'intent' ? (e.outcomeIntent ?? e.intent ?? NO_INTENT) : e[k]))]) {
      let counts = byGroup.get(key);
      if (!counts) byGroup.set(key, (counts = { solved: 0, notSolved: 0, ledToCase: 0 }));
      counts[field]++;
    }
  }

  /** The counts of the local days `first` to `last` (YYYY-MM-DD, both included), as TurnTallier counts that window. */
  tally(first: string, last: string, by?: GroupBy): TurnTally {
    const inWindow = (day: string) => day >= first && day <= last;
    const total = this.collect((day, key) => inWindow(day) && key === TOTAL);
    const groups = new Map<string, TurnCounts>();
    if (!by) return { total: total.result(), groups };
    // Every (day, group key) with something counted in the window: a day's own turns, or follow-ups of its answers
    // (whose own entries retention may have deleted).
    const present = new Set<string>();
    for (const [day, record] of this.days) {
      if (inWindow(day)) for (const key of record.own.keys()) present.add(`${day}${SEP}${key}`);
      for (const [answerDay, byGroup] of record.followUps) if (inWindow(answerDay)) for (const key of byGroup.keys()) present.add(`${answerDay}${SEP}${key}`);
    }
    if (by === 'day') {
      const days = new Set([...present].map((p) => p.slice(0, p.indexOf(SEP))));
      for (const day of days) groups.set(day, this.collect((d, key) => d === day && key === TOTAL).result());
    } else {
      const prefix = `${by}${SEP}`;
      const keys = new Set([...present].map((p) => p.slice(p.indexOf(SEP) + 1)).filter((key) => key.startsWith(prefix)));
      for (const key of keys) groups.set(key.slice(prefix.length), this.collect((day, k) => inWindow(day) && k === key).result());
    }
    return { total: total.result(), groups };
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

  /** Sums the own counts and follow-ups whose (day, group key) pass `take`, each conversation once. */
  private collect(take: (day: string, key: string) => boolean): { result(): TurnCounts } {
    const counts = noTurns();
    const seen = new Uint8Array(this.names.length);
    for (const [day, record] of this.days) {
      for (const [key, own] of record.own) {
        if (!take(day, key)) continue;
        counts.turns += own.turns;
        counts.answered += own.answered;
        counts.unanswered += own.unanswered;
        for (const n of own.conversations) {
          counts.conversations += 1 - seen[n];
          seen[n] = 1;
        }
      }
      for (const [answerDay, byGroup] of record.followUps) {
        for (const [key, f] of byGroup) {
          if (!take(answerDay, key)) continue;
          counts.solved += f.solved;
          counts.notSolved += f.notSolved;
          counts.ledToCase += f.ledToCase;
        }
      }
    }
    return { result: () => counts };
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

function groupKey(kind: (typeof KINDS)[number], value: string): string {
  return `${kind}${SEP}${value}`;
}

function ownCounts(record: DayRecord, key: string): OwnCounts {
  let counts = record.own.get(key);
  if (!counts) record.own.set(key, (counts = { turns: 0, answered: 0, unanswered: 0, conversations: new Set() }));
  // A stored day is complete: entries are added only to days not yet stored.
  if (!(counts.conversations instanceof Set)) counts.conversations = new Set(counts.conversations);
  return counts;
}

/** Which follow-up an entry is, as TurnTallier counts it. */
function followUpField(e: TurnLogEntry): keyof FollowUps | undefined {
  if (e.outcome === 'solved') return 'solved';
  if (e.outcome === 'not_solved') return 'notSolved';
  return e.action === 'case_opened' ? 'ledToCase' : undefined;
}
