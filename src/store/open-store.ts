/** Picks the store from the configuration: PostgreSQL when a database URL is set, else the embedded lowdb files. */
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
