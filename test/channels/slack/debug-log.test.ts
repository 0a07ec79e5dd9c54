/** At the most verbose log level, the Slack SDKs' request and event logging carries no user text. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openSlackHarness, type SlackHarness } from './slack-harness.js';

describe('Slack at LOG_LEVEL=trace', () => {
  let harness: SlackHarness | undefined;
  afterEach(() => harness?.close());

  it('logs the SDK calls but not the messages, summaries or relayed text in them', async () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString('utf8');
        done();
      },
    });
    harness = await openSlackHarness({ logger: pino({ level: 'trace' }, sink) });
    await harness.userSays('U1', '상담원 연결해 주세요');
    await harness.userSays('U1', '메일함 용량이 꽉 찼다고 나오는데 지워도 그대로예요 zebra-marker');
    await harness.press('U1', 'confirm');
    await harness.userSays('U1', '첨부한 화면도 봐 주세요 okapi-marker');
    expect(harness.agentSide().map((m) => m.text).join('\n')).toContain('okapi-marker');
    expect(written).toContain('chat.postMessage');
    for (const text of ['zebra-marker', 'okapi-marker', '메일함', '상담원']) expect(written).not.toContain(text);
  });
});
