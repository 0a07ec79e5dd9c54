/**
 * The lowdb archive's reads of recently changed cases: ArchiveRecency finds the archived cases changed since a time
 * from the end of the archive, and readBodies reads many records with one read per run of records close together.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '../../src/store/lowdb/archive-format.js';
import { ArchiveRecency } from '../../src/store/lowdb/archive-recency.js';
import { readBodies, type LineRef } from '../../src/store/lowdb/line-file.js';

const entry = (offset: number, updatedAt: string | undefined): ArchiveEntry => ({ offset, length: 10, requester: 'console:u', createdAt: '2026-01-01T00:00:00.000Z', updatedAt, cardRefs: [], events: 0 });
const ids = (found: Iterable<[string, ArchiveEntry]>) => [...found].map(([id]) => id);

describe('ArchiveRecency', () => {
  it('finds the cases changed at or after a time, also when lines were not written in the order of their changes', () => {
    const archive = new Map([
      ['A', entry(0, '2026-11-01T00:00:00.000Z')],
      ['B', entry(100, '2026-11-20T00:00:00.000Z')],
      ['C', entry(200, '2026-11-05T00:00:00.000Z')],
      ['D', entry(300, '2026-11-30T00:00:00.000Z')],
    ]);
    const recency = new ArchiveRecency(archive);
    expect(ids(recency.changedSince('2026-11-10T00:00:00.000Z', archive))).toEqual(['B', 'D']);
    expect(ids(recency.changedSince('2026-11-05T00:00:00.000Z', archive))).toEqual(['B', 'C', 'D']);
    expect(ids(recency.changedSince('2026-12-01T00:00:00.000Z', archive))).toEqual([]);
    expect(ids(recency.changedSince('', archive))).toEqual(['A', 'B', 'C', 'D']);
  });

  it('sorts the lines of an archive opened in another order, always looks at a line that does not say when it changed, and skips lines superseded since', () => {
    const archive = new Map([
      ['LATE', entry(500, '2026-11-30T00:00:00.000Z')],
      ['OLD', entry(0, undefined)],
      ['EARLY', entry(100, '2026-11-01T00:00:00.000Z')],
    ]);
    const recency = new ArchiveRecency(archive);
    expect(ids(recency.changedSince('2026-11-15T00:00:00.000Z', archive))).toEqual(['OLD', 'LATE']);
    // EARLY is reopened and archived again at the end; LATE is forgotten.
    const again = entry(900, '2026-12-02T00:00:00.000Z');
    archive.set('EARLY', again);
    recency.push('EARLY', again);
    archive.delete('LATE');
    expect([...recency.changedSince('2026-11-15T00:00:00.000Z', archive)]).toEqual([
      ['OLD', archive.get('OLD')],
      ['EARLY', again],
    ]);
  });
});

describe('readBodies', () => {
  it('gives each record its own bytes, whether it shares a read with its neighbours or not', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deskbot-bodies-')), 'lines');
    // Three records close together, one 200 KB further on (a read of its own), one overlapping nothing at the end.
    const parts: Array<[number, string]> = [[0, 'first'], [10, 'second'], [30, 'third'], [200_030, 'far away'], [200_050, '끝']];
    const size = 200_100;
    const bytes = Buffer.alloc(size, 0x2e);
    for (const [at, text] of parts) Buffer.from(text).copy(bytes, at);
    writeFileSync(file, bytes);
    const refs: LineRef[] = parts.map(([offset, text]) => ({ offset, length: Buffer.byteLength(text) })).reverse();
    const handle = await open(file, 'r');
    const read: string[] = [];
    const reads: number[] = [];
    const counting = new Proxy(handle, {
      get: (target, key) => (key === 'read' ? (...args: Parameters<typeof handle.read>) => (reads.push(1), target.read(...args)) : Reflect.get(target, key)),
    });
    try {
      await readBodies(counting, refs, (body, ref) => read.push(`${ref.offset}:${body.toString('utf8')}`));
    } finally {
      await handle.close();
    }
    expect(read).toEqual(parts.map(([at, text]) => `${at}:${text}`));
    expect(reads).toHaveLength(2);
  });
});
