/** FNV-1a, 32 bit: stable across runs and processes, for shingles and story ids. Of the first `maxLength` code units, if given. */
export function hashString(text: string, maxLength = text.length): number {
  let h = 0x811c9dc5;
  const n = Math.min(text.length, maxLength);
  for (let i = 0; i < n; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
