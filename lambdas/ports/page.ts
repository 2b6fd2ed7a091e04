/**
 * Port: one page of a list and how to ask for the next (an opaque position; the HTTP edge seals it into a cursor).
 */

/** A page of a list, with an opaque cursor for the next page (absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string;
}
