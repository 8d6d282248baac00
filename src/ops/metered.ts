// Decorators that report to PipelineMetrics around the pipeline's own dependencies (the poll
// function, the matcher, each chat adapter), so the stages themselves stay unaware of metrics.
import { performance } from 'node:perf_hooks';
import type { ChatAdapter, DeliveryOutcome } from '../platforms/chat-adapter.js';
import type { Matcher } from '../relevance/matcher.js';
import type { PollFn } from '../pipeline/run-cycle.js';
import type { PipelineMetrics } from './metrics.js';

const seconds = (startMs: number) => (performance.now() - startMs) / 1000;

export function meterPoll(poll: PollFn, metrics: PipelineMetrics): PollFn {
  return async (feed, conditional, now) => {
    const start = performance.now();
    const outcome = await poll(feed, conditional, now);
    metrics.feedPolled(outcome.kind === 'failed' ? outcome.error.kind : outcome.kind, seconds(start));
    return outcome;
  };
}

export function meterMatcher(matcher: Matcher, metrics: PipelineMetrics): Matcher {
  return {
    match(input) {
      const start = performance.now();
      const result = matcher.match(input);
      metrics.classified(seconds(start));
      return result;
    },
  };
}

/**
 * The adapter with its three sending methods counted by outcome. Built on the adapter as
 * prototype so everything else (getters, optional methods) stays the adapter's own.
 */
export function meterAdapter(adapter: ChatAdapter, metrics: PipelineMetrics): ChatAdapter {
  const count = async (kind: 'post' | 'reply' | 'edit', request: Promise<DeliveryOutcome>) => {
    const outcome = await request;
    metrics.delivery(adapter.platform, kind, outcome.ok ? 'sent' : outcome.reason);
    return outcome;
  };
  const metered: ChatAdapter = Object.create(adapter) as ChatAdapter;
  metered.postAlert = (channelId, alert, options) => count('post', adapter.postAlert(channelId, alert, options));
  metered.replyToAlert = (ref, alert, options) => count('reply', adapter.replyToAlert(ref, alert, options));
  metered.updateAlert = (ref, alert, options) => count('edit', adapter.updateAlert(ref, alert, options));
  return metered;
}
