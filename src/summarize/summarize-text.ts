/**
 * Lead summary: the first sentences of the text, cut on a sentence boundary
 * (Intl.Segmenter, so « guillemets », abbreviations and non-Latin scripts split right),
 * within a character budget. The extractive ranker of the relevance issue builds on this.
 */

// Feed boilerplate that is never part of the story.
const BOILERPLATE_PATTERNS: RegExp[] = [
  /\bThe post .{1,300}? appeared first on .{1,200}?(\.|$)/giu,
  /\b(Read more|Continue reading|Lire la suite|Weiterlesen|Читать далее|Читати далі|Czytaj więcej)\b.{0,40}$/giu,
  /\[(…|\.\.\.)\]\s*$/gu,
];

export function stripBoilerplate(text: string): string {
  let out = text;
  for (const re of BOILERPLATE_PATTERNS) out = out.replace(re, ' ');
  return out.replace(/\s+/gu, ' ').trim();
}

export function splitSentences(text: string, language?: string): string[] {
  const segmenter = new Intl.Segmenter(language || undefined, { granularity: 'sentence' });
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const s = segment.trim();
    if (s) sentences.push(s);
  }
  return sentences;
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

function cutOnWord(text: string, maxChars: number): string {
  const budget = Math.max(1, maxChars - 1);
  const slice = text.slice(0, budget);
  const lastSpace = slice.lastIndexOf(' ');
  const cut = lastSpace > budget * 0.6 ? slice.slice(0, lastSpace) : slice;
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
