import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandler, requiresManager, type CommandDeps } from '../../src/commands/command-handler.js';
import type { Command, CommandInvoker } from '../../src/commands/command-types.js';
import { parseCommandText } from '../../src/commands/parse-command.js';
import type { Alert } from '../../src/domain/alert.js';
import type { ChannelRef } from '../../src/domain/channel.js';
import type { FeedConfig } from '../../src/domain/feed.js';
import type { LatencySample } from '../../src/domain/latency.js';
import { storeFixture } from '../builders/stores.js';
import type { SubscriptionStore } from '../../src/store/subscription-store.js';
import { createAlert, createArticle } from '../builders/article.js';
import { createTestTopic } from '../builders/topic.js';

const NOW = Date.parse('2025-12-13T10:00:00Z');
const CHANNEL: ChannelRef = { platform: 'slack', id: 'C0NEWS' };
const admin: CommandInvoker = { channel: CHANNEL, userId: 'U0ADMIN', canManageChannel: true };
const member: CommandInvoker = { channel: CHANNEL, userId: 'U0MEMBER', canManageChannel: false };
const feeds: FeedConfig[] = ['reuters', 'lemonde', 'meduza', 'kyiv-independent', 'tass', 'rferl', 'ap', 'new-one'].map((id) => ({
  id,
  name: id === 'lemonde' ? 'Le Monde' : id,
  url: `https://${id}.example/rss`,
  intervalMinutes: 10,
}));

const fixture = storeFixture();
let subscriptions: SubscriptionStore;
let deps: CommandDeps;
let alerts: Alert[];
let posted: LatencySample[];

beforeEach(async () => {
  const stores = await fixture.open();
  subscriptions = stores.subscriptions;
  const feedStates = stores.feedState;
  await feedStates.set('reuters', {
    health: 'ok',
    consecutiveFailures: 0,
    initialized: true,
    lastSuccessAt: NOW - 60_000,
    pollIntervalMs: 6 * 60_000,
    pollReason: 'learned: 40 items in 4 h',
  });
  for (const id of ['lemonde', 'meduza', 'kyiv-independent', 'tass', 'rferl', 'ap']) {
    await feedStates.set(id, {
      health: 'failing',
      consecutiveFailures: 3,
      initialized: true,
      lastError: { kind: id === 'lemonde' ? 'timeout' : 'gone', message: 'x', at: NOW },
    });
  }
  posted = [];
  alerts = [1, 2, 3].map((i) =>
    createAlert({ article: createArticle({ id: `a${i}`, title: `Talks round ${i}`, url: `https://news.example/${i}`, source: 'Example News' }) }),
  );
  deps = {
    subscriptions,
    topics: [createTestTopic({ description: 'Envoys, venues and terms of the Russia–Ukraine peace talks.\nSecond line.' }), createTestTopic({ id: 'gaza-ceasefire', name: 'Gaza ceasefire', description: 'Gaza truce talks' })],
    feeds,
    feedStates,
    recentAlerts: async (_channel, n) => alerts.slice(0, n),
    postedSince: async () => posted,
    lastCycleAt: () => NOW - 5 * 60_000,
    limits: { maxSubscriptionsPerChannel: 3, maxKeywordLength: 20, maxKeywordsPerChannel: 10, maxKeywordsPerWorkspace: 200 },
    now: () => NOW,
  };
});
afterEach(() => fixture.cleanup());

const run = (text: string, invoker: CommandInvoker = admin) => createCommandHandler(deps)(parseCommandText(text), invoker);

