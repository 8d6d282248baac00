import { describe, expect, it } from 'vitest';
import { errorMessage, errorName, toError } from '../src/errors.js';

describe('toError', () => {
  it('keeps an Error as it is', () => {
    const err = new TypeError('bad');
    expect(toError(err)).toBe(err);
  });
  it.each([
    ['a string', 'boom', 'boom'],
    ['an object with a message', { message: 'from a library' }, 'from a library'],
    ['a plain object', { code: 42 }, '{"code":42}'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a number', 7, '7'],
  ])('turns %s into an Error with a readable message', (_what, value, message) => {
    const err = toError(value);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe(message);
  });
  it('never throws, even on a value that cannot be serialized', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(errorMessage(cyclic)).toBe('[object Object]');
    expect(errorMessage(1n)).toBe('1');
  });
  it('names Errors only', () => {
    expect(errorName(new DOMException('t', 'TimeoutError'))).toBe('TimeoutError');
    expect(errorName('TimeoutError')).toBeUndefined();
  });
});
