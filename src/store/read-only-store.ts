/** A store that reads and refuses every write: what a command gets that reads a lowdb folder beside the running bot. */
import { StoreReadOnlyError } from './errors.js';
import type { Store } from './port.js';

/** The store's reads, with each write refused (StoreReadOnlyError) instead of done. */
export function readOnlyStore(store: Store): Store {
  const refuse = (what: string) => () => Promise.reject(new StoreReadOnlyError(what));
  return {
    conversations: {
      get: (id) => store.conversations.get(id),
      updatedSince: (since) => store.conversations.updatedSince(since),
      lock: (key, fn) => store.conversations.lock(key, fn),
      once: refuse('recording a delivery'),
    },
    cases: store.cases,
    // Methods named one by one: a store's turn log may be a class, whose methods a spread would not copy.
    turns: {
      between: (since, until, only) => store.turns.between(since, until, only),
      tally: (window, by) => store.turns.tally(window, by),
      deleteBefore: refuse('retention'),
      forgetUser: refuse('forgetting a user'),
    },
    // The statistics' cache is no record of the store's: reading beside a running bot may keep it (see the store's slot).
    statsCache: store.statsCache,
    commit: refuse('saving a turn'),
    counts: () => store.counts(),
    exportAll: () => store.exportAll(),
    eraseTranscripts: refuse('retention'),
    forgetUser: refuse('forgetting a user'),
    rewriteAll: refuse('rewriting the store'),
    close: () => store.close(),
  };
}
