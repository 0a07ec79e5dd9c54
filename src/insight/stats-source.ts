/** Reads a store for `deskbot stats`: the turn log and the cases of the window, counted, then turned into the report. */
import type { Store } from '../store/port.js';
import { tallyCases } from './case-tally.js';
import { cachedCounts, wholeDays } from './stats-cache.js';
import { statsReport, type StatsReport } from './stats.js';
import type { StatsWindow } from './stats-window.js';
import type { GroupBy } from './turn-tally.js';

/** The report of a window over what the store holds: a window of whole local days from the store's cache, any other by reading it all. */
export async function statsOf(store: Store, window: StatsWindow, by?: GroupBy): Promise<StatsReport> {
  const days = wholeDays(window);
  if (days) {
    const counts = await cachedCounts(store, window, days);
    return statsReport(counts.turns(by), await tallyCases(counts.histories, await store.cases.active(), window, by), window, by);
  }
  return statsByReading(store, window, by);
}

/** The report of a window from every turn and case of it, read anew (the way a window that does not start at midnight is counted). */
export async function statsByReading(store: Store, window: StatsWindow, by?: GroupBy): Promise<StatsReport> {
  const [turns, cases] = await Promise.all([
    store.turns.tally(window, by),
    (async () => tallyCases(store.cases.histories(window.since), await store.cases.active(), window, by))(),
  ]);
  return statsReport(turns, cases, window, by);
}
