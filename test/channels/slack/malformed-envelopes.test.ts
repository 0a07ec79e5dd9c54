/** Slack events that break the protocol, over Socket Mode and HTTP: logged with their type (never their payload), and the next events are served. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dmEvent, eventEnvelope, signedPost } from '../../fakes/slack/payloads.js';
import { openSlackFixture, SIGNING_SECRET, type SlackFixture } from './fixture.js';

const WAIT = { timeout: 5000, interval: 20 };

/** The error lines the adapter and Bolt logged, parsed. */
function errorLines(f: SlackFixture): Array<Record<string, unknown>> {
  return f
    .logs()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => (l.level as number) >= 50);
}

let f: SlackFixture | undefined;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
afterEach(async () => {
  process.off('unhandledRejection', onRejection);
  await f?.close();
  f = undefined;
  rejections.length = 0;
});

describe('Slack: malformed events', () => {
  it('Socket Mode: envelopes that break the protocol are logged with their type, and the next message is answered', async () => {
    const fixture = await openSlackFixture('socket');
    f = fixture;
    process.on('unhandledRejection', onRejection);
    // Outside the protocol: an events_api envelope without its event or without any payload, a null frame.
    fixture.fake.sendFrame(JSON.stringify({ envelope_id: 'env-1', type: 'events_api', payload: { type: 'event_callback', event_id: 'Ev1', text: 'zebra-marker' }, retry_attempt: 0 }));
    fixture.fake.sendFrame(JSON.stringify({ envelope_id: 'env-2', type: 'events_api', retry_attempt: 0 }));
    fixture.fake.sendFrame('null');
    // Inside it, but with fields our listener cannot read.
    await fixture.send.event({ ...dmEvent('U1', 'broken'), text: 12 });
    await fixture.send.event(dmEvent('U1', '비밀번호를 잊어버렸어요'));
    await vi.waitFor(() => expect(fixture.messages.map((m) => m.text)).toEqual(['비밀번호를 잊어버렸어요']), WAIT);
    // Without the guard, Node ends the process on this unhandled rejection.
    expect(rejections).toEqual([]);
    const errors = errorLines(fixture);
    expect(errors.filter((l) => l.envelope === 'events_api')).toHaveLength(2);
    expect(errors.some((l) => l.envelope === 'unknown')).toBe(true);
    expect(errors).toContainEqual(expect.objectContaining({ event: 'message', msg: 'Slack event could not be handled; skipped' }));
    expect(fixture.logs()).not.toContain('zebra-marker');
  });

  it('HTTP: bodies that break the protocol get an error status, are logged with their type, and the next message is answered', async () => {
    const fixture = await openSlackFixture('http');
    f = fixture;
    process.on('unhandledRejection', onRejection);
    const url = `http://127.0.0.1:${fixture.adapter.httpPort()}/slack/events`;
    const post = async (body: string, type: string) => (await signedPost(url, SIGNING_SECRET, body, type)).status;
    expect(await post('{"type":"event_callback", "event": ', 'application/json')).toBeGreaterThanOrEqual(400);
    expect(await post('payload=%7Bnot%20json', 'application/x-www-form-urlencoded')).toBeGreaterThanOrEqual(400);
    expect(await post(JSON.stringify({ ...eventEnvelope(dmEvent('U1', 'x')), event: null }), 'application/json')).toBeGreaterThanOrEqual(400);
    expect(await post(`payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: null }))}`, 'application/x-www-form-urlencoded')).toBeGreaterThanOrEqual(400);
    expect(await fixture.send.event({ ...dmEvent('U1', 'okapi-marker'), files: 'not a list' })).toBe(200);
    expect(await fixture.send.event(dmEvent('U1', '비밀번호를 잊어버렸어요'))).toBe(200);
    expect(fixture.messages.map((m) => m.text)).toEqual(['비밀번호를 잊어버렸어요']);
    expect(errorLines(fixture)).toContainEqual(expect.objectContaining({ event: 'message', msg: 'Slack event could not be handled; skipped' }));
    expect(errorLines(fixture)).toContainEqual(expect.objectContaining({ event: 'block_actions', msg: 'Slack event could not be handled; skipped' }));
    expect(fixture.logs()).not.toContain('okapi-marker');
    expect(rejections).toEqual([]);
  });
});
