import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { destination, text: () => lines.join('') };
}

describe('createLogger', () => {
  it('never writes a secret, in the message or in a token field', () => {
    const out = capture();
    const log = createLogger({
      level: 'info',
      pretty: false,
      secrets: { slackBotToken: 'xoxb-123456789-secret' },
      destination: out.destination,
    });
    log.warn({ token: 'xoxb-123456789-secret' }, 'auth failed for https://slack.example/api?token=xoxb-123456789-secret');
    expect(out.text()).not.toContain('xoxb-123456789-secret');
    expect(out.text()).toContain('[redacted]');
    expect(out.text()).toContain('auth failed');
  });
});
