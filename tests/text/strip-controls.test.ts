import { describe, expect, it } from 'vitest';
import { hasControls, stripControls, stripControlsInline } from '../../src/text/strip-controls.js';

describe('stripControls', () => {
  it.each([
    ['bidi override', 'Talks \u202Eevil\u202C end', 'Talks evil end'],
    ['isolates and marks', '\u2066a\u2069\u200eb\u200f\u061c', 'ab'],
    ['NUL and ESC sequences', 'a\u0000b\u001b[31mred', 'ab[31mred'],
    ['C1 and DEL', 'x\u0085y\u007fz', 'xyz'],
    ['lines and tabs kept', 'one\n\ttwo', 'one\n\ttwo'],
    ['ordinary text', 'Переговоры в Женеве', 'Переговоры в Женеве'],
  ])('removes %s', (_what, input, out) => {
    expect(stripControls(input)).toBe(out);
  });
  it('makes one line of a title', () => {
    expect(stripControlsInline('a\nb\tc\u202e')).toBe('a b c');
  });
  it('detects any control, tab and newline included', () => {
    expect(hasControls('a\tb')).toBe(true);
    expect(hasControls('a\u202eb')).toBe(true);
    expect(hasControls('plain words')).toBe(false);
  });
});
