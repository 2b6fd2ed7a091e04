/**
 * Port: the stored certificate PDFs as the orphan sweep sees them. Adapter: `lambdas/adapters/s3/sweep-store.ts`.
 */

/** One stored object as a listing shows it. */
export interface ListedObject {
  readonly key: string;
  readonly lastModified: Date;
}

/**
 * The stored certificate PDFs as the orphan sweep sees them: listed page by page under a key prefix, deleted one by
 * one. (In the versioned cloud bucket a delete leaves a delete marker; the bytes expire with the noncurrent versions.)
 */
export interface PdfSweepStore {
  /** One page of the objects under `prefix` (at most 1000) and the cursor of the next, if any. */
  listPage(
    prefix: string,
    cursor?: string,
  ): Promise<{ readonly items: readonly ListedObject[]; readonly cursor?: string }>;
  /** Delete one object; deleting one that is already gone is no error. */
  delete(key: string): Promise<void>;
}
