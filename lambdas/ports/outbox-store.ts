/**
 * Port: the stored outbox — what the relay re-sends and consumers complete. Messages are written as transaction parts
 * (`lambdas/ports/transaction-parts.ts`) with the change they announce. Adapter: `lambdas/adapters/dynamo/outbox-store.ts`.
 */
import type { OutboxMessage, OutboxRef } from './transaction-parts';

/**
 * After this many re-sends (about a day with the relay's backoff) the relay stops re-sending a message: one that failed
 * that often is in its queue's DLQ, whose alarm has long called for a person.
 *
 * @example
 * if (message.relayCount >= MAX_RELAYS) await outbox.parkRelay(message, now);
 */
export const MAX_RELAYS = 30;

/** An outbox message as stored: pending (due at `nextRelayAt`) or parked (no longer relayed). */
export interface StoredOutboxMessage extends Omit<OutboxMessage, 'nextRelayAt'> {
  /** When the relay next re-sends it; absent once parked. */
  readonly nextRelayAt?: string;
  /** How often the relay re-sent it. */
  readonly relayCount: number;
  /** When the relay gave up on it ({@link MAX_RELAYS}). */
  readonly parkedAt?: string;
}

/**
 * The stored outbox.
 *
 * @example
 * const due = await outbox.dueForRelay(clock.now(), 100);
 */
export interface OutboxStore {
  get(ref: OutboxRef): Promise<StoredOutboxMessage | undefined>;
  /** Pending messages of every topic with `nextRelayAt` ≤ `now`, oldest first (one Query on the relay index). */
  dueForRelay(now: Date, limit: number): Promise<readonly StoredOutboxMessage[]>;
  /**
   * Push `nextRelayAt` forward, only if it still equals the one read (so two relays never both claim a message).
   * False when another relay got there first, or the message was completed or parked meanwhile.
   */
  claimRelay(message: StoredOutboxMessage, nextRelayAt: Date, now: Date): Promise<boolean>;
  /**
   * Take a message off the relay's list (it was re-sent {@link MAX_RELAYS} times): it stays stored, and a DLQ re-drive
   * still delivers it to its consumer, which completes it. False when it changed meanwhile.
   */
  parkRelay(message: StoredOutboxMessage, now: Date): Promise<boolean>;
  /** The consumers' acknowledgement: their work is done, the relay stops re-sending. Completing twice is harmless. */
  complete(messages: readonly OutboxRef[]): Promise<void>;
}
