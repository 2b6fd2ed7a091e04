/**
 * In-memory {@link MessageRetry}: records each message hidden and for how long, or refuses as a queue can (the
 * message then comes back after the queue's own visibility timeout).
 *
 * @example
 * const retry = new FakeMessageRetry();
 * retry.hidden; // [['receipt-1', 60]]
 */
import type { MessageRetry } from '../../../lambdas/ports/message-retry';

export class FakeMessageRetry implements MessageRetry {
  /** `[receipt, seconds]` of each message hidden. */
  readonly hidden: [string, number][] = [];
  /** The queue refuses every change of visibility. */
  refuse = false;

  async retryAfter(receipt: string, seconds: number): Promise<void> {
    if (this.refuse) throw Object.assign(new Error('injected: SQS refuses'), { name: 'ReceiptHandleIsInvalid' });
    this.hidden.push([receipt, seconds]);
  }
}
