import type { Alert } from '../domain/alert.js';
import { targetKey, type ChannelRef, type Subscription, type SubscriptionTarget } from '../domain/channel.js';
import type { FeedConfig } from '../domain/feed.js';
import type { Topic } from '../domain/topic.js';
import { LATENCY_WINDOW_MS, summarizeLatency, type LatencySample } from '../domain/latency.js';
import type { ChatSettings } from '../config/config-types.js';
import type { FeedStateStore } from '../store/feed-state-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { closestNames } from './closest-names.js';
import { readTarget } from './command-target.js';
import { UserError, type Command, type CommandHandler, type CommandInvoker, type CommandName, type CommandReply } from './command-types.js';
import { normalizeKeyword } from './keyword-phrase.js';
import { parseMinScore } from './parse-command.js';
import { code, COMMAND, helpText, latestText, listText, plain, showTarget, statusText, topicsText } from './command-replies.js';
import { truncate } from '../text/truncate.js';

export interface CommandDeps {
  subscriptions: SubscriptionStore;
  topics: Topic[];
  feeds: FeedConfig[];
  feedStates: FeedStateStore;
  recentAlerts(channel: ChannelRef, n: number): Promise<Alert[]>;
  /** Posted deliveries since a time, for the latency line of `status`. */
  postedSince(since: number): Promise<LatencySample[]>;
  /** Epoch ms of the last cycle that completed, if any. */
  lastCycleAt(): number | undefined;
  limits: ChatSettings['limits'];
  now(): number;
}

const MANAGING: ReadonlySet<CommandName> = new Set(['subscribe', 'unsubscribe', 'pause', 'resume']);

/** Commands that change what a channel receives; the adapter only needs to check permissions for these. */
export const requiresManager = (command: Pick<Command, 'name'>): boolean => MANAGING.has(command.name);

export const DEFAULT_LATEST = 5;

const ok = (text: string): CommandReply => ({ text, isError: false });
const refuse = (text: string): CommandReply => ({ text, isError: true });

/** The platform-neutral command core: Slack and Discord both call the handler this returns. */
export function createCommandHandler(deps: CommandDeps): CommandHandler {
  return async (command, invoker) => {
    if (requiresManager(command) && !invoker.canManageChannel) {
      return refuse(
        `Only people who may manage this channel can ${command.name} here ` +
          '(Slack: workspace admins, owners and the configured managers; Discord: Manage Channels).',
      );
    }
    try {
      return await run(deps, command, invoker);
    } catch (err) {
      if (err instanceof UserError) return refuse(err.message);
      throw err;
    }
  };
}

async function run(deps: CommandDeps, command: Command, invoker: CommandInvoker): Promise<CommandReply> {
  const { channel } = invoker;
  switch (command.name) {
    case 'help':
      return ok(helpText());
    case 'topics':
      return ok(topicsText(deps.topics));
    case 'list':
      return ok(listText(await deps.subscriptions.listForChannel(channel), deps.limits.maxSubscriptionsPerChannel));
    case 'latest':
      return ok(latestText(await deps.recentAlerts(channel, command.count ?? DEFAULT_LATEST)));
    case 'status': {
      const now = deps.now();
      return ok(
        statusText({
          feeds: deps.feeds,
          states: await deps.feedStates.getAll(deps.feeds.map((f) => f.id)),
          lastCycleAt: deps.lastCycleAt(),
          channelSubs: await deps.subscriptions.listForChannel(channel),
          latency: summarizeLatency(await deps.postedSince(now - LATENCY_WINDOW_MS), now),
          now,
        }),
      );
    }
    case 'subscribe':
      return subscribe(deps, command, invoker);
    case 'unsubscribe':
      return unsubscribe(deps, command.target, channel);
    case 'pause': {
      const subs = await deps.subscriptions.listForChannel(channel);
      if (subs.length === 0) return ok('Nothing to pause: this channel follows nothing.');
      const n = await deps.subscriptions.setPaused(channel, true, `paused by user ${invoker.userId}`);
      if (n === 0) return ok(`Alerts here are already paused. Restart them with \`${COMMAND} resume\`.`);
      return ok(`Paused alerts in this channel. Restart them with \`${COMMAND} resume\`.`);
    }
    case 'resume': {
      const n = await deps.subscriptions.setPaused(channel, false);
      return ok(n === 0 ? 'Alerts here are not paused.' : `Resumed alerts in this channel (${n} subscription${n === 1 ? '' : 's'}).`);
    }
  }
}

