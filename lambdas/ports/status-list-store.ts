/**
 * Port: the published status list in the table (`docs/status-list.md`) — the signed token platforms download, stored
 * at a version so that two publishers never overwrite each other's work, and the slots licences hold. Adapter:
 * `lambdas/adapters/dynamo/status-list-store.ts`. The publisher (`lambdas/use-cases/status-list/publish.ts`) is its
 * one writer; the verify function only reads ({@link StatusListReader}).
 */

/**
 * The list as published: the signed token (a `statuslist+jwt`) and what the route and the publisher need of it without
 * parsing it.
 *
 * @example
 * const p: PublishedStatusList = { version: 7, jwt: 'eyJ…', iat: 1796443200, exp: 1796529600 };
 */
export interface PublishedStatusList {
  /** 1 for the first list, one more at each publication. */
  readonly version: number;
  readonly jwt: string;
  /** The token's `iat` and `exp` (seconds since the epoch). */
  readonly iat: number;
  readonly exp: number;
}

/** What the verify function reads: the published list and whether a slot is held. */
export interface StatusListReader {
  /** The published list, or none before the first publication. */
  published(): Promise<PublishedStatusList | undefined>;
  /** Whether a licence holds slot `index` (claimed at its issuance or by the slot backfill). */
  isAllocated(index: number): Promise<boolean>;
}

/**
 * The published list, read consistently and written at the version read.
 *
 * @example
 * const current = await store.published();
 * const saved = await store.publish({ version: (current?.version ?? 0) + 1, jwt, iat, exp }); // false: lost a race
 */
export interface StatusListStore extends StatusListReader {
  /**
   * Store `list` only if the stored version is still `list.version - 1` (none for version 1): false when another
   * publisher stored a list meanwhile (read again and redo).
   */
  publish(list: PublishedStatusList): Promise<boolean>;
}
