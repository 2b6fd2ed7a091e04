/**
 * The webhook worker on the in-memory world: a status change's event reaches exactly the subscribers that want it,
 * signed so their secret verifies it; a failed attempt waits for its stored time (a duplicate message before then does
 * nothing) and the relay's re-send delivers it; a day without a 2xx exhausts a delivery into the DLQ and a re-drive
 * opens a new window; a subscriber failing for a day is disabled and its pending deliveries cancelled; and 1,000 status
 * changes under injected failures, timeouts and duplicated messages reach every subscriber exactly once by id, in
 * per-licence order by sequence, and nothing it did not ask for.
 */
import { describe, expect, test } from 'vitest';
import { verifyWebhook } from '../../../../lambdas/domain/webhooks/signature';
import type { WebhookRequest } from '../../../../lambdas/ports/webhook-sender';
import {
  allActiveSubscriptions,
  handleWebhookMessage,
  sendTestEvent,
  type WebhookWorkerDeps,
} from '../../../../lambdas/use-cases/webhooks/deliver';
import { registerSubscription } from '../../../../lambdas/use-cases/webhooks/subscriptions';
import { type FakeAnswer, FakeWebhookSender, FakeWorld, issued, statusChanged, usccFor } from '../../../support/fakes';

const admin = { id: 'admin-1', role: 'admin' };

function setUp(answer?: (request: WebhookRequest) => FakeAnswer, random: () => number = () => 0.5) {
  const world = new FakeWorld();
  const sender = new FakeWebhookSender(answer);
  const deps: WebhookWorkerDeps = {
    deliveries: world.webhookDeliveries,
    subscriptions: world.webhookSubscriptions,
    activeSubscriptions: () => allActiveSubscriptions(world.webhookSubscriptions),
    secrets: world.secretBox,
    sender,
    publisher: world.publisher,
    outbox: world.outbox,
    deadLetters: world.webhookDeadLetters,
    clock: world.clock,
    random,
  };
  const subscribe = (url: string, input: { events?: string[]; filter?: object } = {}) =>
    registerSubscription(
      {
        subscriptions: world.webhookSubscriptions,
        deliveries: world.webhookDeliveries,
        secrets: world.secretBox,
        audit: world.adminAudit,
        clock: world.clock,
        allowLoopback: false,
      },
      { input: { url, events: input.events ?? ['licence.status_changed'], filter: input.filter ?? {} }, actor: admin },
    );
  return { world, sender, deps, subscribe };
}

/** What the queue holds now: the `webhooks` messages published and not yet handled (then forgotten). */
function queued(world: FakeWorld): string[] {
  const bodies = world.publisher.sent.filter((m) => m.topic === 'webhooks').map((m) => JSON.stringify(m.body));
  world.publisher.forget();
  return bodies;
}

/** Handle every queued message, and the ones each creates, until none is left. */
async function drain(world: FakeWorld, deps: WebhookWorkerDeps, copies: (body: string) => number = () => 1) {
  for (let bodies = queued(world); bodies.length > 0; bodies = queued(world)) {
    for (const body of bodies) for (let n = 0; n < copies(body); n++) await handleWebhookMessage(deps, body);
  }
}

/** What the relay would re-send of the `webhooks` topic at the clock's time. */
async function relayDue(world: FakeWorld): Promise<string[]> {
  const due = await world.outbox.dueForRelay(world.clock.now(), 10_000);
  return due.filter((m) => m.topic === 'webhooks').map((m) => JSON.stringify(m.body));
}