describe('read-only commands', () => {
  it.each([
    ['help', /subscribe <topic \| "keyword">[\s\S]*latest \[n\][\s\S]*pause/],
    ['', /Commands:/],
    ['topics', /• `ukraine-peace-talks` \*Russia–Ukraine peace talks\*: Envoys, venues and terms of the Russia–Ukraine peace talks\.\n• `gaza-ceasefire`/],
    ['list', /follows nothing yet/],
    ['latest', /\*Latest 3 alerts\*:\n• \*Talks round 1\* · Example News\n   https:\/\/news\.example\/1/],
    ['latest 1', /\*Latest alert\*:\n• \*Talks round 1\*/],
  ])('%j answers anyone', async (text, expected) => {
    const reply = await run(text, member);
    expect(reply.isError).toBe(false);
    expect(reply.text).toMatch(expected);
  });

  it('status counts feeds, shows at most five failing ones, the last cycle and the channel state', async () => {
    await subscriptions.upsert({ channel: CHANNEL, target: { kind: 'topic', topicId: 'ukraine-peace-talks' }, createdAt: NOW, paused: true, pausedReason: 'channel_not_found' });
    const { text, isError } = await run('status', member);
    expect(isError).toBe(false);
    expect(text).toContain('*Feeds*: 1 ok · 6 failing · 1 new (of 8)');
    expect(text).toContain('• Le Monde: timeout (3 failures, never fetched)');
    expect(text.match(/^• /gmu)).toHaveLength(6);
    expect(text).toContain('• …and 1 more');
    expect(text).toContain('*Polling*: reuters every 6 min (learned: 40 items in 4 h)');
    expect(text).toContain('*Last successful cycle*: 2025-12-13 09:55 UTC (5 min ago)');
    expect(text).toContain('*This channel*: 1 subscription, *paused* (channel_not_found)');
  });

  it('status gives the median and p95 publication-to-post latency of the last day, overall and for the slowest feeds', async () => {
    const at = (feedId: string, delayS: number, agoMin = 10): LatencySample => {
      const postedAt = NOW - agoMin * 60_000;
      return { feedId, publishedAt: postedAt - delayS * 1_000, firstSeenAt: postedAt - 1_000, postedAt };
    };
    posted = [at('reuters', 30), at('reuters', 50), at('lemonde', 600), at('tass', 5)];
    const { text } = await run('status');
    expect(text).toContain('*Latency* (publication → post, last 24 h): median 30 s · p95 10.0 min (4 alerts)');
    expect(text).toContain('slowest feeds (median/p95): Le Monde 10.0 min/10.0 min, reuters 30 s/50 s, tass 5 s/5 s');
  });

  it('status says when nothing was posted in the last day', async () => {
    expect((await run('status')).text).toContain('*Latency* (publication → post, last 24 h): no alerts posted');
  });

  it('status says when no cycle has run yet', async () => {
    deps.lastCycleAt = () => undefined;
    expect((await run('status')).text).toContain('*Last successful cycle*: none yet');
  });
});

describe('permissions', () => {
  it.each(['subscribe ukraine-peace-talks', 'unsubscribe ukraine-peace-talks', 'pause', 'resume'])(
    '%j is refused to someone who may not manage the channel',
    async (text) => {
      const reply = await run(text, member);
      expect(reply).toEqual({ isError: true, text: expect.stringMatching(/^Only people who may manage this channel/) });
      expect(await subscriptions.list()).toEqual([]);
    },
  );

  it.each<[Command['name'], boolean]>([
    ['subscribe', true], ['unsubscribe', true], ['pause', true], ['resume', true],
    ['list', false], ['topics', false], ['latest', false], ['status', false], ['help', false],
  ])('%s requires a manager: %s', (name, expected) => {
    expect(requiresManager({ name })).toBe(expected);
  });
});

