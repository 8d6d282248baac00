import { describe, expect, it } from 'vitest';
import { bcubed } from '../../src/stories/bcubed.js';

const clusters = (spec: Record<string, string>) => new Map(Object.entries(spec));
const gold = clusters({ a: 'x', b: 'x', c: 'x', d: 'y', e: 'y' });

describe('bcubed', () => {
  it.each([
    ['a perfect clustering', { a: '1', b: '1', c: '1', d: '2', e: '2' }, 1, 1],
    ['everything in one cluster', { a: '1', b: '1', c: '1', d: '1', e: '1' }, (3 * 3) / 5 / 5 + (2 * 2) / 5 / 5, 1],
    ['every item alone', { a: '1', b: '2', c: '3', d: '4', e: '5' }, 1, (3 * (1 / 3) + 2 * (1 / 2)) / 5],
    // a,b right; c split off; d,e right: precision 1, recall (2/3·2 + 1/3 + 1 + 1)/5
    ['one item split off', { a: '1', b: '1', c: '3', d: '2', e: '2' }, 1, ((2 / 3) * 2 + 1 / 3 + 2) / 5],
  ])('scores %s', (_label, predicted, precision, recall) => {
    const r = bcubed(clusters(predicted), gold);
    expect(r.precision).toBeCloseTo(precision, 10);
    expect(r.recall).toBeCloseTo(recall, 10);
    expect(r.f1).toBeCloseTo((2 * precision * recall) / (precision + recall), 10);
    expect(r.items).toBe(5);
  });

  it('scores only items present in both maps, and nothing as zero', () => {
    expect(bcubed(clusters({ a: '1', b: '1', z: '1' }), gold).items).toBe(2);
    expect(bcubed(new Map(), gold)).toEqual({ precision: 0, recall: 0, f1: 0, items: 0 });
  });
});
