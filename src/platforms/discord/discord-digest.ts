/** A digest as a Discord message with the chart as its attachment. Pure; every outlet string escaped. */
import type { Digest } from '../../digest/build-digest.js';
import { truncate } from '../../text/truncate.js';
import { isLinkableUrl } from '../../text/url-checks.js';
import type { MessageRef } from '../chat-adapter.js';
import { safeText } from './discord-escape.js';

const DESCRIPTION_MAX = 4_096;

const masked = (label: string, url: string | undefined): string =>
  url && isLinkableUrl(url) ? `[${label}](${url.replace(/\(/gu, '%28').replace(/\)/gu, '%29')})` : label;

/**
 * The digest as one embed whose image is the attached chart. `messageUrl` links a story to its
 * root alert (Discord links need the guild, which only the adapter knows).
 */
export function formatDigestMessage(digest: Digest, filename: string, messageUrl: (ref: MessageRef) => string | undefined) {
  const lines = digest.stories.map((s, i) => {
    const root = (s.rootRef && messageUrl(s.rootRef)) ?? s.rootUrl;
    const reach = `${s.kind ? `${s.kind} · ` : ''}${s.outlets} outlet${s.outlets === 1 ? '' : 's'} · ${s.languages.join(', ') || '?'}`;
    const latest = s.latest.title === s.headline ? '' : `\n  latest: ${masked(safeText(truncate(s.latest.title, 200)), s.latest.url)} (${safeText(s.latest.source)})`;
    return `${i + 1}\\. ${masked(safeText(truncate(s.headline, 200)), root)} — ${reach}${latest}`;
  });
  const more = digest.moreStories > 0 ? `\n…and ${digest.moreStories} more` : '';
  const description = lines.length === 0 ? 'Nothing new in this period.' : `${lines.join('\n')}${more}`;
  return {
    embeds: [
      {
        title: `peacewatch ${digest.cadence} digest: ${digest.stories.length + digest.moreStories} stories, ranked by coverage`,
        description: truncate(description, DESCRIPTION_MAX),
        image: { url: `attachment://${filename}` },
        timestamp: new Date(digest.to).toISOString(),
      },
    ],
    attachments: [{ id: 0, filename }],
    allowed_mentions: { parse: [] as [] },
  };
}