describe('handleWebhookMessage', () => {
  test('a status change reaches exactly the subscribers that want it, signed with their secret', async () => {
    // Prepare
    const { world, sender, deps, subscribe } = setUp();
    const { certificate } = await issued(world, { seed: 1 });
    await drain(world, deps); // the issuance's event: no subscriber yet
    world.clock.advance({ seconds: 1 });
    const all = await subscribe('https://all.example.cn/hook');
    const mine = await subscribe('https://mine.example.cn/hook', { filter: { usccs: [certificate.enterprise.uscc] } });
    await subscribe('https://other.example.cn/hook', { filter: { usccs: [usccFor(9)] } });
    await subscribe('https://issued-only.example.cn/hook', { events: ['licence.issued'] });
    world.publisher.forget();

    // Act
    const suspended = await statusChanged(world, certificate.licenceNumber, 'suspend');
    await drain(world, deps);

    // Assess
    expect(sender.requests.map((r) => r.url).sort()).toEqual([
      'https://all.example.cn/hook',
      'https://mine.example.cn/hook',
    ]);
    for (const [request, secret] of sender.requests.map(
      (r) => [r, r.url.includes('all') ? all.secret : mine.secret] as const,
    )) {
      expect(() => verifyWebhook(secret, request.headers, request.body, { now: world.clock.now() })).not.toThrow();
      expect(JSON.parse(request.body)).toMatchObject({
        id: `evt_${certificate.licenceNumber.toUrlSafe()}_r${suspended.revision}`,
        type: 'licence.status_changed',
        data: { status: 'suspended', previousStatus: 'valid', sequence: suspended.revision },
      });
    }
    // Every message completed: the relay has nothing of this topic to re-send, ever
    world.clock.advance({ days: 2 });
    expect(await relayDue(world)).toEqual([]);
  });

  test('a failed attempt waits for its time; an early duplicate does nothing; the relay’s re-send delivers it', async () => {
    // Prepare: a receiver down for its first answer
    let down = true;
    const { world, sender, deps, subscribe } = setUp(() => (down ? { status: 503 } : { status: 200 }));
    const { certificate } = await issued(world);
    const { subscription } = await subscribe('https://hooks.example.cn/hook');
    world.publisher.forget();
    await statusChanged(world, certificate.licenceNumber, 'revoke');
    const [event] = queued(world);

    // Act: the fan-out attempts the delivery at once; a copy of its message arrives early; the relay sends it when due
    const first = await handleWebhookMessage(deps, event as string);
    const [stored] = (await world.webhookDeliveries.listFor(subscription.id, {})).items;
    const delivery = JSON.stringify({ subscriptionId: subscription.id, eventId: stored?.eventId });
    const duplicate = await handleWebhookMessage(deps, delivery);
    down = false;
    const early = await relayDue(world);
    world.clock.advance({ seconds: 30 });
    const due = await relayDue(world);
    const second = await handleWebhookMessage(deps, due[0] as string);

    // Assess
    expect(first).toMatchObject({ kind: 'fanned-out', deliveries: 1 });
    expect(stored).toMatchObject({ state: 'pending', attempts: 1 });
    expect(duplicate).toEqual({ kind: 'skipped', reason: 'not due yet' });
    expect(early).toEqual([]);
    expect(due).toEqual([delivery]);
    expect(second).toMatchObject({ kind: 'attempted', delivery: { state: 'delivered', attempts: 2 } });
    expect(sender.requests).toHaveLength(2);
    expect(await relayDue(world)).toEqual([]);
  });

  test('a day without a 2xx exhausts the delivery into the DLQ; a re-drive opens a new window', async () => {
    // Prepare: a receiver that is always down
    let up = false;
    const { world, deps, subscribe } = setUp(() => (up ? { status: 204 } : { failure: 'timeout' }));
    const { certificate } = await issued(world);
    const { subscription } = await subscribe('https://hooks.example.cn/hook');
    world.publisher.forget();
    await statusChanged(world, certificate.licenceNumber, 'cancel');
    await drain(world, deps);

    // Act: the relay re-sends each retry when due, until the window closes
    let attempts = 1;
    for (let step = 0; step < 200 && world.webhookDeadLetters.parked.length === 0; step++) {
      world.clock.advance({ minutes: 30 });
      for (const body of await relayDue(world)) {
        await handleWebhookMessage(deps, body);
        attempts++;
      }
    }
    const parked = [...world.webhookDeadLetters.parked];
    up = true;
    const redriven = await handleWebhookMessage(deps, JSON.stringify(parked[0]));

    // Assess
    expect(parked).toEqual([{ subscriptionId: subscription.id, eventId: expect.stringMatching(/^evt_/) }]);
    expect(attempts).toBeGreaterThan(20);
    expect(redriven).toMatchObject({ kind: 'attempted', delivery: { state: 'delivered' } });
  });

  test('a subscriber failing for a day is disabled, and its pending deliveries are cancelled', async () => {
    // Prepare
    const { world, deps, subscribe } = setUp(() => ({ status: 500 }));
    const { certificate } = await issued(world);
    const { subscription } = await subscribe('https://hooks.example.cn/hook');
    world.publisher.forget();
    await statusChanged(world, certificate.licenceNumber, 'suspend');
    await drain(world, deps);

    // Act: a day of failed retries
    while ((await world.webhookSubscriptions.get(subscription.id))?.state === 'active') {
      world.clock.advance({ minutes: 61 });
      for (const body of await relayDue(world)) await handleWebhookMessage(deps, body);
      await statusChanged(world, certificate.licenceNumber, 'reinstate').catch(() => undefined);
      await statusChanged(world, certificate.licenceNumber, 'suspend').catch(() => undefined);
      await drain(world, deps);
    }
    world.clock.advance({ hours: 2 });
    for (const body of await relayDue(world)) await handleWebhookMessage(deps, body);

    // Assess
    const disabled = await world.webhookSubscriptions.get(subscription.id);
    expect(disabled).toMatchObject({ state: 'disabled', disabledAt: expect.any(String) });
    expect(Date.parse(disabled?.disabledAt ?? '') - Date.parse(disabled?.failingSince ?? '')).toBeGreaterThanOrEqual(
      86_400_000,
    );
    expect(await relayDue(world)).toEqual([]);
    const states = (await world.webhookDeliveries.listFor(subscription.id, { limit: 100 })).items.map((d) => d.state);
    expect(states).toContain('cancelled');
    expect(states).not.toContain('pending');
  });

  test('1,000 status changes under failures, timeouts and duplicated messages: each subscriber gets every event it asked for once by id, in order by sequence, and nothing else', async () => {
    // Prepare: 20 licences, 3 subscribers with different filters; a receiver answers 503 one time in 8 and times out
    // one time in 10 (half of those after the request arrived), and one queue message in 5 arrives twice.
    let n = 0;
    const { world, sender, deps, subscribe } = setUp(
      () => {
        n++;
        if (n % 8 === 0) return { status: 503 };
        if (n % 10 === 0) return { failure: 'timeout', reached: n % 20 === 0 };
        return { status: 200 };
      },
      () => (n % 7) / 7,
    );
    const licences = [];
    for (let seed = 1; seed <= 20; seed++) licences.push((await issued(world, { seed })).certificate);
    world.clock.advance({ seconds: 1 }); // the subscribers come after the issuances (they never hear of them)
    const everything = await subscribe('https://all.example.cn/hook');
    const firstFive = await subscribe('https://five.example.cn/hook', {
      filter: { usccs: licences.slice(0, 5).map((l) => l.enterprise.uscc) },
    });
    const issuedOnly = await subscribe('https://issued.example.cn/hook', { events: ['licence.issued'] });
    world.publisher.forget();
    let message = 0;
    const copies = () => (++message % 5 === 0 ? 2 : 1);

    // Act: 1,000 changes (suspend and reinstate in turn), the worker keeping up, time moving a minute at a time
    for (let change = 0; change < 1000; change++) {
      const licence = licences[change % licences.length];
      await statusChanged(
        world,
        licence?.licenceNumber as never,
        Math.floor(change / 20) % 2 === 0 ? 'suspend' : 'reinstate',
      );
      if (change % 10 === 9) {
        await drain(world, deps, copies);
        world.clock.advance({ minutes: 1 });
        for (const body of await relayDue(world))
          for (let c = copies(); c > 0; c--) await handleWebhookMessage(deps, body);
      }
    }
    // … then until every delivery is done: the worker drains the queue, time moves, the relay re-sends what is due
    for (let round = 0; round < 500; round++) {
      await drain(world, deps, copies);
      if (![...world.table.outbox.values()].some((m) => m.topic === 'webhooks')) break;
      world.clock.advance({ minutes: 5 });
      for (const body of await relayDue(world))
        for (let c = copies(); c > 0; c--) await handleWebhookMessage(deps, body);
    }

    // Assess
    const received = (url: string) => {
      const events = sender.reached.filter((r) => r.url === url).map((r) => JSON.parse(r.body));
      return new Map(events.map((e) => [e.id as string, e]));
    };
    const all = received('https://all.example.cn/hook');
    const five = received('https://five.example.cn/hook');
    expect(all.size).toBe(1000);
    expect(five.size).toBe(250);
    expect(received('https://issued.example.cn/hook').size).toBe(0);
    const fiveUsccs = new Set(licences.slice(0, 5).map((l) => l.enterprise.uscc));
    expect([...five.values()].every((e) => fiveUsccs.has(e.data.enterprise.uscc))).toBe(true);
    for (const events of [all, five]) {
      const byLicence = new Map<string, number[]>();
      for (const e of [...events.values()].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))) {
        byLicence.set(e.data.licenceNo, [...(byLicence.get(e.data.licenceNo) ?? []), e.data.sequence]);
      }
      for (const sequences of byLicence.values()) {
        expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
        expect(new Set(sequences).size).toBe(sequences.length);
      }
    }
    expect(sender.reached.length).toBeGreaterThan(1250); // duplicates arrived …
    expect(world.webhookDeadLetters.parked).toEqual([]); // … and nothing was given up
    expect(everything.subscription.id).not.toBe(firstFive.subscription.id);
    expect(issuedOnly.subscription.events).toEqual(['licence.issued']);
  });

  test('a test event goes to its subscriber only, whatever it subscribed to, and shows in its delivery log', async () => {
    // Prepare
    const { world, sender, deps, subscribe } = setUp();
    const { subscription, secret } = await subscribe('https://hooks.example.cn/hook', { events: ['licence.issued'] });
    await subscribe('https://other.example.cn/hook');

    // Act
    const { eventId } = await sendTestEvent(deps, { subscriptionId: subscription.id });
    await drain(world, deps);
    const missing = await sendTestEvent(deps, { subscriptionId: 'WH-AAAAAAAAAAAAAAAAAAAA' }).catch((e: unknown) => e);

    // Assess
    expect(sender.requests.map((r) => r.url)).toEqual(['https://hooks.example.cn/hook']);
    const request = sender.requests[0] as WebhookRequest;
    expect(() => verifyWebhook(secret, request.headers, request.body, { now: world.clock.now() })).not.toThrow();
    expect(JSON.parse(request.body)).toMatchObject({ id: eventId, type: 'webhook.test' });
    const log = await world.webhookDeliveries.listFor(subscription.id, {});
    expect(log.items).toMatchObject([{ eventId, type: 'webhook.test', state: 'delivered', attempts: 1 }]);
    expect(missing).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' });
  });
});
