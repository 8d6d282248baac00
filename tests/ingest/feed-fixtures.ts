import { readFileSync } from 'node:fs';

/** Raw bytes of a file in tests/fixtures/feeds/. */
export const readFeedFixture = (name: string): Buffer =>
  readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
