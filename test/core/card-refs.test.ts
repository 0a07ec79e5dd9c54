/**
 * The core owns the case-to-card link: a card's reference is saved with its case when the card is posted, the
 * relays after it carry it, and an agent's post is matched to its case by the reference of the thread it is in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { AgentAction } from '../../src/channels/contract.js';
import { startDeskbot, type Deskbot } from '../../src/main.js';
import { openMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/port.js';
import { capturingAdapter } from '../support/capturing-adapter.js';

const agent = (isAgent: boolean): AgentAction['agent'] => ({ id: 'kim', isAgent: async () => isAgent });

describe('case cards, owned by the core', () => {
  let deskbot: Deskbot | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await deskbot?.stop();
    await store?.close();
  });

  async function openCase(env: Record<string, string> = {}) {
    store = openMemoryStore();
    const adapter = capturingAdapter();
    deskbot = await startDeskbot({ adapters: [adapter], config: loadConfig(env), store, watch: false, tickEveryMs: 0, now: () => new Date('2026-11-23T01:00:00Z') });
    const say = (id: string, text: string, choice?: string) => adapter.h().onMessage({ id, channel: 'console', conversationId: 'u1', user: { id: 'u1', isBot: false }, text, choice });
    await say('m1', '상담원 연결해 주세요');
    await say('m2', '메일함 용량이 꽉 찼다고 나오는데 지워도 그대로예요');
    await say('m3', '', 'confirm');
    const card = adapter.delivered.find((d) => d.to === 'agents' && d.message.kind === 'card');
    if (card?.to !== 'agents' || card.message.kind !== 'card') throw new Error('no card was posted');
    return { adapter, say, caseId: card.message.case.id };
  }

  it('saves a posted card’s reference with its case and threads the next relays under it', async () => {
    const { adapter, say, caseId } = await openCase();
    expect((await store?.cases.get(caseId))?.cardRefs).toEqual({ console: `console:agents:${caseId}` });
    adapter.delivered.length = 0;
    await say('m4', '사진을 지워도 용량이 줄지 않아요');
    expect(adapter.delivered).toContainEqual(expect.objectContaining({ to: 'agents', message: expect.objectContaining({ kind: 'relay', card: `console:agents:${caseId}` }) }));
  });

  it('saves the reference on the case as stored, never on the card’s masked copy of it', async () => {
    store = openMemoryStore();
    const adapter = capturingAdapter();
    deskbot = await startDeskbot({ adapters: [adapter], config: loadConfig({}), store, watch: false, tickEveryMs: 0, now: () => new Date('2026-11-23T01:00:00Z') });
    const say = (id: string, text: string, choice?: string) => adapter.h().onMessage({ id, channel: 'console', conversationId: 'u2', user: { id: 'u2', isBot: false }, text, choice });
    await say('h1', '해킹당한 것 같아요 모르는 해외 로그인 기록이 있어요');
    await say('h2', '아이디는 hong_gildong 입니다');
    await say('h3', '오늘 새벽 3시쯤이요');
    await say('h4', '비밀번호 변경했어요');
    await say('h5', '', 'confirm');
    const card = adapter.delivered.find((d) => d.to === 'agents' && d.message.kind === 'card');
    if (card?.to !== 'agents' || card.message.kind !== 'card') throw new Error('no card was posted');
    // Agents saw the account id masked (the requester is not verified yet)...
    expect(card.message.case.details.account_id).toBe('ho********ng');
    // ...while the stored case keeps it, and the transcript, as the user gave them.
    const saved = await store.cases.get(card.message.case.id);
    expect(saved?.cardRefs.console).toBe(`console:agents:${card.message.case.id}`);
    expect(saved?.details.account_id).toBe('hong_gildong');
    expect(saved?.transcript.map((t) => t.text)).toContain('아이디는 hong_gildong 입니다');
  });

  it('finds the case of a post in a card’s thread, also by a reference saved before references named their channel', async () => {
    const { adapter, caseId } = await openCase();
    const saved = (await store?.cases.get(caseId))!;
    // A case from an older release: its reference is `console:{case}`, without the channel.
    await store?.commit({ cases: [{ ...saved, cardRefs: { console: `console:${caseId}` } }] });
    const reply = { id: 'r1', channel: 'console' as const, agent: agent(true), card: `console:agents:${caseId}`, verb: 'reply' as const, text: '용량을 다시 계산해 드렸어요' };
    expect(await adapter.h().onAgentAction(reply)).toEqual({ kind: 'handled' });
    expect(adapter.delivered).toContainEqual(expect.objectContaining({ to: 'user', message: expect.objectContaining({ text: expect.stringContaining('용량을 다시 계산해 드렸어요') }) }));
    expect(await adapter.h().onAgentAction({ ...reply, id: 'r2', card: 'console:agents:NOT-ACASE' })).toEqual({ kind: 'not-a-case' });
  });

  it('refuses someone who is not an agent, in the agents’ language, and changes nothing', async () => {
    const { adapter, caseId } = await openCase({ AGENTS_LANG: 'ko' });
    adapter.delivered.length = 0;
    const outcome = await adapter.h().onAgentAction({ id: 'x1', channel: 'console', agent: agent(false), caseId, verb: 'claim' });
    expect(outcome).toEqual({ kind: 'refused', text: expect.stringContaining('상담원만 처리할 수 있습니다') });
    expect(adapter.delivered).toEqual([]);
    expect((await store?.cases.get(caseId))?.status).toBe('open');
  });
});
