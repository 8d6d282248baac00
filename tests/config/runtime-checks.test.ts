// What `check` must catch before `start` fails on it: each with file, key path, expectation and line.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { findRuntimeProblems } from '../../src/config/runtime-checks.js';
import { makeConfigDir, VALID_FEEDS, type ConfigDir } from './config-dir.js';

const dirs: ConfigDir[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => d.cleanup()));
});
const dir = async (yaml: string, files?: Record<string, string>) => {
  const d = await makeConfigDir(yaml, { files });
  dirs.push(d);
  return d;
};
const loadProblems = async (d: ConfigDir): Promise<readonly string[]> => {
  const err = await loadConfig('config.yaml', { cwd: d.root }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  return (err as ConfigError).problems;
};
const sub = (channel: string, extra = '') => `subscriptions:\n  - channel: "${channel}"\n    topic: ukraine-peace-talks\n${extra}`;

describe('the config loader (check, once and start alike)', () => {
  it.each([
    [
      'a Discord URL under chat.slack.webhooks',
      'chat:\n  slack:\n    webhooks:\n      desk: https://discord.com/api/webhooks/1/abc\n',
      'config.yaml: chat.slack.webhooks.desk: expected a Slack webhook URL like https://hooks.slack.com/services/T…/B…/… (line 11)',
    ],
    [
      'a Slack URL under chat.discord.webhooks',
      'chat:\n  discord:\n    webhooks:\n      desk: https://hooks.slack.com/services/T1/B2/xyz\n',
      'config.yaml: chat.discord.webhooks.desk: expected a Discord webhook URL like https://discord.com/api/webhooks/{id}/{token} (line 11)',
    ],
  ])('rejects %s with the key path and line', async (_what, chat, problem) => {
    const problems = await loadProblems(await dir(VALID_FEEDS + chat));
    expect(problems).toEqual([problem]);
    // The URL holds the webhook's secret token: never echoed.
    expect(problems.join('')).not.toMatch(/abc|xyz/u);
  });

  it('accepts the real shapes of both platforms', async () => {
    const chat =
      'chat:\n  slack:\n    webhooks:\n      desk: https://hooks.slack.com/services/T0AAA/B0BBB/xYz123\n  discord:\n    webhooks:\n      desk: https://discord.com/api/webhooks/1122/abc-DEF_1\n';
    const config = await loadConfig('config.yaml', { cwd: (await dir(VALID_FEEDS + chat)).root });
    expect(Object.keys(config.chat.discord.webhooks)).toEqual(['desk']);
  });

  it('rejects minScore above 1', async () => {
    const problems = await loadProblems(await dir(VALID_FEEDS + sub('console:stdout', '    minScore: 1.5\n')));
    expect(problems).toEqual(['config.yaml: subscriptions[0].minScore: expected a number ≤ 1, got 1.5 (line 11)']);
  });

  it('rejects a subscription to a webhook name that is not configured', async () => {
    const chat = 'chat:\n  slack:\n    webhooks:\n      desk: https://hooks.slack.com/services/T0AAA/B0BBB/xYz123\n';
    const problems = await loadProblems(await dir(VALID_FEEDS + sub('slack-webhook:newsroom') + chat));
    expect(problems).toEqual([
      'config.yaml: subscriptions[0].channel: expected a webhook named under chat.slack.webhooks (desk), got "newsroom" (line 9)',
    ]);
  });

  it('names the topics.files entry (and its line) when a listed pack is missing', async () => {
    const d = await dir(`${VALID_FEEDS}topics:\n  files:\n    - topics/ukraine-peace-talks.yaml\n    - topics/gone.yaml\n`);
    const problems = await loadProblems(d);
    expect(problems).toEqual([`config.yaml: topics.files[1]: expected a topic pack file, ${join(d.root, 'topics/gone.yaml')} does not exist (line 11)`]);
  });
});

describe('findRuntimeProblems (check only: environment and file system)', () => {
  it('names each subscription to a platform whose token is not in the environment', async () => {
    const d = await dir(VALID_FEEDS + 'subscriptions:\n  - channel: slack:C0123\n    topic: ukraine-peace-talks\n  - channel: discord:1122\n    topic: ukraine-peace-talks\n');
    const config = await loadConfig('config.yaml', { cwd: d.root });
    expect(await findRuntimeProblems(config, {}, d.root)).toEqual([
      'config.yaml: subscriptions[0].channel: expected SLACK_BOT_TOKEN in the environment for a slack channel, it is not set (line 9)',
      'config.yaml: subscriptions[1].channel: expected DISCORD_TOKEN in the environment for a discord channel, it is not set (line 11)',
    ]);
    expect(await findRuntimeProblems(config, { slackBotToken: 'xoxb-1', discordToken: 'd.t' }, d.root)).toEqual([]);
  });

  it('says when the SQLite store cannot be created, naming store.url and its line', async () => {
    const d = await dir(`${VALID_FEEDS}store:\n  url: sqlite://blocker/state/pw.sqlite\n`);
    await writeFile(join(d.root, 'blocker'), 'a file where a folder should be');
    const config = await loadConfig('config.yaml', { cwd: d.root });
    expect(await findRuntimeProblems(config, {}, d.root)).toEqual([
      `config.yaml: store.url: expected a SQLite file that can be created and written, ${join(d.root, 'blocker/state/pw.sqlite')} cannot be created (${join(d.root, 'blocker')} is not a folder) (line 9)`,
    ]);
  });

  it('accepts a store whose folders do not exist yet (created on first run), creating nothing', async () => {
    const d = await dir(`${VALID_FEEDS}store:\n  url: sqlite://new/deeper/pw.sqlite\n`);
    const config = await loadConfig('config.yaml', { cwd: d.root });
    expect(await findRuntimeProblems(config, {}, d.root)).toEqual([]);
  });

  it('names PEACEWATCH_STORE_URL when the store URL came from the environment', async () => {
    const d = await dir(VALID_FEEDS, { blocker: 'x' });
    const config = await loadConfig('config.yaml', { cwd: d.root, env: { storeUrl: 'sqlite://blocker/pw.sqlite' } });
    const problems = await findRuntimeProblems(config, {}, d.root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PEACEWATCH_STORE_URL: expected a SQLite file that can be created and written/u);
  });
});
