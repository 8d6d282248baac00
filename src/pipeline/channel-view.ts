/**
 * What one channel may see of an alert. An alert is built once per article, with the
 * evidence of every subscription it satisfied; each channel's copy keeps only what its own
 * subscriptions asked for: its topics (with their pack terms) and its own keywords. A
 * keyword one channel follows is private to that channel, and never shows in another's
 * "topics" or "why".
 */
import type { Alert } from '../domain/alert.js';
import { channelKey, targetKey, type ChannelRef, type Subscription } from '../domain/channel.js';
import type { MatchedTerm, TopicMatch } from '../domain/match.js';

/** One copy of an alert and the channels that receive exactly that copy. */
export interface Delivery {
  alert: Alert;
  channels: ChannelRef[];
}

const keywordKey = (phrase: string): string => targetKey({ kind: 'keyword', phrase });

/** Pure: the alert as a channel with these (active, score-passing) subscriptions may see it. */
export function alertForChannel(alert: Alert, topicMatches: readonly TopicMatch[], subs: readonly Subscription[]): Alert {
  const topicIds = new Set(subs.flatMap((s) => (s.target.kind === 'topic' ? [s.target.topicId] : [])));
  const keywords = new Set(subs.flatMap((s) => (s.target.kind === 'keyword' ? [targetKey(s.target)] : [])));
  const topics = alert.topics.filter((t) => topicIds.has(t));
  const terms: MatchedTerm[] = [];
  for (const m of topicMatches) if (topics.includes(m.topicId)) terms.push(...m.terms);
  return {
    ...alert,
    topics,
    keywords: alert.keywords.filter((k) => keywords.has(keywordKey(k))),
    terms: terms.filter((t) => t.group !== 'keyword' || keywords.has(keywordKey(t.term))),
  };
}

/** Pure: one Delivery per distinct channel view; channels that see the same copy share it. */
export function deliveriesFor(alert: Alert, topicMatches: readonly TopicMatch[], subscriptions: readonly Subscription[]): Delivery[] {
  const alertKeywords = new Set(alert.keywords.map(keywordKey));
  const byChannel = new Map<string, { channel: ChannelRef; subs: Subscription[] }>();
  for (const sub of subscriptions) {
    const wanted = sub.target.kind === 'topic' ? alert.topics.includes(sub.target.topicId) : alertKeywords.has(targetKey(sub.target));
    if (sub.paused || !wanted || alert.score < (sub.minScore ?? 0)) continue;
    const key = channelKey(sub.channel);
    const slot = byChannel.get(key) ?? { channel: sub.channel, subs: [] };
    slot.subs.push(sub);
    byChannel.set(key, slot);
  }
  const views = new Map<string, Delivery>();
  for (const { channel, subs } of byChannel.values()) {
    const view = alertForChannel(alert, topicMatches, subs);
    const key = JSON.stringify([view.topics, view.keywords]);
    const delivery = views.get(key);
    if (delivery) delivery.channels.push(channel);
    else views.set(key, { alert: view, channels: [channel] });
  }
  return [...views.values()];
}
