/** Helpers for tests against a real PostgreSQL (DATABASE_URL): throw-away schemas and an admin connection. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database the PostgreSQL tests use, or undefined to skip them. */
export const DATABASE_URL = process.env.DATABASE_URL;

/** A schema name no other test run uses. */
export function freshSchema(): string {
  return `deskbot_test_${randomBytes(6).toString('hex')}`;
}

/** Runs fn on a connection of its own (outside any store), for setup, checks and sabotage. */
export async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await admin((c) => c.query(`drop schema if exists "${schema}" cascade`));
}

/** Creates a test schema and returns DATABASE_URL with it as the search path, as a deskbot process is given it. */
export async function createSchemaUrl(schema: string): Promise<string> {
  await admin((c) => c.query(`create schema "${schema}"`));
  const url = new URL(DATABASE_URL as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

