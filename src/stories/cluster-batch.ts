/**
 * Clusters a batch of articles offline, as the pipeline would one by one: in order of
 * publication, each against the stories made so far. The corpus test uses it to measure
 * thresholds; the pipeline and `eval` go through pipeline/place-in-story.ts.
 */
import { assignStory, type AssignOptions } from './assign-story.js';
import type { StoryFeatures } from './story-features.js';
import type { StoryRecord } from './story-record.js';

export interface BatchClustering {
  /** Article id → story id. */
  storyOf: Map<string, string>;
  stories: StoryRecord[];
}

export function clusterInOrder(features: readonly StoryFeatures[], opts: AssignOptions): BatchClustering {
  const ordered = [...features].sort((a, b) => a.time - b.time || (a.articleId < b.articleId ? -1 : 1));
  const byId = new Map<string, StoryRecord>();
  const storyOf = new Map<string, string>();
  for (const f of ordered) {
    const a = assignStory(f, [...byId.values()], opts);
    byId.set(a.storyId, a.story);
    storyOf.set(f.articleId, a.storyId);
  }
  return { storyOf, stories: [...byId.values()] };
}
