import { it, expect } from 'vitest';
import { startAdapterOnFake } from '../setup.js';
it('smoke', async () => {
  const t = await startAdapterOnFake();
  const u = t.fake.addUser('kim');
  const dm = t.fake.dmChannelOf(u.id);
  t.fake.userMessage(u, dm, 'hello');
  await t.fake.waitFor(() => t.handlers.messages.length > 0, 'msg');
  console.log(t.handlers.messages);
  await t.close();
});
