import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pg from 'pg';
import type { StoreSchema } from './schema.js';
import { errorMessage } from '../errors.js';
import { redactUrl } from '../redact.js';
import { StoreError } from './store-error.js';

export type Engine = 'sqlite' | 'postgres';

/** One open database: the engine, a Kysely instance over it, and how to name it in messages. */
export interface StoreDatabase {
  engine: Engine;
  db: Kysely<StoreSchema>;
  /** The store URL without its password, safe to log. */
  displayUrl: string;
  /** SQLite: the absolute path of the file. */
  file?: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Relative SQLite paths resolve against it (default: the working directory). */
  cwd?: string;
  /** PostgreSQL: how long a store call may take before it fails instead of blocking (default 15 s). */
  statementTimeoutMs?: number;
  /** PostgreSQL: how long connecting may take (default 5 s). */
  connectTimeoutMs?: number;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** PostgreSQL: errors of idle pooled connections (a restart of the server); they must not crash the process. */
  onIdleError?: (err: Error) => void;
}

/** `sqlite://…`, `postgres://…` or `postgresql://…`, scheme in any case. */
export function engineOf(url: string): Engine | undefined {
  const scheme = url.slice(0, Math.max(0, url.indexOf('://'))).toLowerCase();
  if (scheme === 'sqlite') return 'sqlite';
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  return undefined;
}

export async function openDatabase(url: string, opts: OpenDatabaseOptions = {}): Promise<StoreDatabase> {
  const engine = engineOf(url);
  // Each driver is loaded only for its engine: a SQLite start does not pay for pg, nor the reverse.
  if (engine === 'sqlite') return openSqlite(url, opts, (await import('better-sqlite3')).default);
  if (engine === 'postgres') return openPostgres(url, opts, (await import('pg')).default);
  throw new StoreError(
    `store: unsupported URL ${JSON.stringify(redactUrl(url))}: expected sqlite://<path> or postgres://user@host/database`,
  );
}

function openSqlite(url: string, opts: OpenDatabaseOptions, Sqlite: typeof Database): StoreDatabase {
  const given = url.slice(url.indexOf('://') + 3);
  const memory = given === ':memory:';
  const file = memory ? ':memory:' : path.resolve(opts.cwd ?? process.cwd(), given);
  if (!memory) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (err) {
      throw new StoreError(`store: cannot create ${path.dirname(file)}: ${errorMessage(err)}`, { cause: err });
    }
  }
  let handle: Database.Database | undefined;
  try {
    // A short wait for the lock: a held one is another peacewatch, which will not let go.
    handle = new Sqlite(file, { timeout: 500 });
    // One process per SQLite file, enforced: the lock is taken now and held until close,
    // and released by the OS if the process dies, so a restart after a crash is never refused.
    handle.pragma('locking_mode = EXCLUSIVE');
    handle.pragma('journal_mode = WAL');
    handle.exec('BEGIN EXCLUSIVE; COMMIT;');
    handle.pragma('busy_timeout = 5000');
  } catch (err) {
    handle?.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new StoreError(`store: another peacewatch is using ${given}; one process per SQLite store`, { cause: err });
    }
    throw new StoreError(`store: cannot open ${given}: ${errorMessage(err)}`, { cause: err });
  }
  const sqlite = handle;
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    engine: 'sqlite',
    db,
    displayUrl: `sqlite://${file}`,
    ...(memory ? {} : { file }),
    close: once(() => db.destroy()),
  };
}

// bigint columns (epoch ms) come back as numbers, as on SQLite; they stay far below 2^53.
const INT8_OID = 20;

async function openPostgres(url: string, opts: OpenDatabaseOptions, driver: typeof pg): Promise<StoreDatabase> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? (value: string) => Number(value) : driver.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const displayUrl = redactUrl(url);
  const statementTimeout = opts.statementTimeoutMs ?? 15_000;
  const pool = new driver.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    // Bounded on both sides: the server cancels a slow statement, the client gives up on a silent server.
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 1_000,
    idleTimeoutMillis: 30_000,
    types,
  });
  pool.on('error', (err) => opts.onIdleError?.(err));
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw new StoreError(`store: cannot connect to ${displayUrl}: ${describeConnectError(err)}`, { cause: err });
  }
  return { engine: 'postgres', db, displayUrl, close: once(() => db.destroy()) };
}

/** Closing twice (a shutdown racing a test's cleanup) closes once. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

/** pg reports a refused connection to a host with several addresses as an AggregateError without a message. */
function describeConnectError(err: unknown): string {
  const first = err instanceof AggregateError && err.errors.length > 0 ? err.errors[0] : err;
  const code = (first as { code?: unknown } | undefined)?.code;
  const message = errorMessage(first);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
