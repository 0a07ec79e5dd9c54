/**
 * The archived cases in the order their lines were written, with the latest change time written up to each line:
 * the cases changed since a time are found by halving that list and reading only what comes after, instead of every
 * archived case (100,000 of them take 30 ms to walk, and statistics ask on every count).
 */
import type { ArchiveEntry } from './archive-format.js';

/** Sorts after every ISO time: a line that does not say when its case changed must always be looked at. */
const UNKNOWN = '\uffff';

/** Archived cases by the order of their lines, for finding the recently changed ones. */
export class ArchiveRecency {
  private ids: string[] = [];
  private entries: ArchiveEntry[] = [];
  /** The latest updatedAt of entries[0..i]: never decreasing, so it can be halved. */
  private latest: string[] = [];

  constructor(archive: ReadonlyMap<string, ArchiveEntry>) {
    this.rebuild(archive);
  }

  /** Starts again from the archive's current entries (after the store opened or compacted it). */
  rebuild(archive: ReadonlyMap<string, ArchiveEntry>): void {
    this.ids = [];
    this.entries = [];
    this.latest = [];
    for (const [id, entry] of [...archive].sort(([, a], [, b]) => a.offset - b.offset)) this.push(id, entry);
  }

  /** Notes a case line just appended (its offset is past every line before it). */
  push(id: string, entry: ArchiveEntry): void {
    const changed = entry.updatedAt ?? UNKNOWN;
    const before = this.latest.length > 0 ? this.latest[this.latest.length - 1] : '';
    this.ids.push(id);
    this.entries.push(entry);
    this.latest.push(changed > before ? changed : before);
  }

  /**
   * The archived cases whose line says they changed at or after `from` (ISO), or does not say when, as `archive`
   * holds them now: a line superseded since it was noted (the case reopened, archived again or forgotten) is skipped.
   */
  *changedSince(from: string, archive: ReadonlyMap<string, ArchiveEntry>): Iterable<[string, ArchiveEntry]> {
    let low = 0;
    let high = this.latest.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.latest[mid] < from) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.ids.length; i++) {
      const entry = this.entries[i];
      if (archive.get(this.ids[i]) !== entry) continue;
      if (entry.updatedAt === undefined || entry.updatedAt >= from) yield [this.ids[i], entry];
    }
  }
}
