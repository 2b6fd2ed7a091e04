/**
 * Port: the public copy of the transparency log — tiles, entry bundles and the checkpoint under their C2SP tlog-tiles
 * paths (`tile/0/x001/234`, `tile/entries/005.p/17`, `checkpoint`), kept in a private bucket and served by the
 * `transparency-log` function. Adapter: `lambdas/adapters/s3/log-publication.ts`.
 */

/**
 * The published log resources.
 *
 * @example
 * await publication.put('tile/0/000.p/3', bytes);
 * const checkpoint = await publication.get('checkpoint');
 */
export interface LogPublication {
  /** Write one resource (tiles and bundles are immutable: the same path is only ever written with the same bytes). */
  put(path: string, bytes: Uint8Array): Promise<void>;
  /** One resource's bytes, or undefined when there is none. */
  get(path: string): Promise<Uint8Array | undefined>;
}
