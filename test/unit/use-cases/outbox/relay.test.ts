/**
 * The outbox relay with in-memory ports (no network): it re-sends only what is due, claims each message once, backs
 * off after each re-send, survives a failed send, parks a message re-sent MAX_RELAYS times, and never re-sends a
 * completed one — for every topic alike. The publish after a commit never throws.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../lambdas/adapters/clock/manual-clock';
import type { OutboxPublisher } from '../../../../lambdas/ports/outbox-publisher';
import { MAX_RELAYS, type OutboxStore, type StoredOutboxMessage } from '../../../../lambdas/ports/outbox-store';
import type { OutboxMessage, OutboxRef } from '../../../../lambdas/ports/transaction-parts';
import { outboxMessage, RELAY_GRACE_MS } from '../../../../lambdas/use-cases/outbox/message';
import { notifyCommitted } from '../../../../lambdas/use-cases/outbox/notify';
import { relayOutbox } from '../../../../lambdas/use-cases/outbox/relay';

const key = (ref: OutboxRef) => `${ref.topic}#${ref.id}`;

/** Conditional semantics of the DynamoDB adapter, in memory. */
class MemoryOutbox implements OutboxStore {
  readonly items = new Map<string, StoredOutboxMessage>();
  add(message: OutboxMessage, relayCount = 0): void {
    this.items.set(key(message), { ...message, relayCount });
  }
  async get(ref: OutboxRef) {
    return this.items.get(key(ref));
  }
  async dueForRelay(now: Date, limit: number) {
    return [...this.items.values()]
      .filter((m) => m.nextRelayAt !== undefined && m.nextRelayAt <= now.toISOString())
      .sort((a, b) => (a.nextRelayAt as string).localeCompare(b.nextRelayAt as string))
      .slice(0, limit);
  }
  async claimRelay(m: StoredOutboxMessage, next: Date) {
    const current = this.items.get(key(m));
    if (!current?.nextRelayAt || current.nextRelayAt !== m.nextRelayAt) return false;
    this.items.set(key(m), { ...current, nextRelayAt: next.toISOString(), relayCount: current.relayCount + 1 });
    return true;
  }
  async parkRelay(m: StoredOutboxMessage, now: Date) {
    const current = this.items.get(key(m));
    if (!current?.nextRelayAt || current.nextRelayAt !== m.nextRelayAt) return false;
    const { nextRelayAt: _, ...rest } = current;
    this.items.set(key(m), { ...rest, parkedAt: now.toISOString() });
    return true;
  }
  async complete(messages: readonly OutboxRef[]) {
    for (const m of messages) this.items.delete(key(m));
  }
}

function recordingPublisher(fail = false): OutboxPublisher & { sent: string[] } {
  const publisher = {
    sent: [] as string[],
    async publish(messages: readonly Pick<OutboxMessage, 'topic' | 'id' | 'body'>[]) {
      if (fail) throw new Error('injected: SQS down');
      publisher.sent.push(...messages.map((m) => `${key(m)} ${JSON.stringify(m.body)}`));
      return { failed: [] };
    },
  };
  return publisher;
}

const dispatch = (id: string, at: Date) => outboxMessage('dispatch', id, { dispatchId: id }, at);

