import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadIntentsDir } from '../../src/knowledge/load.js';
import { KnowledgeBaseError, loadKnowledgeBase } from '../../src/knowledge/watch.js';

const FIXTURES = 'test/knowledge/fixtures';

describe('buildKnowledgeBase', () => {
  it('indexes intents by id and trains the matcher on both languages', async () => {
    const kb = buildKnowledgeBase(await loadIntentsDir(`${FIXTURES}/valid`), { threshold: 0.2 });
    expect(kb.intents.map((i) => i.id)).toEqual(['mail.spam', 'mail.storage_full']);
    expect(kb.byId('mail.spam')?.title.en).toBe('Mail landing in spam');
    expect(kb.byId('nope')).toBeUndefined();
    expect(kb.matcher.threshold).toBe(0.2);
    expect(kb.matcher.rank('메일함 용량이 꽉 찼어요')[0].intent).toBe('mail.storage_full');
    expect(kb.matcher.rank('legit mail goes to spam')[0].intent).toBe('mail.spam');
  });

  it('learns to reject messages like its out-of-scope examples', async () => {
    const loaded = await loadIntentsDir(`${FIXTURES}/valid`);
    const outOfScope = { ko: ['오늘 날씨 어때요', '내일 비 와요?', '주말 날씨 알려줘'], en: ['what is the weather like', 'will it rain tomorrow', 'weather this weekend'] };
    // Without them these messages pass a 0.2 threshold as mail.spam (0.27, 0.32).
    expect(buildKnowledgeBase(loaded, { threshold: 0.2 }).matcher.match('오늘 날씨 알려줘').intent).toBe('mail.spam');
    const withOos = buildKnowledgeBase({ ...loaded, outOfScope }, { threshold: 0.2 });
    expect(withOos.matcher.match('오늘 날씨 알려줘').intent).toBe('oos');
    expect(withOos.matcher.match('is it going to rain this weekend').intent).toBe('oos');
    expect(withOos.matcher.match('메일함 용량이 꽉 찼어요').intent).toBe('mail.storage_full');
    // The reject class is never offered as a topic.
    expect(withOos.matcher.rank('오늘 날씨 알려줘').map((r) => r.intent)).toEqual(['mail.spam', 'mail.storage_full']);
  });
});

describe('loadKnowledgeBase', () => {
  it('serves the shipped knowledge base', async () => {
    const kb = await loadKnowledgeBase('intents');
    expect(kb.matcher.match('비밀번호를 잊어버렸어요').intent).toBe('account.password_reset');
    expect(kb.matcher.match('I want to talk to a human').intent).toBe('agent.request');
  });

  it('throws a KnowledgeBaseError that lists every problem as file:line: message', async () => {
    const dir = `${FIXTURES}/duplicate-id`;
    const error = await loadKnowledgeBase(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeBaseError);
    const { message, problems } = error as KnowledgeBaseError;
    expect(problems.filter((p) => p.severity === 'error')).toHaveLength(2);
    expect(message.split('\n')[0]).toBe(`The knowledge base in ${dir} has 2 errors:`);
    expect(message).toContain(`  ${dir}/mail.storage_full.yaml:1: duplicate id "mail.spam": ${dir}/mail.spam.yaml:1 already uses it`);
  });
});
