/**
 * In-memory {@link OutboxStore} on the shared {@link FakeTable} (messages are written as transaction parts with the
 * change they announce), with the adapter's conditions: a claim or a park only while `nextRelayAt` is still the one
 * read (so two relays never both send, and a completed or parked message is never claimed), due messages oldest
 * first, and completion deleting (twice is harmless).
 *
 * @example
 * const outbox = new FakeOutboxStore(table);
 * await outbox.dueForRelay(clock.now(), 100);
 */
import type { OutboxStore, StoredOutboxMessage } from '../../../lambdas/ports/outbox-store';
import type { OutboxMessage, OutboxRef } from '../../../lambdas/ports/transaction-parts';
import { compare, stored } from './storage';
import { FakeTable, outboxKeyOf } from './table';

const dueKey = (m: StoredOutboxMessage): string => `${m.nextRelayAt}#${m.topic}#${m.id}`;

export class FakeOutboxStore implements OutboxStore {
  constructor(readonly table: FakeTable = new FakeTable()) {}

  /**
   * Store a message as its transaction part would (tests that start from a message left behind).
   *
   * @example
   * outbox.add(outboxMessage('dispatch', id, { dispatchId: id }, at), MAX_RELAYS);
   */
  add(message: OutboxMessage, relayCount = 0): void {
    this.table.outbox.set(outboxKeyOf(message), { ...stored(message), relayCount });
  }

  async get(ref: OutboxRef): Promise<StoredOutboxMessage | undefined> {
    const found = this.table.outbox.get(outboxKeyOf(ref));
    return found ? stored(found) : undefined;
  }

  async dueForRelay(now: Date, limit: number): Promise<readonly StoredOutboxMessage[]> {
    const until = `${now.toISOString()}#\uffff`;
    return [...this.table.outbox.values()]
      .filter((m) => m.nextRelayAt !== undefined && compare(dueKey(m), until) <= 0)
      .sort((a, b) => compare(dueKey(a), dueKey(b)))
      .slice(0, limit)
      .map(stored);
  }

  async claimRelay(message: StoredOutboxMessage, nextRelayAt: Date, _now: Date): Promise<boolean> {
    const key = outboxKeyOf(message);
    const current = this.table.outbox.get(key);
    if (!current || current.nextRelayAt !== (message.nextRelayAt ?? '')) return false;
    this.table.outbox.set(key, {
      ...current,
      nextRelayAt: nextRelayAt.toISOString(),
      relayCount: current.relayCount + 1,
    });
    return true;
  }

  async parkRelay(message: StoredOutboxMessage, now: Date): Promise<boolean> {
    const key = outboxKeyOf(message);
    const current = this.table.outbox.get(key);
    if (!current || current.nextRelayAt !== (message.nextRelayAt ?? '')) return false;
    const { nextRelayAt: _, ...parked } = current;
    this.table.outbox.set(key, { ...parked, parkedAt: now.toISOString() });
    return true;
  }

  async complete(messages: readonly OutboxRef[]): Promise<void> {
    for (const message of messages) this.table.outbox.delete(outboxKeyOf(message));
  }
}
