/**
 * The PostgreSQL store's side of statistics, retention and `user forget`: the turn log counted in SQL (the
 * same counts as TurnTallier, grouped by the server), case histories, and the erasures in one transaction each.
 */
import type pg from 'pg';
import type { CaseEvent, ChannelName, SupportCase } from '../../cases/types.js';
import { stepOf, STEP_OF_EVENT, type CaseHistory, type CaseStep } from '../../insight/case-history.js';
import type { StatsWindow } from '../../insight/stats-window.js';
import { NO_INTENT, noTurns, type GroupBy, type TurnCounts, type TurnTally } from '../../insight/turn-tally.js';
import { forgottenCase, forgottenEvent } from '../erase-records.js';
import { toStorableJson } from '../plain-json.js';
import type { ForgetCounts } from '../port.js';
import type { Query } from './pg-turn-log.js';

/** Each grouping's key of an entry's own turn, and of the answer it follows up (as TurnTallier groups them); `tz` is the zone's parameter. */
function keysOf(by: GroupBy, tz: string): [own: string, answer: string] {
  switch (by) {
    case 'intent':
      return [`coalesce(data->>'intent', '${NO_INTENT}')`, `coalesce(data->>'outcomeIntent', data->>'intent', '${NO_INTENT}')`];
    case 'day':
      return [`to_char(at at time zone ${tz}, 'YYYY-MM-DD')`, `to_char((data->>'answeredAt')::timestamptz at time zone ${tz}, 'YYYY-MM-DD')`];
    case 'channel':
      return ['channel', 'channel'];
    default:
      return [`data->>'${by}'`, `data->>'${by}'`];
  }
}

/** The select and `group by` of a key: the groups and the total (grouping() marks the total row), or the total alone. */
function grouped(key: string | undefined): { select: string; group: string } {
  return key ? { select: `${key} as k, grouping(${key}) = 1 as total`, group: `group by grouping sets ((${key}), ())` } : { select: 'null as k, true as total', group: '' };
}

/** The turn log counted over a window, in two aggregate queries (turns in the window; follow-ups of its answers). */
export async function tallyTurnLog(query: Query, window: StatsWindow, by?: GroupBy): Promise<TurnTally> {
  const day = by === 'day';
  const own = grouped(by && keysOf(by, '$3')[0]);
  const answer = grouped(by && keysOf(by, '$4')[1]);
  const turns = await query<{ k: string | null; total: boolean; turns: number; conversations: number; answered: number; unanswered: number }>(
    'count the turn log',
    `select ${own.select}, count(*)::int as turns, count(distinct data->>'conversation')::int as conversations,
       count(*) filter (where data->>'action' = 'answered')::int as answered,
       count(*) filter (where data->>'action' = 'out_of_scope')::int as unanswered
     from turn_log where at >= $1 and at < $2 ${own.group}`,
    day ? [window.since, window.until, window.timeZone] : [window.since, window.until],
  );
  // Answers are given before what follows them up: entries from the window's start on, up to now.
  const followUps = await query<{ k: string | null; total: boolean; solved: number; not_solved: number; led_to_case: number }>(
    'count the follow-ups of answers',
    `select ${answer.select},
       count(*) filter (where data->>'outcome' = 'solved')::int as solved,
       count(*) filter (where data->>'outcome' = 'not_solved')::int as not_solved,
       count(*) filter (where data->>'outcome' is null and data->>'action' = 'case_opened')::int as led_to_case
     from turn_log where at >= $1 and data->>'answeredAt' >= $2 and data->>'answeredAt' < $3 ${answer.group}`,
    [window.since, window.since.toISOString(), window.until.toISOString(), ...(day ? [window.timeZone] : [])],
  );
  const total = noTurns();
  const groups = new Map<string, TurnCounts>();
  const countsOf = (row: { k: string | null; total: boolean }) => {
    if (row.total) return total;
    const key = row.k ?? '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = noTurns()));
    return g;
  };
  for (const r of turns.rows) Object.assign(countsOf(r), { turns: r.turns, conversations: r.conversations, answered: r.answered, unanswered: r.unanswered });
  for (const r of followUps.rows) Object.assign(countsOf(r), { solved: r.solved, notSolved: r.not_solved, ledToCase: r.led_to_case });
  return { total, groups };
}

const COUNTED_TYPES = Object.keys(STEP_OF_EVENT);

