/** The memory store passes the store contract, so tests that use it see what the bot does on disk. */
import { createMemoryData, openMemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/port.js';
import { runStoreContract } from './contract.js';

runStoreContract('memory', async () => {
  const data = createMemoryData();
  const opened: Store[] = [openMemoryStore(data)];
  return {
    store: opened[0],
    reopen: async () => {
      const store = openMemoryStore(data);
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const s of opened) await s.close();
    },
  };
});
