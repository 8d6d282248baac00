import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/ingest/html-text.js';

describe('htmlToText', () => {
  it.each([
    ['plain text passes through', 'Peace talks resume', 'Peace talks resume'],
    ['strips tags', '<p>Talks in <a href="/x">Miami</a></p>', 'Talks in Miami'],
    ['turns block tags into spaces', '<p>First</p><p>Second</p>line<br>break<li>item</li>', 'First Second line break item'],
    ['glues inline tags without a space', '<b>Wit</b>koff and <em>Ku</em>shner', 'Witkoff and Kushner'],
    ['drops script content', 'a<script>var x = "<p>not text</p>";</script>b', 'a b'],
    ['drops style content', 'a<style>p { color: red }</style>b', 'a b'],
    ['drops noscript content', 'a<noscript><img src="x"></noscript>b', 'a b'],
    ['drops script with upper-case closing tag', 'a<SCRIPT>x</SCRIPT >b', 'a b'],
    ['drops an unclosed script to the end', 'keep<script>lost forever', 'keep'],
    ['drops comments', 'a<!-- <p>hidden</p> -->b', 'ab'],
    ['decodes named entities', 'Ukraine&rsquo;s &laquo;plan&raquo; &amp; more', 'Ukraine’s «plan» & more'],
    ['decodes numeric entities', '&#8211; &#x2014; &#1052;', '– — М'],
    ['keeps escaped markup as text', '&lt;b&gt;not bold&lt;/b&gt;', '<b>not bold</b>'],
    ['keeps a literal less-than', '1 < 2 and 3 > 2', '1 < 2 and 3 > 2'],
    ['folds whitespace including nbsp', '  a \n\t b&nbsp;&nbsp;c  ', 'a b c'],
    ['removes zero-width characters and soft hyphens', 'Wit\u200Bkoff Ze\u00ADlen\u200Dsky \uFEFFx', 'Witkoff Zelensky x'],
    ['ignores > inside quoted attributes', '<img alt="a > b" src="x">text', 'text'],
    ['drops a tag cut off at the end', 'text <img src="x', 'text'],
    ['handles an empty string', '', ''],
    ['keeps Cyrillic', '<p>Переговоры&nbsp;в Женеве</p>', 'Переговоры в Женеве'],
  ])('%s', (_name, input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });

  it('handles pathological input without backtracking (a quadratic scan would hit the test timeout)', () => {
    // Inputs that make naive /<.*?>/ style regexes backtrack quadratically. No timing assertion here:
    // speed belongs in benchmarks; the suite's timeout is the guard.
    const inputs = ['<a'.repeat(50_000), '<script>'.repeat(20_000), `<p title="${'"'.repeat(50_000)}`, '&'.repeat(100_000)];
    for (const input of inputs) {
      expect(htmlToText(input).length).toBeLessThanOrEqual(input.length);
    }
  });

  it('returns text that needs no cleanup as it is, and cleans the rest exactly as the full cleanup does', () => {
    // Every character the cleanup treats specially, among ordinary ones, in random strings.
    const special = [' ', '  ', '\t', '\n', '\r', '\v', '\f', '\u0000', '\u0007', '\u001F', '\u007F', '\u0085', '\u009F', '\u00A0', '\u00AD', '\u1680', '\u2000', '\u200A', '\u200B', '\u200D', '\u2028', '\u2029', '\u202F', '\u205F', '\u2060', '\u3000', '\uFEFF'];
    const ordinary = ['a', 'Й', 'é', '1', '.', '«', '—'];
    const fullCleanup = (text: string) =>
      text
        .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
        .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    let untouched = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let i = next(8); i >= 0; i--) text += next(3) === 0 ? special[next(special.length)] : ordinary[next(ordinary.length)];
      expect(htmlToText(text)).toBe(fullCleanup(text));
      if (fullCleanup(text) === text) untouched++;
    }
    expect(untouched).toBeGreaterThan(100);
  });
});