/** Cases changed at or after since, with their counted events (type, time, rating), oldest first. */
export async function readCaseHistories(query: Query, since: Date): Promise<CaseHistory[]> {
  const { rows } = await query<{ id: string; opened: string; due: string; intent: string; route: string; channel: ChannelName; lang: CaseHistory['lang']; steps: [string, string, unknown][] | null }>(
    'read case histories',
    // Each changed case's events through the case's index: a few recent cases cost a few lookups, not a pass over every event.
    `select c.id, c.data->>'createdAt' as opened, c.data->>'dueAt' as due, c.data->>'intent' as intent, c.data->>'route' as route,
       c.requester_channel as channel, c.data->>'lang' as lang,
       (select json_agg(json_build_array(e.data->>'type', e.data->>'at', e.data->'data'->'rating') order by e.at, e.seq)
        from case_events e where e.case_id = c.id and e.data->>'type' = any($2)) as steps
     from cases c
     where c.updated_at >= $1`,
    [since, COUNTED_TYPES],
  );
  return rows.map((r) => ({
    id: r.id,
    openedAt: r.opened,
    dueAt: r.due,
    intent: r.intent,
    route: r.route,
    channel: r.channel,
    lang: r.lang,
    steps: (r.steps ?? []).map(([type, at, rating]) => stepOf({ type, at, data: { rating } })).filter((s): s is CaseStep => s !== undefined),
  }));
}

/** Cases read per query when listing many (`deskbot cases`). */
const CASE_PAGE = 1000;

/** The rows of the cases changed at or after `since` (with suggested answers, when asked), a page at a time in (updated_at, id) order: 100,000 cases never sit in memory at once. */
export async function* pagesOfChangedCases(query: Query, since: Date, only?: 'suggested'): AsyncIterable<Array<{ id: string; data: SupportCase }>> {
  const suggested = only === 'suggested' ? `and jsonb_array_length(coalesce(data->'suggestions', '[]'::jsonb)) > 0` : '';
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const { rows } = await query<{ id: string; data: SupportCase; updated_at: Date }>(
      'list changed cases',
      `select id, data, updated_at from cases where updated_at >= $1 ${suggested} ${after ? 'and (updated_at, id) > ($3, $4)' : ''} order by updated_at, id limit $2`,
      after ? [since, CASE_PAGE, after.at, after.id] : [since, CASE_PAGE],
    );
    yield rows;
    if (rows.length < CASE_PAGE) return;
    const last = rows[rows.length - 1];
    after = { at: last.updated_at, id: last.id };
  }
}

/** Event data without what anyone wrote (as eventWithoutText): the keys go, and data itself when nothing is left. */
const EVENT_WITHOUT_TEXT = `case when (data->'data') - 'text' - 'comment' = '{}'::jsonb then data - 'data'
  else jsonb_set(data, '{data}', (data->'data') - 'text' - 'comment') end`;
const EVENT_HAS_TEXT = `(data->'data' ? 'text' or data->'data' ? 'comment')`;

/** Retention: empties the transcripts (lines and event texts) of cases closed before `before`; returns how many cases changed. */
export async function eraseClosedTranscripts(client: pg.ClientBase, before: Date): Promise<number> {
  const { rows } = await client.query<{ cases: number }>(
    `with old as (
       select id, jsonb_array_length(data->'transcript') > 0 as has_lines from cases
       where status = 'closed' and data->>'closedAt' < $1
     ), texts as (
       select distinct case_id from case_events where case_id in (select id from old) and ${EVENT_HAS_TEXT}
     ), lines as (
       update cases set data = jsonb_set(data, '{transcript}', '[]') where id in (select id from old where has_lines) returning id
     ), events as (
       update case_events set data = ${EVENT_WITHOUT_TEXT} where case_id in (select case_id from texts) and ${EVENT_HAS_TEXT} returning case_id
     )
     select count(*)::int as cases from (select id from lines union select case_id from events) changed`,
    [before.toISOString()],
  );
  return rows[0].cases;
}

/** `user forget` in one transaction: their conversations deleted, their cases and those cases' events rewritten. */
export async function forgetUserRecords(client: pg.ClientBase, channel: ChannelName, userId: string): Promise<ForgetCounts> {
  await client.query('begin');
  try {
    const deleted = await client.query(`delete from conversations where state->>'channel' = $1 and state->>'userId' = $2`, [channel, userId]);
    const cases = await client.query<{ data: SupportCase }>('select data from cases where requester_channel = $1 and requester_user = $2 for update', [channel, userId]);
    const ids = cases.rows.map((r) => r.data.id);
    for (const { data } of cases.rows) {
      await client.query(`update cases set requester_user = '', data = $2::jsonb where id = $1`, [data.id, toStorableJson(forgottenCase(data))]);
    }
    const events = await client.query<{ seq: string; data: CaseEvent }>('select seq, data from case_events where case_id = any($1) for update', [ids]);
    for (const { seq, data } of events.rows) {
      const next = forgottenEvent(data);
      if (next !== data) await client.query('update case_events set data = $2::jsonb where seq = $1', [seq, toStorableJson(next)]);
    }
    await client.query('commit');
    return { conversations: deleted.rowCount ?? 0, cases: ids.length, events: events.rows.length };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}
