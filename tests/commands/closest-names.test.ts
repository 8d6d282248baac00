import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from '../../src/commands/closest-names.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['ukraine', 'ukriane', 2],
    ['переговоры', 'переговори', 1],
  ])('between %j and %j is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('stays bounded on very long input', () => {
    expect(editDistance('a'.repeat(100_000), 'b'.repeat(100_000))).toBe(64);
  });
});

describe('closestNames', () => {
  const names = ['ukraine-peace-talks', 'gaza-ceasefire', 'sudan-talks'];
  it.each([
    ['ukraine-peace-talk', ['ukraine-peace-talks']],
    ['Ukraine-Peace-Taks', ['ukraine-peace-talks']],
    ['ukraine', ['ukraine-peace-talks']],
    ['talks', ['sudan-talks', 'ukraine-peace-talks']],
    ['weather', []],
    ['', []],
  ])('suggests for %j: %j', (input, expected) => {
    expect(closestNames(input, names)).toEqual(expected);
  });
});
