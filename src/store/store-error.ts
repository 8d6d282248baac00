/** A store that cannot be opened or used as configured: the CLI prints its message and exits 2. */
export class StoreError extends Error {
  override name = 'StoreError';
}
