import { emptyFeedState, type FeedState } from '../domain/feed.js';
import { chunks, type Db } from './db.js';

/** Per-feed memory: conditional-GET validators, health, backoff, next poll time. */
export interface FeedStateStore {
  get(feedId: string): Promise<FeedState>;
  getAll(feedIds: string[]): Promise<Map<string, FeedState>>;
  set(feedId: string, state: FeedState): Promise<void>;
}

export async function writeFeedState(db: Db, feedId: string, state: FeedState): Promise<void> {
  const row = { feed_id: feedId, next_poll_at: state.nextPollAt ?? null, state: JSON.stringify(state) };
  await db
    .insertInto('feed_state')
    .values(row)
    .onConflict((oc) => oc.column('feed_id').doUpdateSet({ next_poll_at: row.next_poll_at, state: row.state }))
    .execute();
}

export function createFeedStateStore(db: Db): FeedStateStore {
  const getAll = async (feedIds: string[]) => {
    const found = new Map<string, FeedState>();
    for (const part of chunks(feedIds)) {
      const rows = await db.selectFrom('feed_state').select(['feed_id', 'state']).where('feed_id', 'in', part).execute();
      for (const r of rows) found.set(r.feed_id, JSON.parse(r.state) as FeedState);
    }
    return new Map(feedIds.map((id) => [id, found.get(id) ?? emptyFeedState()]));
  };
  return {
    async get(feedId) {
      return (await getAll([feedId])).get(feedId)!;
    },
    getAll,
    set: (feedId, state) => writeFeedState(db, feedId, state),
  };
}
