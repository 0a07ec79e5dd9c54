/** The bot names itself once: the service's name, with or without SERVICE_NAME, is never said twice in one greeting. */
import { describe, expect, it } from 'vitest';
import { openConsoleSession } from '../support/console-session.js';

const ASKS = ['안녕하세요', 'hello', '너는 누구야? 사람이야?', 'are you a bot?'];

describe('introducing itself', () => {
  for (const env of [{}, { SERVICE_NAME: '네이버' }]) {
    it(`says each name once in greetings and "who are you" (${JSON.stringify(env)})`, async () => {
      const s = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00', env });
      try {
        for (const [i, text] of ASKS.entries()) {
          const [reply] = await s.send({ user: `u${i}`, text });
          const said = 'text' in reply ? reply.text : '';
          expect(said, text).toMatch(/도우미|assistant/);
          for (const name of ['deskbot', '네이버']) expect(said.split(name).length - 1, `${text}: ${said}`).toBeLessThanOrEqual(1);
        }
      } finally {
        await s.close();
      }
    });
  }
});
