import type { Writable } from 'node:stream';
import type { Alert } from '../../domain/alert.js';
import type { ChatAdapter, DeliveryOutcome, MessageRef } from '../chat-adapter.js';
import { formatAlertForConsole, formatDigestForConsole } from './console-format.js';

/** Alerts on a terminal (or any stream): the default when no chat platform is configured. */
export function createConsoleAdapter(opts: { out: Writable; color: boolean; timeZone?: string }): ChatAdapter {
  let sequence = 0;
  // An edit cannot change what a terminal shows: it is a line of its own, and the alert keeps its ref.
  const write = (text: string, edited?: MessageRef): Promise<DeliveryOutcome> =>
    new Promise((resolve) => {
      opts.out.write(`${text}\n\n`, (err) =>
        resolve(err ? { ok: false, reason: 'transient', message: `console: ${err.message}` } : { ok: true, ref: edited ?? ref() }),
      );
    });
  const ref = (): MessageRef => ({ platform: 'console', channelId: 'stdout', messageId: String(++sequence) });
  const format = (alert: Alert) => formatAlertForConsole(alert, { color: opts.color, timeZone: opts.timeZone });

  return {
    platform: 'console',
    // A terminal has no rate limit worth the name; this only keeps a burst readable.
    rateLimit: { messages: 100, perMs: 1_000 },
    start: async () => {},
    stop: async () => {},
    postAlert: (_channelId, alert) => write(format(alert)),
    updateAlert: (target, alert) => write(`  ↻ update to #${target.messageId}: ${alert.article.title}`, target),
    replyToAlert: (target, alert) => write(`  ↳ re #${target.messageId}: ${format(alert)}`),
    // A terminal shows no image: the digest's text, and the chart's size to say it was drawn.
    postDigest: (_channelId, { digest, chart }) => write(`${formatDigestForConsole(digest, opts.timeZone)}\n  chart: ${chart.filename}, ${chart.png.length} bytes`),
  };
}
