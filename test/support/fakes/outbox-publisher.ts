/**
 * In-memory {@link OutboxPublisher}: records what it sent, in order, and can be broken the ways SQS breaks — `down`
 * (it throws, as when nothing could be sent), `lost` (it answers success and sends nothing: the process died between
 * the commit and the publish), or single messages refused (answered in `failed`).
 *
 * @example
 * const publisher = new FakeOutboxPublisher();
 * publisher.mode = 'down';
 * await notifyCommitted({ publisher }, [message]); // never throws; publisher.sent stays empty
 */
import type { OutboxPublisher } from '../../../lambdas/ports/outbox-publisher';
import type { OutboxMessage, OutboxRef } from '../../../lambdas/ports/transaction-parts';
import { stored } from './storage';
import { outboxKeyOf } from './table';

type Publishable = Pick<OutboxMessage, 'topic' | 'id' | 'body'>;

export class FakeOutboxPublisher implements OutboxPublisher {
  mode: 'working' | 'down' | 'lost' = 'working';
  /** Messages (`topic#id`) the queue refuses one by one. */
  readonly refusing = new Set<string>();
  /** What reached the queues, in order. */
  readonly sent: Publishable[] = [];
  /** Every call's messages (`topic#id`), sent or not. */
  readonly calls: string[][] = [];
  /** Runs at the start of every call (e.g. to look at what was committed before the publish). */
  onPublish: ((messages: readonly Publishable[]) => void) | undefined;

  async publish(messages: readonly Publishable[]): Promise<{ readonly failed: readonly OutboxRef[] }> {
    this.onPublish?.(messages);
    this.calls.push(messages.map(outboxKeyOf));
    if (this.mode === 'down')
      throw Object.assign(new Error('injected: SQS unavailable'), { name: 'ServiceUnavailable' });
    if (this.mode === 'lost') return { failed: [] };
    const failed = messages.filter((m) => this.refusing.has(outboxKeyOf(m)));
    this.sent.push(...messages.filter((m) => !this.refusing.has(outboxKeyOf(m))).map(stored));
    return { failed: failed.map(({ topic, id }) => ({ topic, id })) };
  }

  /**
   * Forget what was sent and asked so far, so a test sees only what its own action publishes (e.g. after issuing the
   * certificate it then changes).
   *
   * @example
   * await issued(world); world.publisher.forget();
   */
  forget(): void {
    this.sent.length = 0;
    this.calls.length = 0;
  }

  /** What was sent, as `topic#id`. @example publisher.sentKeys(); // ['dispatch#DSP-20260000001'] */
  sentKeys(): string[] {
    return this.sent.map(outboxKeyOf);
  }
}
