/** The conversation the scale tests run, and helpers to compare what users and agents saw. */
import type { InboundMessage } from '../../src/channels/contract.js';
import { SCALE_SCRIPT } from '../../src/bench/scale-bench.js';
import type { Delivered } from './bot-process.js';

/** The pinned time every bot process starts at (a Monday morning in Seoul). */
export const NOW = '2026-11-23T10:00:00+09:00';

/** Message `turn` of the script in conversation `conversation` (whose user has the same id). */
export function scriptMessage(conversation: string, turn: number, id = `${conversation}-m${turn}`): InboundMessage {
  const line = SCALE_SCRIPT[turn];
  return { id, channel: 'console', conversationId: conversation, user: { id: conversation, isBot: false }, text: line.text ?? '', choice: line.choice };
}

/** Number of turns in the script; turn CONFIRM_TURN opens the case. */
export const TURNS = SCALE_SCRIPT.length;
export const CONFIRM_TURN = SCALE_SCRIPT.findIndex((l) => l.choice === 'confirm');

/** What a delivery shows, with the conversation's own user and case ids replaced so conversations can be compared. */
export function shown(d: Delivered, user: string, caseId: string | null): string {
  const o = d.out;
  let text = `${d.kind}|${o.to}|${o.state}|${o.asking}|${o.intent}|${o.caseId}|${JSON.stringify(o.slots)}|${o.choices.map((c) => c.value).join(',')}|${o.text}`;
  if (caseId) text = text.split(caseId).join('<case>');
  return text.split(user).join('<user>');
}