describe('subscribe', () => {
  it('follows a topic by id, case-insensitively, remembering who and when', async () => {
    const reply = await run('subscribe Ukraine-Peace-Talks min=0.6');
    expect(reply).toEqual({ isError: false, text: 'This channel now follows topic `ukraine-peace-talks` (Russia–Ukraine peace talks) with min score 0.6.' });
    expect(await subscriptions.list()).toEqual([
      { channel: CHANNEL, target: { kind: 'topic', topicId: 'ukraine-peace-talks' }, minScore: 0.6, createdAt: NOW, createdBy: 'U0ADMIN' },
    ]);
  });

  it.each([
    ['a regex-looking keyword', 'subscribe ".*(a+)+$"', '.*(a+)+$'],
    ['a Slack broadcast', 'subscribe "<!channel>"', '<!channel>'],
    ['a folded, trimmed phrase', 'subscribe “  security \u00a0 guarantees ”', 'security guarantees'],
    ['a phrase with a backtick', 'subscribe "a`b"', 'a`b'],
  ])('stores %s literally and echoes it inside code', async (_name, text, phrase) => {
    const reply = await run(text);
    expect(reply.isError).toBe(false);
    expect(reply.text).toBe(`This channel now follows keyword \`${phrase.replace('`', 'ˋ')}\`.`);
    expect((await subscriptions.list()).map((s) => s.target)).toEqual([{ kind: 'keyword', phrase }]);
  });

  it.each([
    ['an unknown topic close to a known one', 'subscribe ukraine-peace-talk', /^Unknown topic `ukraine-peace-talk`\. Did you mean `ukraine-peace-talks`\? To follow a keyword, put it in quotes: `subscribe "ukraine-peace-talk"`\.$/],
    ['an unknown topic far from all', 'subscribe weather', /^Unknown topic `weather`\. Topics: `ukraine-peace-talks`, `gaza-ceasefire`\./],
    ['a one-letter keyword', 'subscribe "x"', /at least 2 characters/],
    ['a keyword over the limit', `subscribe "${'y'.repeat(21)}"`, /20 characters or fewer \(this one has 21\)/],
    ['a keyword with a control character', 'subscribe "a\u0007b"', /control characters/],
    ['a keyword with a bidi override', 'subscribe "a\u202eb"', /control characters/],
  ])('refuses %s', async (_name, text, message) => {
    const reply = await run(text);
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(message);
    expect(await subscriptions.list()).toEqual([]);
  });

  it('refuses a min score out of range coming from another platform', async () => {
    const handler = createCommandHandler(deps);
    const reply = await handler({ name: 'subscribe', target: 'ukraine-peace-talks', minScore: 7 }, admin);
    expect(reply).toMatchObject({ isError: true, text: expect.stringMatching(/from 0 to 1/) });
  });

  it('says "already" for a second identical subscription, and updates a changed min score', async () => {
    await run('subscribe "Security guarantees"');
    expect(await run('subscribe "security  guarantees"')).toEqual({ isError: false, text: 'This channel already follows keyword `Security guarantees`.' });
    await run('subscribe ukraine-peace-talks');
    expect((await run('subscribe ukraine-peace-talks min=0.7')).text).toBe('Updated topic `ukraine-peace-talks` with min score 0.7.');
    expect(await subscriptions.list()).toHaveLength(2);
  });

  it('refuses past the per-channel limit, naming it', async () => {
    for (const k of ['"one"', '"two"', '"three"']) await run(`subscribe ${k}`);
    const reply = await run('subscribe "four"');
    expect(reply).toEqual({ isError: true, text: expect.stringContaining('already has 3 subscriptions, the limit is 3') });
    expect(await subscriptions.list()).toHaveLength(3);
  });

  it('leaves at most the limit when 60 subscribes to one channel arrive at once', async () => {
    const handler = createCommandHandler({ ...deps, limits: { ...deps.limits, maxSubscriptionsPerChannel: 25, maxKeywordsPerChannel: 100, maxKeywordsPerWorkspace: 1_000 } });
    const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => handler(parseCommandText(`subscribe "kw ${i}"`), admin)));
    expect(await subscriptions.listForChannel(CHANNEL)).toHaveLength(25);
    expect(replies.filter((r) => r.isError)).toHaveLength(35);
    expect(replies.find((r) => r.isError)?.text).toContain('already has 25 subscriptions, the limit is 25');
  });

  it('leaves at most the keyword limit when 30 keyword subscribes to one channel arrive at once', async () => {
    const handler = createCommandHandler({ ...deps, limits: { ...deps.limits, maxSubscriptionsPerChannel: 100, maxKeywordsPerChannel: 10, maxKeywordsPerWorkspace: 1_000 } });
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => handler(parseCommandText(`subscribe "kw ${i}"`), admin)));
    expect(await subscriptions.listForChannel(CHANNEL)).toHaveLength(10);
    expect(replies.filter((r) => r.isError)).toHaveLength(20);
    expect(replies.find((r) => r.isError)?.text).toContain('already follows 10 keywords, the limit is 10');
  });

    it('keeps a paused channel paused when something is added', async () => {
    await run('subscribe "one"');
    await run('pause');
    const reply = await run('subscribe "two"');
    expect(reply.text).toContain('Alerts here are paused');
    expect((await subscriptions.list()).every((s) => s.paused)).toBe(true);
  });
});

