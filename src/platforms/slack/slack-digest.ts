/** A digest as Slack mrkdwn, the comment of the uploaded chart. Pure; every outlet string escaped. */
import type { Digest } from '../../digest/build-digest.js';
import { truncate } from '../../text/truncate.js';
import type { MessageRef } from '../chat-adapter.js';
import { escapeMrkdwn, link } from './slack-escape.js';

// files.completeUploadExternal's initial_comment is a message text: Slack cuts long ones.
const COMMENT_MAX = 3_900;

/** A message's permalink that needs no workspace domain: slack.com redirects it to the workspace. */
export const slackMessageUrl = (ref: MessageRef): string =>
  `https://slack.com/archives/${encodeURIComponent(ref.channelId)}/p${ref.messageId.replace('.', '')}`;

export function formatDigestText(digest: Digest): string {
  const head = `*peacewatch ${digest.cadence} digest*: ${digest.stories.length + digest.moreStories} stories`;
  if (digest.stories.length === 0) return `${head}. Nothing new in this period.`;
  const lines = digest.stories.map((s, i) => {
    const root = s.rootRef ? slackMessageUrl(s.rootRef) : s.rootUrl;
    const reach = `${s.kind ? `${s.kind} · ` : ''}${s.outlets} outlet${s.outlets === 1 ? '' : 's'} · ${s.languages.join(', ') || '?'}`;
    const latest = s.latest.title === s.headline ? '' : `\n    latest: ${link(s.latest.url, truncate(s.latest.title, 200))} (${escapeMrkdwn(s.latest.source)})`;
    return `${i + 1}. ${link(root, truncate(s.headline, 200))} — ${reach}${latest}`;
  });
  const more = digest.moreStories > 0 ? `\n…and ${digest.moreStories} more` : '';
  return truncate(`${head}, ranked by coverage\n${lines.join('\n')}${more}`, COMMENT_MAX);
}
