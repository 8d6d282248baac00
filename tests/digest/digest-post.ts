import { buildDigest, PERIOD_MS } from '../../src/digest/build-digest.js';
import { renderDigestChart } from '../../src/digest/digest-chart.js';
import type { DigestPost } from '../../src/platforms/chat-adapter.js';
import { fixturePeriod, PERIOD_END } from './digest-fixture.js';

/** The fixture week as a digest with its rendered chart, for the adapter tests. */
export async function fixtureDigestPost(): Promise<DigestPost> {
  const digest = buildDigest(fixturePeriod(), { cadence: 'weekly', from: PERIOD_END - PERIOD_MS.weekly, to: PERIOD_END, timeZone: 'Europe/Kyiv' });
  const { png } = await renderDigestChart(digest);
  return { digest, chart: { png, filename: 'peacewatch-digest.png' } };
}
