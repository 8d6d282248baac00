import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyValueStore, StoreError, type KeyValueStore } from '../../src/store/key-value-store.js';
import { hasRedisServer, startRedisServer } from '../fakes/redis-server.js';

// CI installs redis-server; a developer machine without it skips only the Redis rows.
const redisAvailable = hasRedisServer();
let redis: Awaited<ReturnType<typeof startRedisServer>> | undefined;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pw-kv-'));
  if (redisAvailable) redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const backends: Array<[string, () => Promise<KeyValueStore>, boolean]> = [
  ['memory', () => openKeyValueStore('memory://'), false],
  ['sqlite', () => openKeyValueStore(`sqlite://${path.join(dir, 'nested', 'kv.sqlite')}`), false],
  ['redis', () => openKeyValueStore(redis!.url), !redisAvailable],
];

describe.each(backends)('%s store', (_name, open, skip) => {
  it.skipIf(skip)('stores, reads many, deletes and expires values', async () => {
    const kv = await open();
    try {
      await kv.set('a', { n: 1, text: 'Київ' });
      await kv.set('short', 1, 30);
      expect(await kv.get('a')).toEqual({ n: 1, text: 'Київ' });
      expect(await kv.getMany(['a', 'missing'])).toEqual([{ n: 1, text: 'Київ' }, undefined]);
      await new Promise((r) => setTimeout(r, 80));
      expect(await kv.get('short')).toBeUndefined();
      await kv.delete('a');
      expect(await kv.get('a')).toBeUndefined();
    } finally {
      await kv.close();
    }
  });
});

describe('sqlite store', () => {
  it('survives a reopen and sweeps expired rows so the file stays bounded', async () => {
    const url = `sqlite://${path.join(dir, 'reopen.sqlite')}`;
    const first = await openKeyValueStore(url);
    await first.set('kept', 'yes');
    await first.set('gone', 'no', 1);
    await first.close();
    const second = await openKeyValueStore(url);
    expect(await second.get('kept')).toBe('yes');
    expect(await second.sweepExpired(Date.now() + 1000)).toBe(1);
    expect(await second.sweepExpired(Date.now() + 1000)).toBe(0);
    await second.close();
  });

  it('resolves a relative path against the given cwd', async () => {
    const kv = await openKeyValueStore('sqlite://data/rel.sqlite', { cwd: dir });
    expect(kv.displayUrl).toBe(`sqlite://${path.join(dir, 'data', 'rel.sqlite')}`);
    await kv.close();
  });
});

describe('openKeyValueStore errors', () => {
  it('names an unsupported scheme', async () => {
    await expect(openKeyValueStore('postgres://x')).rejects.toThrow(/unsupported URL "postgres:\/\/x"/);
  });

  it('fails clearly, without the password, when Redis is unreachable', async () => {
    const err = await openKeyValueStore('redis://:hunter2@127.0.0.1:1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/store: cannot connect to redis:\/\/\[redacted\]@127\.0\.0\.1:1/);
    expect((err as Error).message).not.toContain('hunter2');
  });
});
