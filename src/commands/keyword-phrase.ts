import { hasControls } from '../text/strip-controls.js';
import { UserError } from './command-types.js';

const MIN_LENGTH = 2;

/**
 * A user's keyword as stored: trimmed, whitespace folded, otherwise literal. It is matched
 * as text, never compiled into a pattern, so `.*(a+)+$` is just eight characters.
 */
export function normalizeKeyword(raw: string, maxLength: number): string {
  const phrase = raw.replace(/\s+/gu, ' ').trim();
  // Bidi overrides would make a phrase display differently from what it matches.
  if (hasControls(phrase)) throw new UserError('A keyword cannot contain control characters.');
  const length = [...phrase].length;
  if (length < MIN_LENGTH) throw new UserError(`A keyword needs at least ${MIN_LENGTH} characters.`);
  if (length > maxLength) {
    throw new UserError(`Keep a keyword to ${maxLength} characters or fewer (this one has ${length}).`);
  }
  return phrase;
}
