// The loopback feed every end-to-end test polls: a relevant item, a decoy, and a second
// relevant item whose headline each test picks (plain, or hostile to chat markup).
import { buildRss } from '../builders/rss.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';

export const WIRE_PATH = '/wire.xml';
export const RELEVANT_TITLE = 'Witkoff and Dmitriev meet in Miami to discuss a ceasefire in Ukraine';
export const RELEVANT_URL = 'https://wire.example/talks-1';
export const DECOY_TITLE = 'Markets close higher as tech stocks rally';

export function startWireFeed(secondTitle: string): Promise<FeedServer> {
  const now = new Date().toUTCString();
  return startFeedServer({
    [WIRE_PATH]: {
      headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
      body: buildRss('Loopback Wire', [
        { guid: 'talks-1', title: RELEVANT_TITLE, description: 'The US and Russian envoys met for talks on ending the war.', link: RELEVANT_URL, pubDate: now },
        { guid: 'decoy-1', title: DECOY_TITLE, description: 'Stocks rallied on strong earnings.', link: 'https://wire.example/markets', pubDate: now },
        { guid: 'talks-2', title: secondTitle, description: 'Rustem Umerov met Jared Kushner in Berlin.', link: 'https://wire.example/berlin', pubDate: now },
      ]),
    },
  });
}
