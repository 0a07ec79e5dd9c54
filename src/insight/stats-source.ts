/** Reads a store for `deskbot stats`: the turn log and the cases of the window, counted, then turned into the report. */
import type { Store } from '../store/port.js';
import { tallyCases } from './case-tally.js';
import { statsReport, type StatsReport } from './stats.js';
import type { StatsWindow } from './stats-window.js';
import type { GroupBy } from './turn-tally.js';

/** The report of a window over what the store holds. */
export async function statsOf(store: Store, window: StatsWindow, by?: GroupBy): Promise<StatsReport> {
  const [turns, cases] = await Promise.all([
    store.turns.tally(window, by),
    (async () => tallyCases(store.cases.histories(window.since), await store.cases.active(), window, by))(),
  ]);
  return statsReport(turns, cases, window, by);
}
