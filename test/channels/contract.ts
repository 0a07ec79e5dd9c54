/** The channel contract: what every channel (console, Slack, Discord) must do for its users and agents, end to end. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCaseIdInText } from '../../src/cases/case-id.js';
import type { ChannelHarness, SeenMessage } from './harness.js';

const texts = (msgs: SeenMessage[]) => msgs.map((m) => m.text).join('\n');

/** Registers the contract suite for one channel; `open` starts the real adapter and core on fakes. */
export function runChannelContract(name: string, open: () => Promise<ChannelHarness>): void {
  describe(`channel contract: ${name}`, () => {
    let h: ChannelHarness;
    beforeEach(async () => {
      h = await open();
    });
    afterEach(async () => {
      await h.close();
    });

    /** A user opens a case about push notifications; resolves with its id. */
    async function openCase(user: string): Promise<string> {
      await h.userSays(user, '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
      await h.press(user, 'not_solved');
      const receipt = texts(await h.press(user, 'confirm'));
      const caseId = findCaseIdInText(receipt);
      if (!caseId) throw new Error(`no case id in the receipt: ${receipt}`);
      return caseId;
    }

    it('answers an FAQ in Korean with solved / not solved choices, and a press is taken once', async () => {
      const replies = await h.userSays('U1', '비밀번호를 잊어버렸어요');
      expect(texts(replies)).toContain('비밀번호');
      const ask = replies.at(-1) as SeenMessage;
      expect(ask.choices).toEqual(expect.arrayContaining(['solved', 'not_solved']));
      expect(texts(await h.press('U1', 'solved'))).toContain('다행이에요');
    });

    it('answers an FAQ in one post, with "did this help?" and its buttons on it (one notification)', async () => {
      const replies = await h.userSays('U9', '비밀번호를 잊어버렸어요');
      expect(replies).toHaveLength(1);
      expect(replies[0].text).toContain('비밀번호');
      expect(replies[0].text).toContain('해결되었나요');
      expect(replies[0].choices).toEqual(expect.arrayContaining(['solved', 'not_solved']));
    });

    it('answers in English when the user writes English', async () => {
      const replies = await h.userSays('U2', 'I forgot my password');
      expect(texts(replies)).toMatch(/Did this solve/);
    });

    it('carries a handoff from the user to an agent and back, through rating', async () => {
      await h.userSays('U3', '앱 푸시 알림이 안 와요. 갤럭시 안드로이드 14, 앱 버전 5.12.1, 어제부터요');
      const confirm = await h.press('U3', 'not_solved');
      expect(confirm.at(-1)?.choices).toEqual(expect.arrayContaining(['confirm', 'edit', 'cancel']));
      const receipt = texts(await h.press('U3', 'confirm'));
      const caseId = findCaseIdInText(receipt);
      expect(caseId, receipt).toBeTruthy();
      expect(texts(h.agentSide())).toContain(caseId as string);

      await h.agentDoes('A1', caseId as string, 'claim');
      expect(texts(h.userSide('U3'))).toContain('확인하기 시작');
      await h.agentDoes('A1', caseId as string, 'reply', '알림 권한을 한 번 껐다 켜 보시겠어요?');
      expect(texts(h.userSide('U3'))).toContain('알림 권한을 한 번 껐다 켜 보시겠어요?');
      expect(await h.userSays('U3', '껐다 켜도 그대로예요')).toEqual([]);
      expect(texts(h.agentSide())).toContain('껐다 켜도 그대로예요');

      await h.agentDoes('A1', caseId as string, 'resolve');
      const asked = h.userSide('U3').at(-1) as SeenMessage;
      expect(asked.choices).toEqual(expect.arrayContaining(['solved', 'not_solved']));
      const rating = await h.press('U3', 'solved');
      expect(rating.at(-1)?.choices).toEqual(expect.arrayContaining(['rate:1', 'rate:5']));
      await h.press('U3', 'rate:4');
      expect(texts(await h.press('U3', 'skip'))).toContain('종료했어요');
      expect(texts(h.agentSide())).toContain('4/5');
    });

    it('answers a message the platform delivers twice (a retry or replay) once, and the conversation goes on', async () => {
      const replies = await h.userSaysTwice('U5', '비밀번호를 잊어버렸어요');
      expect(replies.filter((r) => r.text.includes('비밀번호'))).toHaveLength(1);
      expect(replies.at(-1)?.choices).toEqual(expect.arrayContaining(['solved', 'not_solved']));
      expect(texts(await h.press('U5', 'solved'))).toContain('다행이에요');
    });

    it('replies with a clear message to input without words, and the conversation goes on', async () => {
      // It asks for the question in words, instead of guessing an answer or saying nothing.
      expect(texts(await h.userSays('U4', '😀🙏'))).toContain('궁금한 점을 글로 적어 주세요');
      expect(texts(await h.userSays('U4', '비번 까먹었어요'))).toContain('비밀번호');
    });

    it('ignores its own messages and other bots’ messages', async (ctx) => {
      if (!h.botPosts) return ctx.skip(`${name} has no bots besides deskbot`);
      const posted = ['비밀번호를 잊어버렸어요', '환불해 주세요'];
      await h.botPosts('self', 'U6', posted[0]);
      await h.botPosts('other', 'U6', posted[1]);
      expect(texts(await h.userSays('U6', 'I forgot my password'))).toMatch(/Did this solve/);
      // Nothing answered the Korean posts: every reply the user sees is the English one.
      const replies = h.userSide('U6').filter((m) => !posted.includes(m.text));
      expect(texts(replies)).not.toMatch(/[가-힣]/);
    });

    it('offers on a case card exactly the buttons its status allows', async () => {
      const caseId = await openCase('U7');
      expect(h.cardButtons(caseId)).toEqual(['claim', 'resolve', 'close']);
      await h.agentDoes('A1', caseId, 'claim');
      expect(h.cardButtons(caseId)).toEqual(['claim', 'resolve', 'close']);
      await h.agentDoes('A1', caseId, 'resolve');
      expect(h.cardButtons(caseId)).toEqual(['reopen', 'close']);
      await h.agentDoes('A1', caseId, 'close');
      expect(h.cardButtons(caseId)).toEqual(['reopen']);
    });

    it('refuses someone who is not an agent the same way on every platform, and nothing changes', async (ctx) => {
      if (!h.outsiderDoes) return ctx.skip(`on ${name} whoever acts on cases is an agent`);
      const caseId = await openCase('U8');
      const seenByUser = h.userSide('U8').length;
      const refusal = 'Only support agents can act on cases.';
      expect(await h.outsiderDoes('V9', caseId, 'claim')).toEqual([expect.stringContaining(refusal)]);
      expect(await h.outsiderDoes('V9', caseId, 'reply', '제가 대신 답할게요')).toEqual([expect.stringContaining(refusal)]);
      expect(h.userSide('U8')).toHaveLength(seenByUser);
      expect(texts(h.agentSide())).not.toContain('제가 대신 답할게요');
      expect(h.cardButtons(caseId)).toEqual(['claim', 'resolve', 'close']);
    });
  });
}
