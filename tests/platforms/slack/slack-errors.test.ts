import { describe, expect, it } from 'vitest';
import { classifySlackError } from '../../../src/platforms/slack/slack-errors.js';

const platform = (error: string) => ({ code: 'slack_webapi_platform_error', data: { ok: false, error } });

describe('classifySlackError', () => {
  it.each([
    ['a 429 from the client', { code: 'slack_webapi_rate_limited_error', retryAfter: 30 }, 'rate-limited', 30_000],
    ['ratelimited in the body', platform('ratelimited'), 'rate-limited', 1_000],
    ['an HTTP 429 without Retry-After', { code: 'slack_webapi_http_error', statusCode: 429, headers: {} }, 'rate-limited', 1_000],
    ['channel_not_found', platform('channel_not_found'), 'gone', undefined],
    ['is_archived', platform('is_archived'), 'gone', undefined],
    ['not_in_channel', platform('not_in_channel'), 'forbidden', undefined],
    ['missing_scope', platform('missing_scope'), 'forbidden', undefined],
    ['restricted_action', platform('restricted_action'), 'forbidden', undefined],
    ['invalid_auth', platform('invalid_auth'), 'forbidden', undefined],
    ['invalid_blocks', platform('invalid_blocks'), 'bad-payload', undefined],
    ['msg_too_long', platform('msg_too_long'), 'bad-payload', undefined],
    ['message_not_found', platform('message_not_found'), 'message-gone', undefined],
    ['internal_error', platform('internal_error'), 'transient', undefined],
    ['an unknown error word', platform('something_new'), 'transient', undefined],
    ['an HTTP 503', { code: 'slack_webapi_http_error', statusCode: 503 }, 'transient', undefined],
    ['a refused connection', { code: 'slack_webapi_request_error', message: 'A request error occurred: connect ECONNREFUSED' }, 'transient', undefined],
    ['a plain Error', new Error('boom'), 'transient', undefined],
  ])('sorts %s', (_name, err, reason, retryAfterMs) => {
    const outcome = classifySlackError('chat.postMessage', err);
    expect(outcome).toMatchObject({ ok: false, reason, message: expect.stringMatching(/^slack chat\.postMessage: /u) });
    expect(outcome.retryAfterMs).toBe(retryAfterMs);
  });
});
