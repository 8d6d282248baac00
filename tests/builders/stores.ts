import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Engine } from '../../src/store/database.js';
import { openStores, type StoreOptions, type Stores } from '../../src/store/stores.js';

export const DAY_MS = 86_400_000;

/** Where the PostgreSQL tests connect to create their own databases (trust auth on this machine and in CI). */
export const PG_ADMIN_URL = process.env.PEACEWATCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The engines every store test runs on. */
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

/**
 * A fresh, empty store location for one test: a SQLite file in its own temp folder, or a
 * uniquely named PostgreSQL database. `drop` removes it (closing the stores first is the caller's job).
 */
export async function createStoreLocation(engine: Engine): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-store-'));
    return { url: `sqlite://${path.join(dir, 'peacewatch.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `pw_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Opens stores on a fresh location and registers their cleanup: call `cleanup` in afterEach.
 * SQLite by default, as the tests of callers (commands, delivery) need a store, not an engine.
 */
export function storeFixture() {
  const cleanups: Array<() => Promise<void>> = [];
  return {
    async open(engine: Engine = 'sqlite', opts: Partial<StoreOptions> = {}): Promise<Stores & { url: string }> {
      const location = await createStoreLocation(engine);
      cleanups.push(location.drop);
      const stores = await openStores(location.url, { ...opts, dedupTtlMs: opts.dedupTtlMs ?? DAY_MS });
      cleanups.push(() => stores.db.close());
      return Object.assign(stores, { url: location.url });
    },
    /** Opens stores on a URL this fixture made (a restart); closed at cleanup. */
    async reopen(url: string, opts: { dedupTtlMs?: number } = {}): Promise<Stores> {
      const stores = await openStores(url, { dedupTtlMs: opts.dedupTtlMs ?? DAY_MS });
      cleanups.push(() => stores.db.close());
      return stores;
    },
    /** Closes what was opened (newest first; closing twice is harmless), then removes the locations. */
    async cleanup() {
      for (const step of cleanups.splice(0).reverse()) await step();
    },
  };
}
