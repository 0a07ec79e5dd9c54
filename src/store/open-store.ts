/** Picks the store from the configuration: PostgreSQL when a database URL is set, else the embedded lowdb files. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Store } from './port.js';

/** Where to keep data: dataDir for lowdb, or databaseUrl for PostgreSQL (which then takes precedence). */
export interface StoreConfig {
  dataDir: string;
  databaseUrl?: string;
}

/** Opens the configured store; only the chosen store's driver is loaded, so lowdb users never load pg. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) return (await import('./postgres-store.js')).openPostgresStore({ connectionString: config.databaseUrl });
  return (await import('./lowdb-store.js')).openLowdbStore({ dir: config.dataDir });
}

/**
 * Opens the configured store for a command that reads or changes what the bot saved (`deskbot stats`,
 * `deskbot user forget`): a lowdb folder without data is not created but reported, as a message naming it.
 * `readOnly` (commands that only read) opens a lowdb folder beside the bot that runs on it, without its lock.
 */
export async function openExistingStore(config: StoreConfig & { schema?: string; readOnly?: boolean }): Promise<Store | string> {
  if (config.databaseUrl) {
    return (await import('./postgres-store.js')).openPostgresStore({ connectionString: config.databaseUrl, schema: config.schema });
  }
  const lowdb = await import('./lowdb-store.js');
  const dir = resolve(config.dataDir);
  if (!existsSync(join(dir, lowdb.LOWDB_FILES.data))) return `no deskbot data at ${join(dir, lowdb.LOWDB_FILES.data)} (pass --data DIR, or --database-url URL, or set DESKBOT_DATA_DIR or DATABASE_URL)`;
  return config.readOnly ? lowdb.openLowdbSnapshot({ dir }) : lowdb.openLowdbStore({ dir });
}
