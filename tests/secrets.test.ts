// Drives the error paths with known secret values and searches everything written for them.
import { Writable } from 'node:stream';
import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { applyEnvOverrides } from '../src/config/env.js';
import { createLogger } from '../src/logger.js';
import { createBoltLogger } from '../src/platforms/slack/slack-log.js';
import { openStores } from '../src/store/stores.js';
import { errorMessage } from '../src/errors.js';
import { createTestConfig } from './builders/config.js';

const SECRETS = {
  slackBotToken: 'xoxb-SECRET-BOT-1111',
  slackSigningSecret: 'SECRET-SIGNING-2222',
  discordToken: 'SECRET.DISCORD.3333',
};
const PASSWORD = 'SECRET-PASSWORD-4444';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246SECRET5555';
const REPLY_BODY = 'SECRET-REPLY-BODY-6666';
const KNOWN = [...Object.values(SECRETS), PASSWORD, INTERACTION_TOKEN, REPLY_BODY];

function capture() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: 'trace', pretty: false, secrets: SECRETS, destination }), text: () => chunks.join('') };
}

const expectNoSecret = (text: string) => {
  for (const secret of KNOWN) expect(text).not.toContain(secret);
};

describe('secrets on error paths', () => {
  it('a failed Discord interaction reply is logged without its callback token or the reply body', () => {
    const out = capture();
    const err = new DiscordAPIError(
      { code: 10062, message: 'Unknown interaction' },
      10062,
      404,
      'POST',
      `https://discord.com/api/v10/interactions/1234567890/${INTERACTION_TOKEN}/callback`,
      { body: { type: 4, data: { content: REPLY_BODY } } },
    );
    out.log.error({ err, interactionId: '1234567890' }, 'discord: could not answer an interaction');
    expect(out.text()).toContain('Unknown interaction');
    expectNoSecret(out.text());
  });

  it.each([
    ['a wrong-case scheme', `POSTGRES://peacewatch:${PASSWORD}@db/peacewatch`],
    ['a typo in the scheme', `postgress://peacewatch:${PASSWORD}@db/peacewatch`],
    ['a scheme no longer supported', `REDIS://peacewatch:${PASSWORD}@redis:6379`],
  ])('PEACEWATCH_STORE_URL with %s is accepted or refused without its password', (_what, storeUrl) => {
    let text: string | undefined;
    try {
      applyEnvOverrides(createTestConfig([]), { storeUrl });
    } catch (err) {
      text = errorMessage(err);
    }
    // Schemes are case-insensitive: POSTGRES:// is a PostgreSQL URL, not an error to echo.
    if (storeUrl.startsWith('POSTGRES://')) expect(text).toBeUndefined();
    else {
      expect(text).toMatch(/PEACEWATCH_STORE_URL: .*\[redacted\]@/u);
      expect(text).not.toContain(PASSWORD);
    }
  });

  it('an unreachable PostgreSQL is reported without the password, in the error and in the log', async () => {
    const out = capture();
    const err = await openStores(`postgres://peacewatch:${PASSWORD}@127.0.0.1:1/peacewatch`, { dedupTtlMs: 86_400_000 }).catch((e: unknown) => e);
    out.log.error({ err }, errorMessage(err));
    expect(errorMessage(err)).toMatch(/cannot connect/u);
    expectNoSecret(errorMessage(err) + out.text());
  });

  it('secrets inside any field or message are redacted, webhook URLs included', () => {
    const out = capture();
    out.log.warn({ url: `https://discord.com/api/webhooks/42/${INTERACTION_TOKEN}`, nested: { deep: [`token ${SECRETS.discordToken}`] } }, `slack said ${SECRETS.slackBotToken}`);
    out.log.info(`feed https://user:${PASSWORD}@feeds.example/rss failed`);
    expectNoSecret(out.text());
  });

  it("Bolt's log lines are redacted too", () => {
    const out = capture();
    const bolt = createBoltLogger(out.log, Object.values(SECRETS));
    bolt.error(`An API error occurred: token ${SECRETS.slackBotToken} at https://hooks.slack.com/services/T1/B2/${PASSWORD}`);
    expectNoSecret(out.text());
  });
});
