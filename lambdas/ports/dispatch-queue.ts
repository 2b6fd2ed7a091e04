/**
 * Port: the queue that wakes the dispatch worker. Adapter: `lambdas/adapters/sqs/dispatch-queue.ts`.
 */

/** Wakes the dispatch worker. Messages carry only the dispatch id (no personal data in the queue). */
export interface DispatchQueue {
  /** Send one message per id; resolves with the ids that could not be sent. */
  send(ids: readonly string[]): Promise<{ readonly failed: readonly string[] }>;
}
