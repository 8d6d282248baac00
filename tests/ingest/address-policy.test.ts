// Feeds must not reach this host or its network unless config allows it, whatever the URL or redirect says.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAddressPolicy, isAddressOrCidr } from '../../src/ingest/address-policy.js';
import type { FetchOptions } from '../../src/ingest/feed-outcome.js';
import { fetchFeed } from '../../src/ingest/fetch-feed.js';

const OPTIONS: FetchOptions = { userAgent: 'peacewatch-test', connectTimeoutMs: 2_000, totalTimeoutMs: 5_000, maxBodyBytes: 64 * 1024, maxRedirects: 3 };
const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

describe('createAddressPolicy', () => {
  const policy = createAddressPolicy();
  it.each([
    '127.0.0.1', '127.8.9.10', '0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254',
    '100.64.0.1', '224.0.0.1', '255.255.255.255', '::', '::1', 'fe80::1', 'fc00::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe',
  ])('refuses %s by default', (address) => {
    expect(policy.refusal(address)).toMatch(/allow it in fetch\.allowPrivateNetworks/u);
  });
  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(policy.refusal(address)).toBeUndefined();
  });
  it('allows what config lists, by address or CIDR, and nothing next to it', () => {
    const allowing = createAddressPolicy(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    expect(allowing.refusal('10.9.8.7')).toBeUndefined();
    expect(allowing.refusal('127.0.0.1')).toBeUndefined();
    expect(allowing.refusal('fd12::1')).toBeUndefined();
    expect(allowing.refusal('127.0.0.2')).toBeDefined();
    expect(allowing.refusal('192.168.0.1')).toBeDefined();
  });
  it.each([
    ['10.0.0.0/8', true],
    ['::1', true],
    ['fd00::/8', true],
    ['10.0.0.0/33', false],
    ['localhost', false],
    ['10.0.0.0/8/1', false],
  ])('reads %j as an allowance: %s', (entry, ok) => {
    expect(isAddressOrCidr(entry)).toBe(ok);
  });
});

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server on a given loopback address; `location` makes it redirect there. */
async function serveOn(host: string, location?: (self: string) => string): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (location) res.writeHead(302, { location: location(`http://${host}:${(server.address() as AddressInfo).port}`) }).end();
    else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}/feed.xml`, hits: () => hits };
}

describe('fetchFeed and private addresses', () => {
  it('refuses a loopback feed by default, without sending it a request, and fetches it when config allows', async () => {
    const feed = await serveOn('127.0.0.1');
    const refused = await fetchFeed(feed.url, {}, OPTIONS);
    expect(refused.kind).toBe('failed');
    if (refused.kind === 'failed') expect(refused.error.message).toMatch(/127\.0\.0\.1.*allowPrivateNetworks/u);
    expect(feed.hits()).toBe(0);
    const allowed = await fetchFeed(feed.url, {}, { ...OPTIONS, allowPrivateNetworks: ['127.0.0.1'] });
    expect(allowed.kind).toBe('ok');
  });

  it('checks the resolved address of a name: localhost is refused (no rebinding past the check)', async () => {
    const feed = await serveOn('127.0.0.1');
    const outcome = await fetchFeed(feed.url.replace('127.0.0.1', 'localhost'), {}, OPTIONS);
    expect(outcome.kind).toBe('failed');
    expect(feed.hits()).toBe(0);
  });

  it('checks every redirect hop: an allowed feed redirecting to another loopback address is refused', async () => {
    const internal = await serveOn('127.0.0.2');
    const feed = await serveOn('127.0.0.1', () => internal.url);
    const outcome = await fetchFeed(feed.url, {}, { ...OPTIONS, allowPrivateNetworks: ['127.0.0.1'] });
    expect(outcome.kind).toBe('failed');
    expect(feed.hits()).toBe(1);
    expect(internal.hits()).toBe(0);
  });

  it.each(['http://0.0.0.0:8080/x', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8080/x', 'http://[::ffff:127.0.0.1]:8080/x'])(
    'refuses %s before connecting',
    async (url) => {
      const outcome = await fetchFeed(url, {}, OPTIONS);
      expect(outcome.kind).toBe('failed');
      if (outcome.kind === 'failed') expect(outcome.error.message).toMatch(/allowPrivateNetworks/u);
    },
  );
});
