import type { Kysely } from 'kysely';
import type { StoreSchema } from './schema.js';

/** The database or a transaction on it: every store function takes either. */
export type Db = Kysely<StoreSchema>;

// Bounded IN lists and multi-row inserts: far below SQLite's and PostgreSQL's parameter limits.
const CHUNK = 500;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
