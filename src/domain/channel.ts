/** A place alerts go: a Slack channel, a Discord channel, the console. */
export interface ChannelRef {
  /** Adapter name: "console", "slack", "discord", … */
  platform: string;
  /** Platform channel id ("C0123ABC", "112233445566778899", "stdout"). */
  id: string;
}

export const channelKey = (c: ChannelRef): string => `${c.platform}:${c.id}`;

export function parseChannelKey(key: string): ChannelRef {
  const i = key.indexOf(':');
  if (i <= 0 || i === key.length - 1) throw new Error(`channel: expected "platform:id", got ${JSON.stringify(key)}`);
  return { platform: key.slice(0, i), id: key.slice(i + 1) };
}

/** What a channel follows: a topic pack, or a user's literal keyword phrase. */
export type SubscriptionTarget = { kind: 'topic'; topicId: string } | { kind: 'keyword'; phrase: string };

/** Stable identity of a target: two spellings of one keyword ("Zaporizhzhia NPP", "zaporizhzhia  npp") are one. */
export const targetKey = (t: SubscriptionTarget): string =>
  t.kind === 'topic' ? `topic:${t.topicId}` : `keyword:${t.phrase.trim().replace(/\s+/gu, ' ').toLowerCase()}`;

export const describeTarget = (t: SubscriptionTarget): string => (t.kind === 'topic' ? t.topicId : `"${t.phrase}"`);

export interface Subscription {
  channel: ChannelRef;
  target: SubscriptionTarget;
  /** Alerts scoring below this are not sent to this channel. */
  minScore?: number;
  /** Set by `/peacewatch pause`, or by delivery when the channel is gone or forbids the bot. */
  paused?: boolean;
  /** Why it is paused, for `status` ("paused by a user", "channel_not_found"). */
  pausedReason?: string;
  /** Optional role / user group to mention with each alert (platform syntax); never anything else. */
  mention?: string;
  /** Epoch ms. */
  createdAt: number;
  /** Platform user id of who subscribed (absent for config seeds). */
  createdBy?: string;
}
