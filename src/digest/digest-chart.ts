/**
 * The digest's chart: reports per day by language, stacked bars, as a PNG. Vega-Lite compiles
 * the spec, Vega renders it headless to SVG, resvg (a Rust renderer shipped as a prebuilt binary
 * inside its npm package) draws the PNG — no browser, no canvas, no network.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Digest } from './build-digest.js';

/** Debian's fonts-dejavu-core (installed by .ci/run and the Dockerfile); other hosts fall back to their system fonts. */
export const DEFAULT_FONT_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'];
const FONT_FAMILY = 'DejaVu Sans';
const WIDTH = 640;
const HEIGHT = 280;

export interface DigestChart {
  png: Uint8Array;
  svg: string;
  width: number;
  height: number;
}

export interface ChartOptions {
  /** TTF/OTF files resvg loads; the system's fonts when none of them exists. */
  fontFiles?: readonly string[];
}

export function chartSpec(digest: Digest): TopLevelSpec {
  const languages = [...new Set(digest.perDay.map((d) => d.language))].sort();
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: `Reports per day by language (${digest.cadence} digest)`, anchor: 'start' },
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    padding: 12,
    data: { values: digest.perDay.map((d) => ({ ...d })) },
    mark: { type: 'bar', tooltip: false },
    encoding: {
      x: { field: 'day', type: 'ordinal', title: null, scale: { domain: digest.days }, axis: { labelAngle: 0 } },
      y: { field: 'reports', type: 'quantitative', aggregate: 'sum', title: 'reports', axis: { tickMinStep: 1, format: 'd' } },
      color: { field: 'language', type: 'nominal', title: 'Language', scale: { domain: languages, scheme: 'tableau10' } },
    },
    config: { font: FONT_FAMILY, view: { stroke: null } },
  };
}

/** SVG then PNG; throws only on a bug in the spec (the data are ours). */
export async function renderDigestChart(digest: Digest, opts: ChartOptions = {}): Promise<DigestChart> {
  const view = new vega.View(vega.parse(compile(chartSpec(digest)).spec), { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const fontFiles = (opts.fontFiles ?? DEFAULT_FONT_FILES).filter((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    background: 'white',
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: FONT_FAMILY },
  });
  const image = resvg.render();
  return { png: image.asPng(), svg, width: image.width, height: image.height };
}
