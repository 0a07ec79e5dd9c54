/**
 * `deskbot review` and `review assign` over a history built through the console: clusters, assigning to out of
 * scope, to an intent and one message by its id (the file passes `intents check`, and a running bot matches the
 * message without a restart), every kind of review message, and a dismissal that holds for new messages like it.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter, type ConsoleOutput } from '../../src/channels/console/console-adapter.js';
import { loadConfig } from '../../src/config.js';
import { startDeskbot } from '../../src/main.js';
import { runReviewCommand, type ReviewTerminal } from '../../src/review/review-command.js';
import { DATABASE_URL, dropSchema, freshSchema, createSchemaUrl } from '../store/pg-helpers.js';
import { runCli } from './run-cli.js';

interface InboxJson {
  clusters: Array<{ id: string; count: number; langs: string[]; messages: Array<{ id: string; text: string }> }>;
}

const LOTTO = ['로또 번호 추천해줘', '오늘 로또 번호 추천 좀', '로또 번호 뭐가 좋을까요'];
const WEATHER = ['what is the weather in seoul today', 'weather in seoul tomorrow?'];

function intentsCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'deskbot-review-')), 'intents');
  cpSync('intents', dir, { recursive: true });
  return dir;
}

async function say(env: NodeJS.ProcessEnv, texts: string[]): Promise<void> {
  const r = await runCli(['chat', '--jsonl'], env, texts.map((text, i) => JSON.stringify({ user: `u${i}-${text.length}`, text })));
  expect(r.code, r.stderr).toBe(0);
}

async function inbox(env: NodeJS.ProcessEnv): Promise<InboxJson> {
  const r = await runCli(['review', '--json', '--since', '1d'], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as InboxJson;
}

describe('deskbot review', () => {
  it('lists clusters, assigns one to out of scope and dismisses another for good (lowdb)', async () => {
    const intents = intentsCopy();
    const env = { DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-review-data-')), INTENTS_DIR: intents, LOG_LEVEL: 'silent', NLU_ENCODER: 'none' };
    await say(env, [LOTTO[0], WEATHER[0], LOTTO[1], WEATHER[1], LOTTO[2]]);
    const first = await inbox(env);
    expect(first.clusters.map((c) => [c.count, c.langs])).toEqual([[3, ['ko']], [2, ['en']]]);
    expect(first.clusters[0].messages.map((m) => m.text)).toEqual(LOTTO);
    const text = (await runCli(['review', '--since', '1d'], env)).stdout;
    expect(text).toContain(`#1 ${first.clusters[0].id} · 3 messages · ko · out of scope 3`);

    const assigned = await runCli(['review', 'assign', first.clusters[0].id, '--out-of-scope', '--since', '1d'], env);
    expect(assigned.stdout).toBe(`added 3 examples to ${join(intents, '_out_of_scope.yaml')}; a running bot reloads it\n`);
    for (const t of LOTTO) expect(readFileSync(join(intents, '_out_of_scope.yaml'), 'utf8')).toContain(`    - ${t}\n`);
    expect((await runCli(['intents', 'check', '--dir', intents], env)).code).toBe(0);
    const afterAssign = await inbox(env);
    expect(afterAssign.clusters.map((c) => c.id), JSON.stringify(afterAssign)).toEqual([first.clusters[1].id]);

    expect((await runCli(['review', 'assign', first.clusters[1].id, '--dismiss', '--since', '1d'], env)).stdout).toMatch(/^dismissed 2 messages/);
    await say(env, ['weather in seoul this weekend?']);
    expect((await inbox(env)).clusters).toEqual([]);
    expect((await runCli(['review', '--since', '1d'], env)).stdout).toContain('The review inbox is empty');
  });

  it('refuses an assignment that would break the knowledge base, and writes nothing', async () => {
    const intents = intentsCopy();
    const env = { DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-review-data-')), INTENTS_DIR: intents, LOG_LEVEL: 'silent', NLU_ENCODER: 'none' };
    await say(env, ['오늘 서울 날씨 어때요 진짜로']);
    const [cluster] = (await inbox(env)).clusters;
    const before = readFileSync(join(intents, 'maps.error.yaml'), 'utf8');
    // Assigned to out of scope first, the same words cannot also become an intent's example.
    await runCli(['review', 'assign', cluster.id, '--out-of-scope', '--since', '1d'], env);
    await say(env, ['오늘 서울 날씨 어때요 진짜로']);
    const again = (await inbox(env)).clusters[0];
    const refused = await runCli(['review', 'assign', again.id, '--intent', 'maps.error', '--since', '1d'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not written, the knowledge base would have errors:\n {2}.*is out of scope here but an example of maps\.error/);
    expect(readFileSync(join(intents, 'maps.error.yaml'), 'utf8')).toBe(before);
    expect((await runCli(['review', 'assign', 'cnothing', '--dismiss', '--since', '1d'], env)).errLines[0]).toMatch(/nothing called cnothing in the review inbox/);
  });

  it('lists "none of these" clarifications and "not solved" answers with their closest intents; one message is assigned by its id', async () => {
    const intents = intentsCopy();
    const env = { DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-review-data-')), INTENTS_DIR: intents, LOG_LEVEL: 'silent', NLU_ENCODER: 'none' };
    const history = [{ user: 'u1', text: '알림이랑 아이디' }, { user: 'u1', choose: 'none' }, { user: 'u2', text: '앱 푸시 알림이 안 와요' }, { user: 'u2', choose: 'not_solved' }];
    expect((await runCli(['chat', '--jsonl'], env, history.map((o) => JSON.stringify(o)))).code).toBe(0);
    const clusters = (await inbox(env)).clusters as Array<InboxJson['clusters'][number] & { reasons: object; closest: Array<{ intent: string }> }>;
    const byReason = (reason: string) => clusters.find((c) => reason in c.reasons);
    expect(byReason('none_of_these')?.messages.map((m) => m.text)).toEqual(['알림이랑 아이디']);
    expect(byReason('none_of_these')?.closest.map((c) => c.intent).sort()).toEqual(['account.find_id', 'app.push']);
    expect(byReason('not_solved')?.messages.map((m) => m.text)).toEqual(['앱 푸시 알림이 안 와요']);
    expect(byReason('not_solved')?.closest[0].intent).toBe('app.push');
    expect((await runCli(['review', '--since', '1d'], env)).stdout).toMatch(/none of these 1\n {3}closest: (account\.find_id|app\.push) 0\.\d\d, (account\.find_id|app\.push) 0\.\d\d\n/);

    const message = byReason('none_of_these')?.messages[0].id as string;
    expect((await runCli(['review', 'assign', message, '--out-of-scope', '--since', '1d'], env)).code).toBe(0);
    expect(readFileSync(join(intents, '_out_of_scope.yaml'), 'utf8')).toContain('    - 알림이랑 아이디\n');
    expect((await runCli(['intents', 'check', '--dir', intents], env)).code).toBe(0);
    expect((await inbox(env)).clusters.map((c) => c.messages.map((m) => m.text))).toEqual([['앱 푸시 알림이 안 와요']]);
  });

  it('in a terminal asks cluster by cluster: an unknown intent is refused and asked again, o puts one out of scope, q stops and leaves the rest', async () => {
    const intents = intentsCopy();
    const env = { DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-review-data-')), INTENTS_DIR: intents, LOG_LEVEL: 'silent', NLU_ENCODER: 'none' };
    await say(env, [LOTTO[0], WEATHER[0], LOTTO[1], WEATHER[1], LOTTO[2]]);
    const answers = ['no.such', 'o', 'q'];
    const input = new PassThrough();
    const prompts: string[] = [];
    // The operator answers each prompt once it is shown, as a person at the terminal would.
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        const text = String(chunk);
        if (text.includes('q = quit: ')) {
          prompts.push(text);
          setImmediate(() => input.write(`${answers.shift() ?? 'q'}\n`));
        }
        done();
      },
    });
    const lines: string[] = [];
    const terminal: ReviewTerminal = { input, output };
    expect(await runReviewCommand(['--since', '1d'], (l) => lines.push(l), env, (l) => lines.push(l), terminal)).toBe(0);
    expect(prompts).toHaveLength(3);
    expect(lines).toContain(`  there is no intent "no.such" in ${intents}`);
    expect(lines.filter((l) => l.startsWith('#1 '))).toHaveLength(1);
    expect(lines[0]).toBe('5 messages in 2 clusters, largest first:');
    expect(lines).toContain(`added 3 examples to ${join(intents, '_out_of_scope.yaml')}; a running bot reloads it`);
    expect(lines.join('\n')).toMatch(/#2 c\w+ · 2 messages · en · out of scope 2/);
    for (const t of LOTTO) expect(readFileSync(join(intents, '_out_of_scope.yaml'), 'utf8')).toContain(`    - ${t}\n`);
    expect((await inbox(env)).clusters.map((c) => c.messages.map((m) => m.text))).toEqual([WEATHER]);
  });

  const pg = DATABASE_URL ? it : it.skip;
  const schema = freshSchema();
  afterAll(async () => {
    if (DATABASE_URL) await dropSchema(schema);
  });
  pg('a message assigned to an intent is matched by the running bot without a restart (PostgreSQL)', async () => {
    const url = new URL(await createSchemaUrl(schema));
    const intents = intentsCopy();
    const env = { DATABASE_URL: url.toString(), DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-review-data-')), INTENTS_DIR: intents, LOG_LEVEL: 'silent', NLU_ENCODER: 'none' };
    const seen: ConsoleOutput[] = [];
    const adapter = createConsoleAdapter((o) => seen.push(o));
    const deskbot = await startDeskbot({ adapters: [adapter], config: loadConfig(env), intentsDir: intents, watch: true, tickEveryMs: 0, encoder: null });
    const ask = async (id: string) => {
      seen.length = 0;
      await adapter.handlers().onMessage({ id, channel: 'console', conversationId: id, user: { id, isBot: false }, text: '노선도가 하얗게 떠요' });
      return seen[0]?.intent;
    };
    try {
      expect(await ask('before')).toBe('oos');
      const [cluster] = (await inbox(env)).clusters;
      expect(cluster.messages.map((m) => m.text)).toEqual(['노선도가 하얗게 떠요']);
      expect((await runCli(['review', 'assign', cluster.id, '--intent', 'maps.error', '--since', '1d'], env)).code).toBe(0);
      // The file watcher reloads within its debounce; ask until it has (a bound, not a measured time).
      let matched: string | null | undefined;
      for (let i = 0; i < 50 && matched !== 'maps.error'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        matched = await ask(`after-${i}`);
      }
      expect(matched).toBe('maps.error');

      // A dismissed cluster stays dismissed while the bot keeps taking messages like it.
      for (const text of ['로또 번호 추천해줘', '오늘 로또 번호 추천 좀']) await adapter.handlers().onMessage({ id: text, channel: 'console', conversationId: text, user: { id: text, isBot: false }, text });
      // (Messages asked before the reload finished are in the inbox too: the lotto ones are found by their text.)
      const lotto = (await inbox(env)).clusters.find((c) => c.messages[0].text.startsWith('로또')) as InboxJson['clusters'][number];
      expect(lotto.messages.map((m) => m.text)).toEqual(['로또 번호 추천해줘', '오늘 로또 번호 추천 좀']);
      expect((await runCli(['review', 'assign', lotto.id, '--dismiss', '--since', '1d'], env)).code).toBe(0);
      await adapter.handlers().onMessage({ id: 'later', channel: 'console', conversationId: 'later', user: { id: 'later', isBot: false }, text: '로또 번호 뭐가 좋을까요' });
      const left = (await inbox(env)).clusters.flatMap((c) => c.messages.map((m) => m.text));
      expect(left.filter((t) => t.includes('로또'))).toEqual([]);
    } finally {
      await deskbot.stop();
    }
  });
});

describe('agents’ suggested answers in the review inbox', () => {
  it('shows a reply an agent suggested beside the intent’s current answer (console)', async () => {
    const env = { DESKBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'deskbot-suggest-')), INTENTS_DIR: 'intents', LOG_LEVEL: 'silent', NLU_ENCODER: 'none' };
    const user = ['앱 푸시 알림이 안 와요', 'not_solved', '갤럭시 S23', 'skip', 'skip', 'confirm'].map((t, i) => (i === 0 || i === 2 ? { user: 'u1', text: t } : { user: 'u1', choose: t }));
    const opened = await runCli(['chat', '--jsonl'], env, user.map((o) => JSON.stringify(o)));
    const caseId = opened.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { caseId?: string }).find((o) => o.caseId)?.caseId as string;
    const suggestion = '설정 > 알림 > deskbot 을 껐다 켜면 대부분 해결돼요';
    const agent = await runCli(['chat', '--jsonl'], env, [JSON.stringify({ agent: 'a1', case: caseId, text: suggestion }), JSON.stringify({ agent: 'a1', case: caseId, do: 'suggest', text: suggestion })]);
    expect(agent.stdout).toContain(`Saved as a suggested answer for app.push (case ${caseId})`);
    const json = JSON.parse((await runCli(['review', '--json', '--since', '1d'], env)).stdout) as { suggestions: unknown };
    expect(json.suggestions).toEqual([{ intent: 'app.push', current: { ko: expect.stringContaining('푸시'), en: expect.stringContaining('notification') }, suggested: [expect.objectContaining({ caseId, by: 'a1', text: suggestion })] }]);
    const text = (await runCli(['review', '--since', '1d'], env)).stdout;
    expect(text).toContain('Answers agents suggested:');
    expect(text).toMatch(new RegExp(`app\\.push: 1 suggestion\\n {3}now: {8}푸시 알림이 안 올 때는.*\\n {3}${caseId} a1: ${suggestion}`));
  });
});
