/**
 * A damaged archive record (bytes changed on disk) is found when the store opens or when it is read later,
 * reported with its file, byte offset and id, and skipped: its owner's status request still lists the rest.
 */
import { mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOWDB_FILES, openLowdbStore } from '../../src/store/lowdb-store.js';
import { CaseIdTakenError } from '../../src/store/errors.js';
import type { Store } from '../../src/store/port.js';
import { makeCase, makeEvent } from './builders.js';

interface LogLine {
  level: number;
  msg: string;
  file: string;
  offset: number;
  id: string;
}

/** A real pino logger whose lines are kept for the test to read. */
function capturingLogger(): { logger: pino.Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const ids = (cases: { id: string }[]) => cases.map((c) => c.id).sort();

describe('a damaged archive record', () => {
  let dir: string;
  let archive: string;
  const open: Store[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deskbot-damaged-'));
    archive = join(dir, LOWDB_FILES.archive);
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Three closed cases of U100 and one of someone else, each a line of the archive. */
  async function seed(): Promise<void> {
    const store = await openLowdbStore({ dir });
    for (const [id, createdAt] of [['CASEA1', '2026-11-20T01:00:00.000Z'], ['CASEB2', '2026-11-21T01:00:00.000Z'], ['CASEC3', '2026-11-22T01:00:00.000Z']]) {
      await store.commit({ cases: [makeCase(id, { status: 'closed', createdAt })], events: [makeEvent(id, 'opened', createdAt)] });
    }
    await store.commit({ cases: [makeCase('OTHER1', { status: 'closed', requester: { channel: 'slack', conversationId: 'D200', userId: 'U200' } })] });
    await store.close();
  }

  /** Overwrites, in place and keeping the length, the summary of case id's record; returns where its record starts. */
  function damage(id: string, replacement: string): number {
    const text = readFileSync(archive);
    const lineStart = text.indexOf(`"id":"${id}"`);
    const bodyStart = text.indexOf('\t', lineStart) + 1;
    const at = text.indexOf(Buffer.from('앱 푸시 알림이 안 와요'), bodyStart);
    const fd = openSync(archive, 'r+');
    writeSync(fd, Buffer.from(replacement), 0, Buffer.byteLength(replacement), at);
    closeSync(fd);
    return bodyStart;
  }

  it.each([
    ['still valid JSON (a changed letter)', '앱 푸시 알림이 안 와X'],
    ['no longer JSON', '"}}}'],
  ])('is reported at start-up and skipped when %s, while its owner still sees the other cases', async (_how, replacement) => {
    await seed();
    const offset = damage('CASEB2', replacement);
    const { logger, lines } = capturingLogger();
    const store = await openLowdbStore({ dir, logger });
    open.push(store);
    if (replacement.startsWith('앱')) {
      // Found by the scan at open, before anyone asks for it.
      expect(lines).toHaveLength(1);
    }
    expect(ids(await store.cases.byRequester('slack', 'U100'))).toEqual(['CASEA1', 'CASEC3']);
    expect(await store.cases.get('CASEB2')).toBeUndefined();
    expect(await store.cases.events('CASEB2')).toEqual([]);
    // Its id stays taken, so no new case is given it.
    const intruder = makeCase('CASEB2', { requester: { channel: 'discord', conversationId: 'D9', userId: 'U9' } });
    await expect(store.commit({ cases: [intruder] })).rejects.toBeInstanceOf(CaseIdTakenError);
    expect(ids(await store.cases.byRequester('slack', 'U200'))).toEqual(['OTHER1']);
    // Reported once, however often it is asked for.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, file: archive, offset, id: 'CASEB2' });
    expect(lines[0].msg).toBe(
      `damaged record in ${archive} at byte ${offset} (id CASEB2): its bytes are not what was written. ` +
        'deskbot skips it and serves the rest; the file keeps it as it is for repair.',
    );
    // New work is saved and read back as usual, and the damaged bytes stay in the file.
    await store.commit({ cases: [makeCase('CASED4', { status: 'open', createdAt: '2026-11-23T01:00:00.000Z' })] });
    expect(ids(await store.cases.byRequester('slack', 'U100'))).toEqual(['CASEA1', 'CASEC3', 'CASED4']);
    expect(readFileSync(archive).includes(Buffer.from(replacement))).toBe(true);
  });

  it('is reported and skipped when it is damaged after start-up, on the read that finds it', async () => {
    await seed();
    const { logger, lines } = capturingLogger();
    const store = await openLowdbStore({ dir, logger });
    open.push(store);
    expect(lines).toEqual([]);
    const offset = damage('CASEC3', '앱 푸시 알림이 안 와X');
    expect(ids(await store.cases.byRequester('slack', 'U100'))).toEqual(['CASEA1', 'CASEB2']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ file: archive, offset, id: 'CASEC3' });
  });

  it('is reported with what is wrong and skipped when its bytes are intact but not in the shape deskbot writes', async () => {
    await seed();
    // A hand edit that kept the checksum right: the record is JSON, summed, and still not a case.
    const text = readFileSync(archive, 'utf8').split('\n');
    const at = text.findIndex((l) => l.includes('"id":"CASEB2"'));
    const [head, body] = text[at].split('\t');
    const edited = JSON.stringify({ ...JSON.parse(body), case: { ...JSON.parse(body).case, status: 'lost' } });
    const header = { ...JSON.parse(head), sum: crc32(Buffer.from(edited)) };
    text[at] = `${JSON.stringify(header)}\t${edited}`;
    writeFileSync(archive, text.join('\n'));
    const data = join(dir, LOWDB_FILES.data);
    writeFileSync(data, JSON.stringify({ ...JSON.parse(readFileSync(data, 'utf8')), archiveBytes: statSync(archive).size }));
    const { logger, lines } = capturingLogger();
    const store = await openLowdbStore({ dir, logger });
    open.push(store);
    expect(ids(await store.cases.byRequester('slack', 'U100'))).toEqual(['CASEA1', 'CASEC3']);
    expect(await store.cases.get('CASEB2')).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ file: archive, id: 'CASEB2' });
    expect(lines[0].msg).toMatch(/^damaged record in .* \(id CASEB2\): it is not in the shape deskbot writes \("case\.status": .+\)\. deskbot skips it/);
  });

  it('stays detectably damaged after the archive is compacted, and the rest stays readable', async () => {
    await seed();
    damage('CASEB2', '앱 푸시 알림이 안 와X');
    const { logger, lines } = capturingLogger();
    const store = await openLowdbStore({ dir, logger });
    open.push(store);
    // A rewrite compacts the archive: every current record is copied to a new file, the damaged one as it is.
    const changed = await store.rewriteAll({
      conversation: (c) => c,
      case: (c) => (c.id === 'CASEA1' ? { ...c, summary: 'changed' } : c),
      event: (e) => e,
      turn: (t) => t,
    });
    expect(changed.cases).toBe(1);
    await store.close();
    open.pop();
    const again = capturingLogger();
    const reopened = await openLowdbStore({ dir, logger: again.logger });
    open.push(reopened);
    expect(again.lines.map((l) => l.id)).toEqual(['CASEB2']);
    expect(again.lines[0].file).not.toBe(archive);
    expect(ids(await reopened.cases.byRequester('slack', 'U100'))).toEqual(['CASEA1', 'CASEC3']);
    expect((await reopened.cases.get('CASEA1'))?.summary).toBe('changed');
    expect(lines.map((l) => l.id)).toEqual(['CASEB2']);
  });
});
