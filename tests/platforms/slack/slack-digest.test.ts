// The digest through the real WebClient's files.uploadV2 against the loopback fake Slack API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/platforms/slack/slack-adapter.js';
import { formatDigestText } from '../../../src/platforms/slack/slack-digest.js';
import { fixtureDigestPost } from '../../digest/digest-post.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { captureLog } from './log-capture.js';

const TOKEN = 'xoxb-secret-bot-token';
let fake: FakeSlackApi;
let adapter: SlackAdapter;

beforeEach(async () => {
  fake = await startFakeSlackApi({ token: TOKEN });
  adapter = createSlackAdapter({ botToken: TOKEN, apiUrl: fake.url, port: 0, managers: [], onCommand: async () => ({ text: '', isError: false }), log: captureLog().log });
});
afterEach(async () => {
  await adapter.stop();
  await fake.close();
});

describe('Slack digest', () => {
  it('uploads the chart with files.uploadV2 and posts the ranked stories as its comment', async () => {
    const post = await fixtureDigestPost();
    const outcome = await adapter.postDigest!('C0NEWS', post);
    expect(outcome).toMatchObject({ ok: true, ref: { platform: 'slack', channelId: 'C0NEWS' } });
    expect(fake.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    const [file] = [...fake.files.values()];
    expect(file).toMatchObject({ filename: 'peacewatch-digest.png', channel: 'C0NEWS', title: 'peacewatch weekly digest', length: post.chart.png.length });
    expect(file?.data?.equals(Buffer.from(post.chart.png))).toBe(true);
    expect(file?.initialComment).toBe(formatDigestText(post.digest));
    expect(file?.initialComment).toMatch(/^\*peacewatch weekly digest\*: 3 stories, ranked by coverage\n1\. <https:\/\/slack\.com\/archives\/C0NEWS\/p1765000000000001\|Witkoff and Dmitriev meet in Miami> — 6 outlets · de, en, fr, ru, uk\n {4}latest: <https:\/\/news\.example\/a\d+\|Miami talks: draft framework agreed> \(The Guardian\)/u);
  });

  it('classifies a refused upload like any other Slack failure', async () => {
    fake.failNext('files.getUploadURLExternal', { error: 'not_in_channel' });
    const outcome = await adapter.postDigest!('C0NEWS', await fixtureDigestPost());
    expect(outcome).toMatchObject({ ok: false });
    expect(fake.files.size).toBe(0);
  });
});

describe('formatDigestText', () => {
  it("shows a story's kind of event before its reach", async () => {
    const post = await fixtureDigestPost();
    const digest = { ...post.digest, stories: [{ ...post.digest.stories[0]!, kind: 'outcome' as const }] };
    expect(formatDigestText(digest)).toContain('> — outcome · 6 outlets · de, en, fr, ru, uk');
  });

  it('escapes outlet text so a headline cannot ping or forge a link', async () => {
    const post = await fixtureDigestPost();
    const story = post.digest.stories[0]!;
    const hostile = { ...post.digest, stories: [{ ...story, headline: '<!channel> <http://evil.example|click>', latest: { ...story.latest, source: '@here' } }] };
    const text = formatDigestText(hostile);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<http://evil.example');
    expect(text).toContain('@\u200bhere');
  });
});
