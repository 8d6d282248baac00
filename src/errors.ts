/**
 * The one normalizer for anything caught: a thrown value may be an Error, a string, a
 * rejected object or undefined, and a log line or a failure message must not care which.
 */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (typeof value === 'string') return new Error(value);
  const message = describe(value);
  return new Error(message, { cause: value });
}

/** The message of whatever was thrown, never "[object Object]" and never a throw itself. */
export const errorMessage = (value: unknown): string => toError(value).message;

/** The `name` of an Error ("TimeoutError", "AbortError"), undefined for anything else. */
export const errorName = (value: unknown): string | undefined => (value instanceof Error ? value.name : undefined);

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object' && 'message' in value && typeof value.message === 'string') return value.message;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
