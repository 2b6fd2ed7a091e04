/**
 * Port: when a queue consumer's failed message comes back — SQS `ChangeMessageVisibility` on the message just
 * received. Adapter: `lambdas/adapters/sqs/message-retry.ts`.
 */

/**
 * Hides a received message for a while before its next attempt.
 *
 * @example
 * await retry.retryAfter(message.receipt, 60);
 */
export interface MessageRetry {
  /** Throws when the queue refuses (the queue's own visibility timeout then applies). */
  retryAfter(receipt: string, seconds: number): Promise<void>;
}