describe('unsubscribe', () => {
  it.each([
    ['a topic', 'subscribe ukraine-peace-talks', 'unsubscribe ukraine-peace-talks', 'topic `ukraine-peace-talks`'],
    ['a quoted keyword, any spelling', 'subscribe "Security guarantees"', 'unsubscribe “security   guarantees”', 'keyword `security guarantees`'],
    ['an unquoted keyword', 'subscribe "ceasefire"', 'unsubscribe ceasefire', 'keyword `ceasefire`'],
  ])('removes %s', async (_name, setup, text, shown) => {
    await run(setup);
    expect(await run(text)).toEqual({ isError: false, text: `This channel no longer follows ${shown}.` });
    expect(await subscriptions.list()).toEqual([]);
  });

  it('removes a topic that is no longer configured', async () => {
    await subscriptions.upsert({ channel: CHANNEL, target: { kind: 'topic', topicId: 'old-pack' }, createdAt: NOW });
    expect((await run('unsubscribe old-pack')).text).toBe('This channel no longer follows topic `old-pack`.');
  });

  it('says so when the channel did not follow it, and suggests for a typo', async () => {
    expect(await run('unsubscribe gaza-ceasefire')).toEqual({ isError: false, text: 'This channel does not follow topic `gaza-ceasefire`.' });
    expect(await run('unsubscribe gaza-cesefire')).toMatchObject({ isError: true, text: expect.stringContaining('Did you mean `gaza-ceasefire`?') });
  });
});

describe('list, pause and resume', () => {
  it('lists targets, min scores and pause reasons', async () => {
    await run('subscribe ukraine-peace-talks min=0.6');
    await run('subscribe "<!here> ping"');
    await subscriptions.setPaused(CHANNEL, true, 'not_in_channel');
    const { text } = await run('list', member);
    expect(text).toBe(
      '*This channel follows* (2 of 3):\n' +
        '• topic `ukraine-peace-talks` · min 0.6 · *paused* (not_in_channel)\n' +
        '• keyword `<!here> ping` · *paused* (not_in_channel)\n' +
        'Resume with `/peacewatch resume`.',
    );
  });

  it('pauses with who did it, says "already", and resumes', async () => {
    expect((await run('pause')).text).toBe('Nothing to pause: this channel follows nothing.');
    await run('subscribe ukraine-peace-talks');
    expect((await run('pause')).text).toMatch(/^Paused alerts in this channel/);
    expect(await subscriptions.list()).toMatchObject([{ paused: true, pausedReason: 'paused by user U0ADMIN' }]);
    expect((await run('status')).text).toContain('*This channel*: 1 subscription, *paused* (paused by user U0ADMIN)');
    expect((await run('pause')).text).toMatch(/already paused/);
    expect((await run('resume')).text).toBe('Resumed alerts in this channel (1 subscription).');
    expect((await run('resume')).text).toBe('Alerts here are not paused.');
    expect(await subscriptions.list()).toMatchObject([{ paused: false }]);
  });

  it('keeps channels apart', async () => {
    await run('subscribe ukraine-peace-talks');
    const other: CommandInvoker = { ...admin, channel: { platform: 'slack', id: 'C0OTHER' } };
    expect((await run('list', other)).text).toMatch(/follows nothing yet/);
    expect((await run('pause', other)).text).toMatch(/Nothing to pause/);
  });
});

describe('keyword limits', () => {
  it('refuses a keyword past the per-channel limit, and past the workspace limit across channels', async () => {
    deps.limits = { ...deps.limits, maxSubscriptionsPerChannel: 10, maxKeywordsPerChannel: 2, maxKeywordsPerWorkspace: 3 };
    expect((await run('subscribe "alpha one"')).isError).toBe(false);
    expect((await run('subscribe "beta two"')).isError).toBe(false);
    const third = await run('subscribe "gamma three"');
    expect(third.isError).toBe(true);
    expect(third.text).toMatch(/2 keywords, the limit is 2/u);
    const other: CommandInvoker = { ...admin, channel: { platform: 'slack', id: 'C0OTHER' } };
    expect((await run('subscribe "delta four"', other)).isError).toBe(false);
    const fifth = await run('subscribe "epsilon five"', other);
    expect(fifth.isError).toBe(true);
    expect(fifth.text).toMatch(/workspace already follows 3 keywords/u);
    // A topic is not a keyword, and another platform counts apart.
    expect((await run('subscribe ukraine-peace-talks')).isError).toBe(false);
    expect((await run('subscribe "zeta six"', { ...admin, channel: { platform: 'discord', id: '123456' } })).isError).toBe(false);
  });
});
