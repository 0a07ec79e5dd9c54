/**
 * The lowdb store's slot for the statistics' cache: `deskbot-stats.json` in the data folder, labelled with the name
 * of the turn log file it counted. A rewrite of the turn log (retention, `user forget`) gives that file a new name,
 * which makes the cache stale, and removes it. Written whole through a temporary file, so a reader beside the bot
 * (`deskbot stats` on the folder of a running bot) finds the old cache or the new one, never half of one.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StatsCacheSlot } from '../../insight/stats-cache.js';

/** The cache's file name in the data folder. */
export const STATS_CACHE_NAME = 'deskbot-stats.json';

/** The slot on a folder whose current turn log file `turnLogName` names; `drop` removes the cache. */
export function statsCacheFile(dir: string, turnLogName: () => string): StatsCacheSlot & { drop(): Promise<void> } {
  const path = join(dir, STATS_CACHE_NAME);
  return {
    async stamp() {
      // A write renames a new file into place: another inode, time or size.
      const file = await stat(path).catch(() => undefined);
      return `${turnLogName()}:${file ? `${file.ino}:${file.mtimeMs}:${file.size}` : 'none'}`;
    },
    async read() {
      const generation = turnLogName();
      const content = await readFile(path, 'utf8').catch(() => '');
      const newline = content.indexOf('\n');
      const label = newline < 0 ? undefined : safeLabel(content.slice(0, newline));
      return label === generation ? { text: content.slice(newline + 1), generation } : { generation };
    },
    async write(text, generation) {
      if (generation !== turnLogName()) return;
      const temporary = `${path}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, `${JSON.stringify({ turnLog: generation })}\n${text}`);
        await rename(temporary, path);
      } catch {
        // A cache that cannot be written is counted again next time; the figures are the same.
        await rm(temporary, { force: true });
      }
    },
    drop: () => rm(path, { force: true }),
  };
}

function safeLabel(line: string): string | undefined {
  try {
    const label = (JSON.parse(line) as { turnLog?: unknown }).turnLog;
    return typeof label === 'string' ? label : undefined;
  } catch {
    return undefined;
  }
}
