/** The Slack adapter on the real Bolt app against the fake Slack, with recording inbound handlers (no core). */
import { newCase } from '../../../src/cases/new-case.js';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { decideLikeCore } from '../../support/agent-outcome.js';
import type { SupportCase } from '../../../src/cases/types.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/channels/slack/slack-adapter.js';
import type { SlackConfig, SlackMode } from '../../../src/channels/slack/config.js';
import type { AgentAction, InboundHandlers, InboundMessage } from '../../../src/channels/contract.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../../fakes/slack/fake-slack.js';
import { httpSender, socketSender, type SlackSender } from '../../fakes/slack/payloads.js';

/** Secrets the tests use; the logs must never contain them. */
export const BOT_TOKEN = 'xoxb-1111-2222-secretbottoken';
export const APP_TOKEN = 'xapp-1-A1-3333-secretapptoken';
export const SIGNING_SECRET = 'fake-signing-secret';
/** The agents' channel, whose members are agents. */
export const AGENTS = 'CAGENTS';

/** A running adapter with what it pushed into the handlers. */
export interface SlackFixture {
  fake: FakeSlack;
  adapter: SlackAdapter;
  send: SlackSender;
  messages: InboundMessage[];
  actions: AgentAction[];
  /** Card reference → case id, as the core would answer caseIdForCardRef. */
  cardCases: Map<string, string>;
  cases: SupportCase[];
  /** Everything the adapter and Bolt logged. */
  logs(): string;
  /** Replaces what onMessage does (default: record). */
  onMessage: (m: InboundMessage) => Promise<void>;
  close(): Promise<void>;
}

/** Starts the fake and the adapter in the given mode. */
export async function openSlackFixture(mode: SlackMode = 'http', fakeOptions: FakeSlackOptions = {}, config: Partial<SlackConfig> = {}): Promise<SlackFixture> {
  const fake = await startFakeSlack({ members: { [AGENTS]: ['UAGENT', 'UBOT'] }, names: { U1: '민지', UAGENT: 'Agent Kim' }, ...fakeOptions });
  let logText = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logText += chunk.toString();
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const fixture = {
    fake,
    messages: [] as InboundMessage[],
    actions: [] as AgentAction[],
    cardCases: new Map<string, string>(),
    cases: [] as SupportCase[],
    logs: () => logText,
  } as SlackFixture;
  fixture.onMessage = async (m) => {
    fixture.messages.push(m);
  };
  const handlers: InboundHandlers = {
    onMessage: (m) => fixture.onMessage(m),
    // Like the core: actions on a known case by an agent are recorded (with the case they are about), others refused or passed back.
    onAgentAction: async (a) => {
      const { outcome, caseId } = await decideLikeCore(a, fixture.cardCases);
      if (caseId) fixture.actions.push({ ...a, caseId, card: undefined });
      return outcome;
    },
    onQueueViewOpened: async () => undefined,
    onCasesViewOpened: async (channel, userId) => {
      const cases = fixture.cases.filter((c) => c.requester.channel === channel && c.requester.userId === userId);
      await adapter.deliver({ to: 'cases-view', channel, userId, cases });
    },
  };
  const adapter = createSlackAdapter(
    {
      botToken: BOT_TOKEN,
      mode,
      appToken: APP_TOKEN,
      signingSecret: SIGNING_SECRET,
      port: 0,
      host: '127.0.0.1',
      apiUrl: fake.apiUrl,
      retry: { retries: 2, minTimeoutMs: 20, maxTimeoutMs: 100 },
      // Each request then resolves after the adapter handled it (one test turns this off).
      processBeforeResponse: true,
      ...config,
    },
    { logger },
  );
  await adapter.start(handlers);
  fixture.adapter = adapter;
  fixture.send = mode === 'http' ? httpSender(`http://127.0.0.1:${adapter.httpPort()}`, SIGNING_SECRET) : socketSender(fake);
  fixture.close = async () => {
    await adapter.stop();
    await fake.close();
  };
  return fixture;
}

/** A support case as the core would hand it to the adapter. */
export function sampleCase(overrides: Partial<SupportCase> = {}): SupportCase {
  return newCase({
    id: 'K7P-4QX',
    requester: { channel: 'slack', conversationId: 'D1', userId: 'U1', name: '민지' },
    lang: 'ko',
    intent: 'app.push',
    route: 'default',
    details: { os: 'Android 14', app_version: '5.12.1' },
    summary: '앱 푸시 알림이 안 와요',
    answersTried: ['app.push'],
    transcript: [
      { at: '2026-11-23T01:00:00.000Z', from: 'user', by: 'U1', text: '앱 푸시 알림이 안 와요' },
      { at: '2026-11-23T01:00:01.000Z', from: 'bot', by: 'bot', text: '알림 설정을 확인해 주세요' },
    ],
    createdAt: '2026-11-23T01:00:00.000Z',
    dueAt: '2026-11-24T01:00:00.000Z',
    updatedAt: '2026-11-23T01:00:00.000Z',
    ...overrides,
  });
}