async function subscribe(
  deps: CommandDeps,
  command: Extract<Command, { name: 'subscribe' }>,
  invoker: CommandInvoker,
): Promise<CommandReply> {
  const minScore = command.minScore === undefined ? undefined : parseMinScore(String(command.minScore));
  const target = resolveTarget(deps, command.target, 'subscribe');
  const existing = await deps.subscriptions.listForChannel(invoker.channel);
  const key = targetKey(target);
  const same = existing.find((s) => targetKey(s.target) === key);
  if (same && (minScore === undefined || same.minScore === minScore)) {
    return ok(`This channel already follows ${showTarget(same)}.`);
  }
  // A paused channel stays paused: a new subscription must not sneak alerts past a pause.
  const pausedBy = existing.find((s) => s.paused);
  const sub: Subscription = {
    ...(same ?? {}),
    channel: invoker.channel,
    target,
    ...(minScore === undefined ? {} : { minScore }),
    ...(pausedBy ? { paused: true, ...(pausedBy.pausedReason ? { pausedReason: pausedBy.pausedReason } : {}) } : {}),
    createdAt: same?.createdAt ?? deps.now(),
    createdBy: same?.createdBy ?? invoker.userId,
  };
  // The limits are checked in the store, in the transaction of the insert: concurrent subscribes cannot pass them.
  const { maxSubscriptionsPerChannel, maxKeywordsPerChannel, maxKeywordsPerWorkspace } = deps.limits;
  const result = await deps.subscriptions.subscribe(sub, {
    perChannel: maxSubscriptionsPerChannel,
    keywordsPerChannel: maxKeywordsPerChannel,
    keywordsPerPlatform: maxKeywordsPerWorkspace,
  });
  if (result.kind === 'limit') {
    return refuse(
      `This channel already has ${result.count} subscriptions, the limit is ${maxSubscriptionsPerChannel}. ` +
        `Remove one with \`${COMMAND} unsubscribe\` first.`,
    );
  }
  if (result.kind === 'keyword-limit') return refuse(keywordLimitText(result.scope, result.count, deps.limits));
  const what = target.kind === 'topic' ? `${showTarget(sub)} (${plain(topicName(deps, target.topicId), 80)})` : showTarget(sub);
  const min = minScore === undefined ? '' : ` with min score ${minScore}`;
  const note = pausedBy ? `\nAlerts here are paused; restart them with \`${COMMAND} resume\`.` : '';
  return ok(result.kind === 'replaced' ? `Updated ${showTarget(sub)}${min}.${note}` : `This channel now follows ${what}${min}.${note}`);
}

/** Every keyword is matched against every article: their number is bounded per channel and per workspace. */
function keywordLimitText(scope: 'channel' | 'platform', count: number, limits: CommandDeps['limits']): string {
  return scope === 'channel'
    ? `This channel already follows ${count} keywords, the limit is ${limits.maxKeywordsPerChannel}. Remove one with \`${COMMAND} unsubscribe\` first.`
    : `This workspace already follows ${count} keywords in all, the limit is ${limits.maxKeywordsPerWorkspace}. Ask an admin to remove some.`;
}

async function unsubscribe(deps: CommandDeps, raw: string, channel: ChannelRef): Promise<CommandReply> {
  const existing = await deps.subscriptions.listForChannel(channel);
  const text = readTarget(raw);
  // A topic removed from config, or an unquoted keyword, can still be unsubscribed by name.
  const byName =
    text.kind === 'name'
      ? existing.find((s) => (s.target.kind === 'topic' ? s.target.topicId : s.target.phrase).toLowerCase() === text.name.toLowerCase())
      : undefined;
  const target = byName?.target ?? resolveTarget(deps, raw, 'unsubscribe', existing);
  const removed = await deps.subscriptions.remove(channel, target);
  const shown = showTarget({ target });
  return removed ? ok(`This channel no longer follows ${shown}.`) : ok(`This channel does not follow ${shown}.`);
}

function resolveTarget(deps: CommandDeps, raw: string, verb: string, existing: Subscription[] = []): SubscriptionTarget {
  const text = readTarget(raw);
  if (text.kind === 'keyword') return { kind: 'keyword', phrase: normalizeKeyword(text.phrase, deps.limits.maxKeywordLength) };
  const topic = deps.topics.find((t) => t.id.toLowerCase() === text.name.toLowerCase());
  if (topic) return { kind: 'topic', topicId: topic.id };
  if (text.name === '') throw new UserError(`Say what to ${verb}: a topic id or a keyword in quotes.`);
  const known = [...deps.topics.map((t) => t.id), ...existing.flatMap((s) => (s.target.kind === 'topic' ? [s.target.topicId] : []))];
  const near = closestNames(text.name, known);
  const hint = near.length > 0 ? ` Did you mean ${near.map(code).join(' or ')}?` : ` Topics: ${known.slice(0, 10).map(code).join(', ') || 'none'}.`;
  throw new UserError(
    `Unknown topic ${code(truncate(text.name, 60))}.${hint} To follow a keyword, put it in quotes: ${code(`${verb} "${truncate(text.name, 60)}"`)}.`,
  );
}

const topicName = (deps: CommandDeps, id: string): string => deps.topics.find((t) => t.id === id)?.name ?? id;
