/** RETENTION_DAYS: turn-log entries and the transcripts of cases closed before then are deleted, at start and daily. */
import type { Logger } from 'pino';
import type { Store } from '../store/port.js';

const DAY_MS = 86_400_000;

/** Runs retention when a day has passed since it last ran (the first call runs it); failures are logged, never thrown. */
export function createRetention(store: Store, days: number, clock: () => Date, logger: Logger): () => Promise<void> {
  let lastRun: number | undefined;
  return async () => {
    const now = clock().getTime();
    if (lastRun !== undefined && now - lastRun < DAY_MS) return;
    lastRun = now;
    const before = new Date(now - days * DAY_MS);
    try {
      const turns = await store.turns.deleteBefore(before);
      const cases = await store.eraseTranscripts(before);
      logger.info({ before: before.toISOString(), turns, cases }, `retention: deleted ${turns} turn-log entries, emptied the transcripts of ${cases} cases closed before ${before.toISOString()}`);
    } catch (err) {
      logger.error({ err }, 'retention failed; it is tried again at the next tick');
      lastRun = undefined;
    }
  };
}
