/** Whole-store operations of the PostgreSQL store: export (for `deskbot store migrate`) and rewrite (for `deskbot store rescan`). */
import type pg from 'pg';
import type { CaseEvent, SupportCase } from '../../cases/types.js';
import type { TurnLogEntry } from '../../insight/turn-log-entry.js';
import { ACTIVE_CASES } from '../ordering.js';
import { toStorableJson } from '../plain-json.js';
import type { ConversationRecord, RecordRewriter, RewriteCounts } from '../port.js';

/** Every conversation, case and event, read in one snapshot. */
export async function exportRecords(client: pg.ClientBase): Promise<{ conversations: ConversationRecord[]; cases: SupportCase[]; events: CaseEvent[] }> {
  // One snapshot for the three reads, so a concurrent commit cannot show up in some of them only.
  await client.query('begin isolation level repeatable read read only');
  try {
    const conversations = await client.query<{ id: string; state: unknown; updated_at: Date }>('select id, state, updated_at from conversations order by id');
    const cases = await client.query<{ data: SupportCase }>(`select data from cases order by ${ACTIVE_CASES.sql}`);
    const events = await client.query<{ data: CaseEvent }>('select data from case_events order by case_id, at, seq');
    return {
      conversations: conversations.rows.map((r) => ({ id: r.id, state: r.state, updatedAt: r.updated_at.toISOString() })),
      cases: cases.rows.map((r) => r.data),
      events: events.rows.map((r) => r.data),
    };
  } finally {
    await client.query('rollback').catch(() => undefined);
  }
}

/** Rewrites every record in one transaction (rows locked), leaving a record rewrite returns as it is untouched. */
export async function rewriteRecords(client: pg.ClientBase, rewrite: RecordRewriter): Promise<RewriteCounts> {
  await client.query('begin');
  try {
    const counts: RewriteCounts = { conversations: 0, cases: 0, events: 0, turns: 0 };
    const conversations = await client.query<{ id: string; state: unknown; updated_at: Date }>('select id, state, updated_at from conversations for update');
    for (const r of conversations.rows) {
      const record: ConversationRecord = { id: r.id, state: r.state, updatedAt: r.updated_at.toISOString() };
      const next = rewrite.conversation(record);
      if (next === record) continue;
      await client.query('update conversations set state = $2::jsonb where id = $1', [r.id, toStorableJson(next.state ?? null)]);
      counts.conversations++;
    }
    const cases = await client.query<{ id: string; data: SupportCase }>('select id, data from cases for update');
    for (const r of cases.rows) {
      const next = rewrite.case(r.data);
      if (next === r.data) continue;
      await client.query('update cases set data = $2::jsonb where id = $1', [r.id, toStorableJson(next)]);
      counts.cases++;
    }
    const events = await client.query<{ seq: string; data: CaseEvent }>('select seq, data from case_events for update');
    for (const r of events.rows) {
      const next = rewrite.event(r.data);
      if (next === r.data) continue;
      await client.query('update case_events set data = $2::jsonb where seq = $1', [r.seq, toStorableJson(next)]);
      counts.events++;
    }
    // Only entries of the review inbox keep text.
    const turns = await client.query<{ id: string; data: TurnLogEntry }>(`select id, data from turn_log where data ? 'text' for update`);
    for (const r of turns.rows) {
      const next = rewrite.turn(r.data);
      if (next === r.data) continue;
      await client.query('update turn_log set data = $2::jsonb where id = $1', [r.id, toStorableJson(next)]);
      counts.turns++;
    }
    await client.query('commit');
    return counts;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}
