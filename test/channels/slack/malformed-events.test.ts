/** Events that break Slack's spec, over HTTP: each is refused or dropped on its own, and the next message is answered. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmEvent } from '../../fakes/slack/payloads.js';
import { openSlackHarness, type SlackHarness } from './slack-harness.js';

describe('malformed Slack events', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await openSlackHarness();
  });
  afterAll(() => h.close());

  const broken: Array<[string, () => Promise<unknown>]> = [
    ['an event callback without its event', () => h.send.event(undefined as unknown as Record<string, unknown>)],
    ['a message event without a user or channel', () => h.send.event({ type: 'message', text: 'hi', ts: '1700000000.000100' })],
    ['a message event whose text is a number', () => h.send.event({ ...dmEvent('U1', 'x'), text: 12345 })],
    ['a button press without actions', () => h.send.interaction({ type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' } })],
    ['a button press without a user', () => h.send.interaction({ type: 'block_actions', team: { id: 'T1' }, channel: { id: 'D1' }, actions: [{ type: 'button', action_id: 'choice:0', value: 'confirm' }] })],
  ];
  for (const [what, send] of broken) {
    it(`${what}: the bot keeps serving`, async () => {
      await send().catch(() => undefined);
      const reply = await h.userSays('U1', '비밀번호를 잊어버렸어요');
      expect(reply.map((m) => m.text).join('\n')).toContain('비밀번호');
    });
  }
});
