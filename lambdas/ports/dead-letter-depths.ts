/**
 * Port: how many messages wait in each dead-letter queue. Adapter: `lambdas/adapters/sqs/dead-letter-depths.ts`
 * (SQS `ApproximateNumberOfMessages`).
 */

/**
 * One dead-letter queue's depth, by the logical name of its work queue (`lib/resources.ts`: dispatch, log, …).
 *
 * @example
 * const d: DeadLetterDepth = { queue: 'dispatch', depth: 0 };
 */
export interface DeadLetterDepth {
  readonly queue: string;
  readonly depth: number;
}

/**
 * The depths of every dead-letter queue, read together.
 *
 * @example
 * for (const { queue, depth } of await deadLetters.depths()) console.log(queue, depth);
 */
export interface DeadLetterDepths {
  depths(): Promise<readonly DeadLetterDepth[]>;
}
