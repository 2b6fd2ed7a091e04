/**
 * Port: where an exhausted webhook delivery goes — the `webhooks` queue's DLQ, from which
 * `npm run dlq -- webhooks redrive` sends it back for a new day of attempts. Adapter:
 * `lambdas/adapters/sqs/webhook-dead-letters.ts`.
 */

/**
 * Park exhausted deliveries.
 *
 * @example
 * await deadLetters.park({ subscriptionId, eventId });
 */
export interface WebhookDeadLetters {
  park(delivery: { readonly subscriptionId: string; readonly eventId: string }): Promise<void>;
}
