export interface RssItemSpec {
  guid?: string;
  title: string;
  description?: string;
  link?: string;
  pubDate?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A plain RSS 2.0 document, as most publishers serve it. */
export function buildRss(channelTitle: string, items: RssItemSpec[], extra = ''): string {
  const body = items
    .map(
      (i) => `    <item>
      <title>${esc(i.title)}</title>
${i.link ? `      <link>${esc(i.link)}</link>\n` : ''}${i.guid ? `      <guid isPermaLink="false">${esc(i.guid)}</guid>\n` : ''}${
        i.description ? `      <description>${esc(i.description)}</description>\n` : ''
      }${i.pubDate ? `      <pubDate>${i.pubDate}</pubDate>\n` : ''}    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${esc(channelTitle)}</title>
    <link>https://news.example/</link>
    <description>test feed</description>${extra}
${body}
  </channel>
</rss>
`;
}
