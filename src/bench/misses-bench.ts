/**
 * `npm run bench -- misses`: the Korean and product misses (issue 16) on messages written the way users of a Korean
 * portal write, none from intents/ (misses-corpus.jsonl beside this file): another company's service, a general
 * question that shares a word with a topic, a long story before the question, indirect phrasing, one word. Each
 * message goes through the whole core (lexical matcher, NLU_ENCODER=none) and the bot's first decision is scored:
 * the topic answered, out of scope, or (`ask:intent`) a clarification that offers that topic.
 */
import { readFileSync } from 'node:fs';
import type { ChannelAdapter, Delivery, InboundHandlers, TurnMeta } from '../channels/contract.js';
import { loadConfig } from '../config.js';
import { startDeskbot } from '../main.js';
import { openMemoryStore } from '../store/memory-store.js';

interface MissCase {
  class: string;
  text: string;
  expect: string;
}

/** What the bot did with a message: its decision and the topics it offered. */
interface FirstDecision {
  meta?: TurnMeta;
  offered: string[];
}

/** Runs each message of the corpus as a new user's first message; prints accuracy per class and the misses. */
export async function benchMisses(out: (line: string) => void, corpus = new URL('../../src/bench/misses-corpus.jsonl', import.meta.url)): Promise<void> {
  const cases = readFileSync(corpus, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as MissCase);
  let handlers: InboundHandlers | undefined;
  let current: FirstDecision = { offered: [] };
  const adapter: ChannelAdapter = {
    name: 'console',
    start: async (h) => {
      handlers = h;
    },
    deliver: async (d: Delivery) => {
      if (d.to === 'user') current.offered.push(...(d.message.choices ?? []).map((c) => c.value));
    },
    describeTurn: (_address, meta) => {
      current.meta ??= meta;
    },
    stop: async () => undefined,
  };
  const deskbot = await startDeskbot({ adapters: [adapter], config: { ...loadConfig({}), nluEncoder: 'none' }, store: openMemoryStore(), watch: false, tickEveryMs: 0 });
  const byClass = new Map<string, { right: number; total: number }>();
  const misses: string[] = [];
  try {
    for (const [i, c] of cases.entries()) {
      current = { offered: [] };
      await handlers?.onMessage({ id: `m${i}`, channel: 'console', conversationId: `u${i}`, user: { id: `u${i}`, isBot: false }, text: c.text });
      const got = current.meta?.state === 'clarifying' ? `ask:${current.offered.filter((v) => v.startsWith('intent:')).map((v) => v.slice(7)).join('|')}` : (current.meta?.intent ?? 'none');
      const right = c.expect.startsWith('ask:') ? got.startsWith('ask:') && got.slice(4).split('|').includes(c.expect.slice(4)) : got === c.expect;
      const tally = byClass.get(c.class) ?? { right: 0, total: 0 };
      byClass.set(c.class, { right: tally.right + (right ? 1 : 0), total: tally.total + 1 });
      if (!right) misses.push(`- ${c.class}: "${c.text}" → ${got} (expected ${c.expect})`);
    }
  } finally {
    await deskbot.stop();
  }
  out('| class | right | of | accuracy |\n|---|---:|---:|---:|');
  let right = 0;
  for (const [name, t] of byClass) {
    right += t.right;
    out(`| ${name} | ${t.right} | ${t.total} | ${((100 * t.right) / t.total).toFixed(0)}% |`);
  }
  out(`| all | ${right} | ${cases.length} | ${((100 * right) / cases.length).toFixed(0)}% |`);
  if (misses.length) out(`\nMissed:\n${misses.join('\n')}`);
}
