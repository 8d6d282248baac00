import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStores } from '../../src/store/stores.js';
import { StoreError } from '../../src/store/store-error.js';
import { ENGINES, storeFixture } from '../builders/stores.js';
import { toError } from '../../src/errors.js';

const DAY = 86_400_000;
const fixture = storeFixture();
const dirs: string[] = [];
afterEach(async () => {
  await fixture.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pw-db-'));
  dirs.push(dir);
  return dir;
};
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => toError(e));

describe.each(ENGINES)('store database on %s', (engine) => {
  it('migrates a new store, records its identity, and opens it again unchanged', async () => {
    const first = await fixture.open(engine);
    await first.feedState.set('f', { health: 'ok', consecutiveFailures: 0, initialized: true, etag: '"1"' });
    const id = await first.db.identity();
    expect(id).toMatch(/^[0-9a-f-]{36}$/u);
    await first.db.close();
    const second = await fixture.reopen(first.url);
    expect(await second.db.identity()).toBe(id);
    expect((await second.feedState.get('f')).etag).toBe('"1"');
  });

  it('keeps fields a newer FeedState carries, without a migration', async () => {
    const stores = await fixture.open(engine);
    const state = { health: 'ok', consecutiveFailures: 0, initialized: true, intervalReason: 'ttl' } as const;
    await stores.feedState.set('f', state);
    expect(await stores.feedState.get('f')).toEqual(state);
  });
});

describe('a SQLite store', () => {
  it('resolves a relative path against the given cwd and runs in WAL mode', async () => {
    const dir = tempDir();
    const stores = await openStores('sqlite://data/rel.sqlite', { cwd: dir, dedupTtlMs: DAY });
    expect(stores.db.displayUrl).toBe(`sqlite://${path.join(dir, 'data', 'rel.sqlite')}`);
    await stores.db.close();
    const raw = new Database(path.join(dir, 'data', 'rel.sqlite'));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a second peacewatch on the same file, in this process or another, and allows it after close', async () => {
    const dir = tempDir();
    const url = 'sqlite://data/peacewatch.sqlite';
    const first = await openStores(url, { cwd: dir, dedupTtlMs: DAY });
    const again = await failure(openStores(url, { cwd: dir, dedupTtlMs: DAY }));
    expect(again).toBeInstanceOf(StoreError);
    expect(again?.message).toBe('store: another peacewatch is using data/peacewatch.sqlite; one process per SQLite store');
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const script = `import(${JSON.stringify(driver)}).then(({ default: D }) => { try { new D('data/peacewatch.sqlite', { timeout: 50 }).prepare('select 1 from meta').get(); console.log('read'); } catch (e) { console.log(e.code); } })`;
    const other = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    expect(other.stdout.trim()).toBe('SQLITE_BUSY');
    await first.db.close();
    const later = await openStores(url, { cwd: dir, dedupTtlMs: DAY });
    await later.db.close();
  });

  it('refuses a store whose schema is newer than this code, with one clear message', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'newer.sqlite');
    await (await openStores(`sqlite://${file}`, { dedupTtlMs: DAY })).db.close();
    const raw = new Database(file);
    raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999_from_the_future', new Date().toISOString());
    raw.close();
    const err = await failure(openStores(`sqlite://${file}`, { dedupTtlMs: DAY }));
    expect(err).toBeInstanceOf(StoreError);
    expect(err?.message).toMatch(/has schema version 9999_from_the_future, newer than this peacewatch knows \(0001_initial\)/u);
  });
});

describe('the store identity check', () => {
  it('notices a SQLite file deleted or replaced while peacewatch runs', async () => {
    const stores = await fixture.open('sqlite');
    expect(await stores.db.checkIdentity()).toEqual({ same: true });
    const file = stores.url.slice('sqlite://'.length);
    rmSync(file);
    expect(await stores.db.checkIdentity()).toEqual({ same: false, reason: `${file} was deleted` });
    writeFileSync(file, '');
    expect(await stores.db.checkIdentity()).toEqual({ same: false, reason: `${file} was replaced by another file` });
  });

  it('notices a PostgreSQL database that came back empty', async () => {
    const stores = await fixture.open('postgres');
    expect(await stores.db.checkIdentity()).toEqual({ same: true });
    const client = new pg.Client({ connectionString: stores.url });
    await client.connect();
    await client.query("delete from meta where key = 'store_id'");
    await client.end();
    expect(await stores.db.checkIdentity()).toEqual({ same: false, reason: 'the store came back empty' });
  });
});

describe('opening a store', () => {
  it('names an unsupported scheme, without the password', async () => {
    const err = await failure(openStores('REDIS://:hunter2@cache:6379', { dedupTtlMs: DAY }));
    expect(err).toBeInstanceOf(StoreError);
    expect(err?.message).toContain('unsupported URL "REDIS://[redacted]@cache:6379"');
    expect(err?.message).not.toContain('hunter2');
  });

  it('fails clearly, naming the URL without its password, when PostgreSQL is unreachable', async () => {
    const err = await failure(openStores('postgres://pw:hunter2@127.0.0.1:1/peacewatch', { dedupTtlMs: DAY, connectTimeoutMs: 2_000 }));
    expect(err).toBeInstanceOf(StoreError);
    expect(err?.message).toMatch(/^store: cannot connect to postgres:\/\/\[redacted\]@127\.0\.0\.1:1\/peacewatch: /u);
    expect(err?.message).toContain('ECONNREFUSED');
    expect(err?.message).not.toContain('hunter2');
  });
});
