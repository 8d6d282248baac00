import { describe, expect, it } from 'vitest';
import { truncate, truncateAtWord } from '../../src/text/truncate.js';

describe('truncate', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
  it('never leaves a lone escape or half a surrogate pair', () => {
    expect(truncate('ab\\*cd', 4)).toBe('ab…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });
});

describe('truncateAtWord', () => {
  it('cuts at the last space near the end', () => {
    expect(truncateAtWord('peace talks resume in Geneva', 20)).toBe('peace talks resume…');
    expect(truncateAtWord('short', 20)).toBe('short');
  });
});
