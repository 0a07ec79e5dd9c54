import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { terminalLogStream } from '../src/log.js';

/** A stream that records what is written to it, claiming to be a terminal or not. */
function recorder(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as Writable & { isTTY: boolean; text: () => string };
  w.isTTY = isTTY;
  w.text = () => chunks.join('');
  return w;
}

describe('log lines on the terminal', () => {
  it('are readable (level, time and message, no JSON) when stderr is a terminal', async () => {
    const tty = recorder(true);
    pino({ level: 'info' }, terminalLogStream(tty)).warn({ caseId: 'C-1' }, 'slow answer');
    await new Promise((r) => setImmediate(r));
    const text = tty.text();
    expect(text).toMatch(/WARN/);
    expect(text).toMatch(/slow answer/);
    expect(text).toMatch(/caseId.*C-1/);
    expect(() => JSON.parse(text.trim())).toThrow();
  });

  it('are JSON, one object per line, when stderr is not a terminal', async () => {
    const pipe = recorder(false);
    pino({ level: 'info' }, terminalLogStream(pipe)).warn({ caseId: 'C-1' }, 'slow answer');
    await new Promise((r) => setImmediate(r));
    expect(JSON.parse(pipe.text().trim())).toMatchObject({ level: 40, caseId: 'C-1', msg: 'slow answer' });
  });
});
