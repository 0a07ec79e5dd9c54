/** The channel harness for the console: the real core through the JSON Lines protocol. */
import type { ChannelHarness, SeenMessage } from '../harness.js';
import { openConsoleSession, type OutputLine } from '../../support/console-session.js';

/** Opens the console channel on a temp store. */
export async function openConsoleHarness(): Promise<ChannelHarness> {
  const session = await openConsoleSession({ now: '2026-11-23T10:00:00+09:00' });
  const all: OutputLine[] = [];
  const seen = (o: OutputLine): SeenMessage => ('error' in o ? { text: o.error, choices: [] } : { text: o.text, choices: o.choices.map((c) => c.value) });
  const send = async (line: object) => {
    const out = await session.send(line);
    all.push(...out);
    return out;
  };
  const toUser = (user: string) => (o: OutputLine) => !('error' in o) && o.to === user;
  return {
    async userSays(user, text) {
      return (await send({ user, text })).filter(toUser(user)).map(seen);
    },
    async userSaysTwice(user, text) {
      const line = { id: `twice-${user}`, user, text };
      return [...(await send(line)), ...(await send(line))].filter(toUser(user)).map(seen);
    },
    async press(user, value) {
      return (await send({ user, choose: value })).filter(toUser(user)).map(seen);
    },
    async agentDoes(agent, caseId, verb, text) {
      await send(verb === 'reply' ? { agent, case: caseId, text } : { agent, case: caseId, do: verb });
    },
    cardButtons(caseId) {
      const card = all.filter((o) => !('error' in o) && o.to === 'agents' && o.case === caseId && /^(New case|Case updated) /.test(o.text)).at(-1);
      return card ? seen(card).choices : [];
    },
    agentSide: () => all.filter(toUser('agents')).map(seen),
    userSide: (user) => all.filter(toUser(user)).map(seen),
    close: () => session.close(),
  };
}
