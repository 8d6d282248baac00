import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import KeyvRedis from '@keyv/redis';
import { errorMessage } from '../errors.js';
import { redactUrl } from '../redact.js';

/**
 * The one place that speaks keyv. Typed stores (seen, feed state, subscriptions,
 * outbox) sit on this small interface, so the pipeline never sees keyv and tests
 * can use `memory://`.
 */
export interface KeyValueStore {
  readonly kind: 'sqlite' | 'redis' | 'memory';
  /** The store URL with any password removed, safe to log. */
  readonly displayUrl: string;
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<Array<T | undefined>>;
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Remove expired entries where the backend keeps them (SQLite); returns how many. */
  sweepExpired(now: number): Promise<number>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

const NAMESPACE = 'peacewatch';
const SQLITE_TABLE = 'keyv';

/**
 * Open a store from a URL: `sqlite://relative/or/absolute.sqlite`, `redis://…`/`rediss://…`,
 * or `memory://`. Relative SQLite paths resolve against `cwd`; the folder is created.
 */
export async function openKeyValueStore(url: string, opts: { cwd?: string } = {}): Promise<KeyValueStore> {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  if (scheme === 'memory') {
    // In memory, values are kept as objects, not JSON: every store writes new objects
    // (immutable updates), and classify saves a story per article, where JSON cost dominated.
    const keyv = new Keyv({ namespace: NAMESPACE, throwOnErrors: true, serialize: undefined, deserialize: undefined });
    return wrapKeyv(keyv, 'memory', url);
  }
  if (scheme === 'redis' || scheme === 'rediss') {
    let connectedOnce = false;
    const adapter = new KeyvRedis(
      {
        url,
        socket: {
          connectTimeout: 5_000,
          // At start, give up fast with a clear error; once running, keep reconnecting (Redis restarts).
          reconnectStrategy: (retries: number, cause: Error) =>
            !connectedOnce && retries >= 2 ? cause : Math.min(100 * 2 ** retries, 5_000),
        },
      },
      { throwOnConnectError: true, throwOnErrors: true },
    );
    const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, throwOnErrors: true, useKeyPrefix: false });
    const store = wrapKeyv(keyv, 'redis', redactUrl(url));
    // Connect now so a wrong URL fails at start with a clear message, not on the first poll.
    try {
      await adapter.getClient();
      connectedOnce = true;
    } catch (err) {
      throw new StoreError(redactUrl(`store: cannot connect to ${url}: ${errorMessage(err)}`), { cause: err });
    }
    return store;
  }
  if (scheme === 'sqlite') {
    const file = path.resolve(opts.cwd ?? process.cwd(), url.slice('sqlite://'.length));
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (err) {
      throw new StoreError(`store: cannot create ${path.dirname(file)}: ${errorMessage(err)}`, { cause: err });
    }
    const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, table: SQLITE_TABLE, busyTimeout: 10_000 });
    const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, throwOnErrors: true });
    const store = wrapKeyv(keyv, 'sqlite', `sqlite://${file}`, async (now) => {
      // keyv keeps SQLite rows past their expiry until read; sweep them so the file stays bounded.
      const rows = (await adapter.query(
        `DELETE FROM ${SQLITE_TABLE} WHERE json_extract(value, '$.expires') IS NOT NULL AND json_extract(value, '$.expires') < ? RETURNING key`,
        now,
      )) as unknown[];
      return rows.length;
    });
    try {
      await store.get('__open__');
    } catch (err) {
      throw new StoreError(`store: cannot open ${file}: ${errorMessage(err)}`, { cause: err });
    }
    return store;
  }
  throw new StoreError(`store: unsupported URL ${JSON.stringify(redactUrl(url))}: expected sqlite://, redis:// or memory://`);
}

function wrapKeyv(
  keyv: Keyv,
  kind: KeyValueStore['kind'],
  displayUrl: string,
  sweep: (now: number) => Promise<number> = async () => 0,
): KeyValueStore {
  // keyv also emits errors; with throwOnErrors they reach the caller, so the event only needs a sink.
  keyv.on('error', () => {});
  return {
    kind,
    displayUrl,
    get: async <T>(key: string) => (await keyv.get<T>(key)) ?? undefined,
    getMany: async <T>(keys: string[]) => {
      if (keys.length === 0) return [];
      const values = await keyv.get<T>(keys);
      return values.map((v) => v ?? undefined);
    },
    set: async (key, value, ttlMs) => {
      await keyv.set(key, value, ttlMs);
    },
    delete: async (key) => {
      await keyv.delete(key);
    },
    sweepExpired: sweep,
    close: async () => {
      await keyv.disconnect();
    },
  };
}