describe('relayOutbox', () => {
  it('re-sends only what is due, its body as written, claiming each once', async () => {
    // Prepare
    const clock = new ManualClock('2026-11-27T10:00:00+08:00');
    const outbox = new MemoryOutbox();
    outbox.add(dispatch('DSP-20260000001', clock.now()));
    clock.advance({ minutes: 1 });
    outbox.add(dispatch('DSP-20260000002', clock.now()));
    clock.advance({ minutes: 1, seconds: 30 });
    const publisher = recordingPublisher();

    // Act
    const first = await relayOutbox({ outbox, publisher, clock });
    const second = await relayOutbox({ outbox, publisher, clock });

    // Assess
    expect(first).toEqual({ due: 1, claimed: 1, sent: 1 });
    expect(second.claimed).toBe(0);
    expect(publisher.sent).toEqual(['dispatch#DSP-20260000001 {"dispatchId":"DSP-20260000001"}']);
    expect((await outbox.get({ topic: 'dispatch', id: 'DSP-20260000001' }))?.relayCount).toBe(1);
  });

  it('survives a failed send: claimed now, due again after the backoff', async () => {
    // Prepare
    const clock = new ManualClock('2026-11-27T10:00:00+08:00');
    const outbox = new MemoryOutbox();
    outbox.add(dispatch('DSP-20260000003', clock.now()));
    clock.advance({ ms: RELAY_GRACE_MS });

    // Act
    const failed = await relayOutbox({ outbox, publisher: recordingPublisher(true), clock });
    clock.advance({ minutes: 1 });
    const publisher = recordingPublisher();
    const retried = await relayOutbox({ outbox, publisher, clock });

    // Assess
    expect(failed).toEqual({ due: 1, claimed: 1, sent: 0 });
    expect(retried).toEqual({ due: 1, claimed: 1, sent: 1 });
    expect((await outbox.get({ topic: 'dispatch', id: 'DSP-20260000003' }))?.relayCount).toBe(2);
  });

  it('stops relaying a message re-sent MAX_RELAYS times, keeping it parked', async () => {
    // Prepare
    const clock = new ManualClock('2026-11-27T10:00:00+08:00');
    const outbox = new MemoryOutbox();
    outbox.add(dispatch('DSP-20260000004', clock.now()), MAX_RELAYS);
    clock.advance({ ms: RELAY_GRACE_MS });
    const publisher = recordingPublisher();
    const parkedAt = clock.now().toISOString();

    // Act
    const result = await relayOutbox({ outbox, publisher, clock });
    clock.advance({ days: 2 });
    const later = await relayOutbox({ outbox, publisher, clock });

    // Assess
    expect(result).toEqual({ due: 1, claimed: 0, sent: 0 });
    expect(later.due).toBe(0);
    expect(publisher.sent).toEqual([]);
    const parked = await outbox.get({ topic: 'dispatch', id: 'DSP-20260000004' });
    expect(parked).toMatchObject({ relayCount: MAX_RELAYS, parkedAt });
    expect(parked?.nextRelayAt).toBeUndefined();
  });

  it('never re-sends a message its consumer completed', async () => {
    // Prepare
    const clock = new ManualClock('2026-11-27T10:00:00+08:00');
    const outbox = new MemoryOutbox();
    outbox.add(dispatch('DSP-20260000005', clock.now()));
    await outbox.complete([{ topic: 'dispatch', id: 'DSP-20260000005' }]);
    clock.advance({ hours: 3 });
    const publisher = recordingPublisher();

    // Act
    const result = await relayOutbox({ outbox, publisher, clock });

    // Assess
    expect(result).toEqual({ due: 0, claimed: 0, sent: 0 });
    expect(publisher.sent).toEqual([]);
  });
});

describe('outboxMessage', () => {
  it('is first due RELAY_GRACE_MS after the change it announces', () => {
    // Act
    const message = dispatch('DSP-20260000006', new Date('2026-01-31T15:30:00.000Z'));

    // Assess
    expect(message).toEqual({
      topic: 'dispatch',
      id: 'DSP-20260000006',
      body: { dispatchId: 'DSP-20260000006' },
      createdAt: '2026-01-31T15:30:00.000Z',
      nextRelayAt: new Date(Date.parse('2026-01-31T15:30:00.000Z') + RELAY_GRACE_MS).toISOString(),
    });
  });
});

describe('notifyCommitted', () => {
  it('publishes after the commit and never throws, even when SQS is down', async () => {
    // Prepare
    const up = recordingPublisher();
    const down = recordingPublisher(true);
    const message = dispatch('DSP-20260000007', new Date('2026-11-27T02:00:00.000Z'));

    // Act
    await notifyCommitted({ publisher: up }, [message]);
    const failing = notifyCommitted({ publisher: down }, [message]);

    // Assess
    await expect(failing).resolves.toBeUndefined();
    expect(up.sent).toEqual(['dispatch#DSP-20260000007 {"dispatchId":"DSP-20260000007"}']);
  });
});
