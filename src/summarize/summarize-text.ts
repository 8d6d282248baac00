/**
 * Lead summary: the first sentences of the text, cut on a sentence boundary
 * (Intl.Segmenter, so « guillemets », abbreviations and non-Latin scripts split right),
 * within a character budget. The extractive ranker of the relevance issue builds on this.
 */

import { stripBoilerplate } from './boilerplate.js';
import { mergeSentenceFragments } from './sentence-merge.js';

// Re-exported: callers that only need a lead import everything from here.
export { isBoilerplateSentence, stripBoilerplate } from './boilerplate.js';

export function splitSentences(text: string, language?: string): string[] {
  const segmenter = createSentenceSegmenter(language);
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const s = segment.trim();
    if (s) sentences.push(s);
  }
  // The segmenter splits after "Dec.", "г.", "M.": put the pieces back together.
  return mergeSentenceFragments(sentences);
}

// Building a Segmenter costs far more than using one: keep one per language tag.
const segmenters = new Map<string, Intl.Segmenter>();

function createSentenceSegmenter(language: string | undefined): Intl.Segmenter {
  const key = language ?? '';
  let segmenter = segmenters.get(key);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(language || undefined, { granularity: 'sentence' });
    } catch {
      // An invalid tag from a feed ("en_US"): the default rules still split sentences.
      segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
    }
    if (segmenters.size < 64) segmenters.set(key, segmenter);
  }
  return segmenter;
}

export interface SummaryOptions {
  maxChars: number;
  language?: string;
}

export function summarizeLead(text: string, { maxChars, language }: SummaryOptions): string {
  const clean = stripBoilerplate(text);
  if (clean.length <= maxChars) return clean;
  const sentences = splitSentences(clean, language);
  let out = '';
  for (const sentence of sentences) {
    const next = out ? `${out} ${sentence}` : sentence;
    if (next.length > maxChars) break;
    out = next;
  }
  if (out) return out;
  // The first sentence alone is over budget: cut on a word boundary.
  return cutOnWord(sentences[0] ?? clean, maxChars);
}

/** Cut on a word boundary with an ellipsis, within maxChars (ellipsis included). */
export function cutOnWord(text: string, maxChars: number): string {
  const budget = Math.max(1, maxChars - 1);
  const slice = text.slice(0, budget);
  const lastSpace = slice.lastIndexOf(' ');
  const cut = lastSpace > budget * 0.6 ? slice.slice(0, lastSpace) : slice;
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
