/**
 * A turn's commit in SQL: one parameter per table (a JSON array of rows, whatever their number), the upserts
 * that apply it, and the checks a commit retried after a lost connection makes first.
 */
import type pg from 'pg';
import type { CaseEvent } from '../../cases/types.js';
import { toStorableJson } from '../plain-json.js';
import type { TurnCommit } from '../port.js';

/** Upserts conversations by id. */
export const UPSERT_CONVERSATIONS = `
  insert into conversations (id, state, updated_at)
  select x->>'id', coalesce(x->'state', 'null'::jsonb), (x->>'updatedAt')::timestamptz
  from jsonb_array_elements($1::jsonb) as x
  on conflict (id) do update set state = excluded.state, updated_at = excluded.updated_at`;

/** Upserts cases by id; returns the ids written, which leaves out an id that belongs to another case. */
export const UPSERT_CASES = `
  insert into cases (id, requester_channel, requester_user, status, data, card_refs, created_at, updated_at)
  select x->>'id', x->>'channel', x->>'user', x->>'status', x->'data',
         array(select jsonb_array_elements_text(x->'refs')), (x->>'createdAt')::timestamptz, (x->>'updatedAt')::timestamptz
  from jsonb_array_elements($1::jsonb) as x
  on conflict (id) do update set
    status = excluded.status, data = excluded.data, card_refs = excluded.card_refs, updated_at = excluded.updated_at
    -- Another requester's (or another moment's) case with this id is not replaced: its row is left out of "returning".
    where cases.requester_channel = excluded.requester_channel and cases.requester_user = excluded.requester_user
      and cases.created_at = excluded.created_at
  returning id`;

/** Inserts events in commit order; an event whose key is already there is skipped. */
export const INSERT_EVENTS = `
  insert into case_events (case_id, event_key, at, data)
  select x->>'caseId', x->>'key', (x->>'at')::timestamptz, x->'data'
  from jsonb_array_elements($1::jsonb) with ordinality as t(x, n)
  order by n
  on conflict (event_key) do nothing`;

/** Inserts turn log entries; an entry whose id is already there is left as it was. */
export const INSERT_TURNS = `
  insert into turn_log (id, at, channel, user_id, data)
  select x->>'id', (x->>'at')::timestamptz, x->>'channel', x->>'userId', x
  from jsonb_array_elements($1::jsonb) as x
  on conflict (id) do nothing`;

function lastOfEach<T>(items: readonly T[], id: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [id(item), item])).values()];
}

/** Rows for one commit's upserts, as JSON parameters; each event gets a key (commit id + index, or eventKey's). */
export function commitParameters(change: TurnCommit, commitId: string, eventKey?: (e: CaseEvent, i: number) => string) {
  const conversations = lastOfEach(change.conversations ?? [], (c) => c.id).map((c) => ({ id: c.id, state: c.state, updatedAt: c.updatedAt }));
  const cases = lastOfEach(change.cases ?? [], (c) => c.id).map((c) => ({
    id: c.id,
    channel: c.requester.channel,
    user: c.requester.userId,
    status: c.status,
    refs: Object.values(c.cardRefs ?? {}),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    data: c,
  }));
  const events = (change.events ?? []).map((e, i) => ({ key: eventKey ? eventKey(e, i) : `${commitId}:${i}`, caseId: e.caseId, at: e.at, data: e }));
  return {
    conversations: conversations.length > 0 ? toStorableJson(conversations) : undefined,
    cases: cases.length > 0 ? toStorableJson(cases) : undefined,
    events: events.length > 0 ? toStorableJson(events) : undefined,
    turns: change.turns?.length ? toStorableJson(change.turns) : undefined,
    caseIds: cases.map((c) => c.id),
    firstEventKey: events[0]?.key,
    /** What each written record holds once the commit is applied, keyed like LockScope.seen. */
    written: new Map<string, string>([
      ...conversations.map((c): [string, string] => [`conversation:${c.id}`, toStorableJson(c.state ?? null)]),
      ...cases.map((c): [string, string] => [`case:${c.id}`, toStorableJson(c.data)]),
    ]),
  };
}

/** A commit ready to send. */
export type CommitParameters = ReturnType<typeof commitParameters>;

/** True when a `conversation:{id}` or `case:{id}` record still holds json (null: is still missing), compared as jsonb. */
export async function sameAsStored(client: pg.ClientBase, key: string, json: string | null): Promise<boolean> {
  const [kind, ...rest] = key.split(':');
  const id = rest.join(':');
  const sql = kind === 'conversation' ? 'select state = $2::jsonb as same from conversations where id = $1' : 'select data = $2::jsonb as same from cases where id = $1';
  const { rows } = await client.query<{ same: boolean }>(sql, [id, json ?? 'null']);
  return rows.length === 0 ? json === null : json !== null && rows[0].same;
}

/** True when a commit reached the database before its connection died (its first event, or all it writes, is there). */
export async function alreadyApplied(client: pg.ClientBase, params: CommitParameters): Promise<boolean> {
  if (params.firstEventKey) {
    const { rows } = await client.query('select 1 from case_events where event_key = $1', [params.firstEventKey]);
    return rows.length > 0;
  }
  for (const [key, json] of params.written) if (!(await sameAsStored(client, key, json))) return false;
  return true;
}
