import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { buildDigest, PERIOD_MS } from '../../src/digest/build-digest.js';
import { renderDigestChart } from '../../src/digest/digest-chart.js';
import { fixturePeriod, PERIOD_END } from './digest-fixture.js';

const OUTPUT = path.join(import.meta.dirname, '..', 'output');

/** Width and height from the PNG's IHDR chunk (bytes 16–23). */
const pngSize = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

describe('renderDigestChart', () => {
  it('draws a PNG of reports per day with a legend naming each language', async () => {
    const digest = buildDigest(fixturePeriod(), { cadence: 'weekly', from: PERIOD_END - PERIOD_MS.weekly, to: PERIOD_END, timeZone: 'Europe/Kyiv' });
    const chart = await renderDigestChart(digest);
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(path.join(OUTPUT, 'digest-chart.png'), chart.png);

    expect([...chart.png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(chart.png)).toEqual({ width: chart.width, height: chart.height });
    expect(chart.width).toBeGreaterThan(640);
    expect(chart.height).toBeGreaterThan(280);

    // Not blank: re-render the SVG and count pixels that are not the white background.
    const pixels = new Resvg(chart.svg, { background: 'white' }).render().pixels;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 240 || pixels[i + 1]! < 240 || pixels[i + 2]! < 240) inked++;
    expect(inked / (pixels.length / 4)).toBeGreaterThan(0.05);

    const legend = /<g class="mark-group role-legend"[\s\S]*$/u.exec(chart.svg)?.[0] ?? '';
    for (const language of ['de', 'en', 'fr', 'ru', 'uk']) expect(legend).toContain(`>${language}</text>`);
    expect(legend).toContain('>Language</text>');
  });
});
