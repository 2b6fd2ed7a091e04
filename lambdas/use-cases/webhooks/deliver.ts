/**
 * The webhook worker (`webhook-worker`, on the `webhooks` queue; `docs/webhooks.md`). Two kinds of message:
 *
 * - **An event** (`{ eventId }`, written with its change): fanned out — for each active subscription that wants it and
 *   was registered before the change, the delivery is attempted at once and stored with its outcome (only once: a
 *   redelivered event stores nothing twice), with its outbox message while it is still pending; then the event's
 *   message is completed.
 * - **A delivery** (`{ subscriptionId, eventId }`, sent by the relay when due): one attempt — signed (Standard Webhooks, every secret in its
 *   overlap), sent by the SSRF-safe sender, recorded at the attempt count read (two copies of one message never record
 *   two attempts) together with its outbox message: re-timed to the next attempt while pending (the relay re-sends it
 *   then: retries wait on the stored time and the injected clock, never on SQS delays), deleted once delivered or
 *   exhausted. An exhausted delivery (24 h without a 2xx) goes to the DLQ; a re-drive from there opens a new window.
 *   A copy that arrives before the delivery's next attempt is due (a duplicated SQS message) does nothing.
 * - **Failing subscribers**: every attempt notes the subscriber's health; one failing for a day is disabled (its
 *   pending deliveries are cancelled as they come) and an error line (`webhook subscriber disabled`) calls staff
 *   through the stage's alarm.
 *
 * A receiver's slowness or failure never touches the change that made the event: the event is written with the
 * change and everything here happens after, on this queue.
 *
 * @example
 * await handleWebhookMessage(deps, record.body);
 */

import { NotFoundError } from '../../domain/errors';
import { type AttemptOutcome, afterAttempt, isDelivered, type WebhookDelivery } from '../../domain/webhooks/delivery';
import { type TestEvent, type WebhookEvent, webhookBody } from '../../domain/webhooks/events';
import { webhookHeaders } from '../../domain/webhooks/signature';
import {
  isDueForDisabling,
  signingSecrets,
  subscriptionMatches,
  type WebhookSubscriptionSnapshot,
} from '../../domain/webhooks/subscription';
import type { Clock } from '../../ports/clock';
import type { OutboxPublisher } from '../../ports/outbox-publisher';
import type { OutboxStore } from '../../ports/outbox-store';
import type { SecretBox } from '../../ports/secret-box';
import type { OutboxMessage } from '../../ports/transaction-parts';
import type { WebhookDeadLetters } from '../../ports/webhook-dead-letters';
import type { WebhookDeliveries } from '../../ports/webhook-deliveries';
import type { WebhookSender } from '../../ports/webhook-sender';
import type { WebhookSubscriptions } from '../../ports/webhook-subscriptions';
import { logger } from '../../shared/logger';
import { outboxMessage } from '../outbox/message';
import { notifyCommitted } from '../outbox/notify';
import { randomCode } from '../random-code';

/** The error line the stage's alarm counts when a subscriber is disabled. */
export const WEBHOOK_SUBSCRIBER_DISABLED = 'webhook subscriber disabled';
/** The error line the stage's alarm counts when a delivery is exhausted (and parked in the DLQ). */
export const WEBHOOK_DELIVERY_EXHAUSTED = 'webhook delivery exhausted';
/** A copy of a delivery message arriving this early before the delivery is due is a duplicate: it does nothing. */
const EARLY_TOLERANCE_MS = 1000;

export interface WebhookWorkerDeps {
  readonly deliveries: WebhookDeliveries;
  readonly subscriptions: Pick<WebhookSubscriptions, 'get' | 'save'>;
  /**
   * The active subscriptions as read at `since` or later ({@link allActiveSubscriptions}; the composition keeps them a
   * second, and reads them again for an event newer than its copy).
   */
  readonly activeSubscriptions: (since: Date) => Promise<readonly WebhookSubscriptionSnapshot[]>;
  readonly secrets: SecretBox;
  readonly sender: WebhookSender;
  readonly publisher: OutboxPublisher;
  readonly outbox: Pick<OutboxStore, 'complete'>;
  readonly deadLetters: WebhookDeadLetters;
  readonly clock: Clock;
  /** The retries' jitter: a number in [0, 1). */
  readonly random: () => number;
}

/** What one message did (for logs and tests). */
export type WebhookWork =
  | { readonly kind: 'fanned-out'; readonly eventId: string; readonly deliveries: number }
  | { readonly kind: 'attempted'; readonly delivery: WebhookDelivery }
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * The message id of a delivery's outbox message.
 *
 * @example
 * deliveryMessageId('WH-K3M9…', 'evt_42-XK06-001-00001_r3'); // 'dlv.WH-K3M9….evt_42-XK06-001-00001_r3'
 */
export const deliveryMessageId = (subscriptionId: string, eventId: string): string =>
  `dlv.${subscriptionId}.${eventId}`;

const deliveryMessage = (subscriptionId: string, eventId: string, at: Date): OutboxMessage =>
  outboxMessage('webhooks', deliveryMessageId(subscriptionId, eventId), { subscriptionId, eventId }, at);

/**
 * Handle one message of the `webhooks` queue (see the module doc). An unreadable body is dropped with a log line
 * (nothing could ever read it); storage or KMS trouble throws, so the message comes back.
 *
 * @example
 * const work = await handleWebhookMessage(deps, '{"eventId":"evt_42-XK06-001-00001_r3"}');
 */
export async function handleWebhookMessage(deps: WebhookWorkerDeps, body: string): Promise<WebhookWork> {
  const [settled] = await handleWebhookMessages(deps, [body]);
  if (settled?.status === 'rejected') throw settled.reason;
  return (settled as PromiseFulfilledResult<WebhookWork>).value;
}

/**
 * Handle a batch of messages (see the module doc): their events read together, each message on its own — one that
 * throws does not stop the others — and the events' messages completed together at the end. The results are in the
 * order of the bodies (what `@middy/sqs-partial-batch-failure` reads).
 *
 * @example
 * const settled = await handleWebhookMessages(deps, event.Records.map((r) => r.body));
 */
export async function handleWebhookMessages(
  deps: WebhookWorkerDeps,
  bodies: readonly string[],
): Promise<PromiseSettledResult<WebhookWork>[]> {
  const messages = bodies.map(parseBody);
  const fanOuts = messages.filter((m) => m !== undefined && m.subscriptionId === undefined) as { eventId: string }[];
  const events = fanOuts.length > 0 ? await deps.deliveries.events(fanOuts.map((m) => m.eventId)) : new Map();
  const done: string[] = [];
  const settled = await Promise.allSettled(
    messages.map(async (message, n) => {
      if (!message) {
        logger.error('webhook message dropped: unreadable body', { body: (bodies[n] as string).slice(0, 200) });
        return { kind: 'skipped', reason: 'unreadable' } as const;
      }
      if (message.subscriptionId !== undefined) return attempt(deps, message.subscriptionId, message.eventId);
      const work = await fanOut(deps, message.eventId, events.get(message.eventId));
      done.push(message.eventId);
      return work;
    }),
  );
  if (done.length > 0) await deps.outbox.complete(done.map((id) => ({ topic: 'webhooks' as const, id })));
  return settled;
}

function parseBody(body: string): { eventId: string; subscriptionId?: string } | undefined {
  try {
    const parsed = JSON.parse(body) as { eventId?: unknown; subscriptionId?: unknown };
    if (typeof parsed.eventId !== 'string') return undefined;
    if (parsed.subscriptionId !== undefined && typeof parsed.subscriptionId !== 'string') return undefined;
    return typeof parsed.subscriptionId === 'string'
      ? { eventId: parsed.eventId, subscriptionId: parsed.subscriptionId }
      : { eventId: parsed.eventId };
  } catch {
    return undefined;
  }
}

/** Fan one event out; the caller completes its message once this returns. */
async function fanOut(deps: WebhookWorkerDeps, eventId: string, event: WebhookEvent | undefined): Promise<WebhookWork> {
  if (!event || event.type === 'webhook.test') {
    // A test event has its one delivery already; a missing event cannot be fanned out.
    if (!event) logger.error('webhook event not found: its message is dropped', { eventId });
    return { kind: 'skipped', reason: event ? 'test event' : 'no event' };
  }
  const now = deps.clock.now();
  const wanting = (await deps.activeSubscriptions(new Date(event.timestamp))).filter(
    // A subscription hears of changes made after it was registered, however late the event is fanned out.
    (subscription) => subscription.createdAt <= event.timestamp && subscriptionMatches(subscription, event),
  );
  // Each delivery is attempted first and stored with its outcome in one write (with its outbox message while pending).
  // A run that dies in between leaves the event's message, which the relay sends again: the receiver may then get
  // the event twice, and de-duplicates it by its id.
  const created = await Promise.all(
    wanting.map(async (subscription) => {
      const fresh: WebhookDelivery = {
        subscriptionId: subscription.id,
        eventId: event.id,
        type: event.type,
        licenceNo: event.data.licenceNo,
        sequence: event.data.sequence,
        state: 'pending',
        attempts: 0,
        createdAt: now.toISOString(),
      };
      const outcome = await send(deps, subscription, event, deps.clock.now());
      const delivery = afterAttempt(fresh, outcome, { now: deps.clock.now(), random: deps.random });
      if (!(await deps.deliveries.create(delivery, deliveryMessage(subscription.id, event.id, now)))) return 0;
      await afterRecorded(deps, subscription, delivery, isDelivered(outcome));
      return 1;
    }),
  );
  return { kind: 'fanned-out', eventId, deliveries: created.reduce<number>((a, b) => a + b, 0) };
}

/**
 * Every active subscription, read a page at a time.
 *
 * @example
 * const active = await allActiveSubscriptions(subscriptions);
 */
export async function allActiveSubscriptions(
  subscriptions: Pick<WebhookSubscriptions, 'list'>,
): Promise<WebhookSubscriptionSnapshot[]> {
  const active: WebhookSubscriptionSnapshot[] = [];
  let cursor: string | undefined;
  do {
    const page = await subscriptions.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    active.push(...page.items.filter((s) => s.state === 'active'));
    cursor = page.cursor;
  } while (cursor);
  return active;
}

async function attempt(deps: WebhookWorkerDeps, subscriptionId: string, eventId: string): Promise<WebhookWork> {
  const message = deliveryMessage(subscriptionId, eventId, deps.clock.now());
  const stored = await deps.deliveries.get(subscriptionId, eventId);
  if (!stored || stored.state === 'delivered' || stored.state === 'cancelled') {
    await deps.outbox.complete([message]);
    return { kind: 'skipped', reason: stored ? stored.state : 'no delivery' };
  }
  const due = stored.nextAttemptAt ? Date.parse(stored.nextAttemptAt) : 0;
  if (stored.state === 'pending' && due - deps.clock.now().getTime() > EARLY_TOLERANCE_MS) {
    return { kind: 'skipped', reason: 'not due yet' };
  }
  const [subscription, event] = await Promise.all([
    deps.subscriptions.get(subscriptionId),
    deps.deliveries.event(eventId),
  ]);
  return attemptDelivery(deps, stored, subscription, event);
}

/** One attempt of a stored delivery (see the module doc). */
async function attemptDelivery(
  deps: WebhookWorkerDeps,
  stored: WebhookDelivery,
  subscription: WebhookSubscriptionSnapshot | undefined,
  event: WebhookEvent | undefined,
): Promise<WebhookWork> {
  const { subscriptionId, eventId } = stored;
  const message = deliveryMessage(subscriptionId, eventId, deps.clock.now());
  // Back from the DLQ: a new window of attempts.
  const current: WebhookDelivery =
    stored.state === 'exhausted'
      ? (({ firstAttemptAt: _first, ...rest }) => ({ ...rest, state: 'pending' as const }))(stored)
      : stored;
  if (!subscription || subscription.state === 'disabled' || !event) {
    const { nextAttemptAt: _next, ...rest } = current;
    await deps.deliveries.record({ ...rest, state: 'cancelled' }, stored.attempts, message);
    return { kind: 'skipped', reason: 'subscriber disabled' };
  }
  const outcome = await send(deps, subscription, event, deps.clock.now());
  const next = afterAttempt(current, outcome, { now: deps.clock.now(), random: deps.random });
  if (!(await deps.deliveries.record(next, stored.attempts, message))) {
    return { kind: 'skipped', reason: 'recorded by another worker' };
  }
  await afterRecorded(deps, subscription, next, isDelivered(outcome));
  return { kind: 'attempted', delivery: next };
}

/** After an attempt is stored: the subscriber's health, and an exhausted delivery parked in the DLQ. */
async function afterRecorded(
  deps: WebhookWorkerDeps,
  subscription: WebhookSubscriptionSnapshot,
  delivery: WebhookDelivery,
  succeeded: boolean,
): Promise<void> {
  await noteHealth(deps, subscription, succeeded);
  if (delivery.state === 'exhausted') {
    const { subscriptionId, eventId } = delivery;
    await deps.deadLetters.park({ subscriptionId, eventId });
    logger.error(WEBHOOK_DELIVERY_EXHAUSTED, { subscriptionId, eventId, attempts: delivery.attempts });
  }
}

/**
 * Send an admin's test event (`webhook.test`) to one subscriber, whatever it subscribed to: the event, its delivery and
 * the delivery's outbox message in one write, published at once. `WEBHOOK_SUBSCRIPTION_NOT_FOUND` (404) for none.
 *
 * @example
 * const { eventId } = await sendTestEvent(deps, { subscriptionId });
 */
export async function sendTestEvent(
  deps: Pick<WebhookWorkerDeps, 'deliveries' | 'subscriptions' | 'publisher' | 'clock'>,
  input: { readonly subscriptionId: string },
): Promise<{ readonly eventId: string }> {
  const subscription = await deps.subscriptions.get(input.subscriptionId);
  if (!subscription) {
    throw new NotFoundError('WEBHOOK_SUBSCRIPTION_NOT_FOUND', `no webhook subscription ${input.subscriptionId}`);
  }
  const now = deps.clock.now();
  const event: TestEvent = {
    id: `evt_test_${randomCode(16)}`,
    type: 'webhook.test',
    timestamp: now.toISOString(),
    data: { subscriptionId: subscription.id, message: '这是一条测试事件。This is a test event.' },
  };
  const message = deliveryMessage(subscription.id, event.id, now);
  const delivery: WebhookDelivery = {
    subscriptionId: subscription.id,
    eventId: event.id,
    type: event.type,
    state: 'pending',
    attempts: 0,
    createdAt: now.toISOString(),
  };
  await deps.deliveries.createTest(event, delivery, message);
  await notifyCommitted(deps, [message]);
  return { eventId: event.id };
}

/** Sign and send one event to one subscriber; the answer as an attempt's outcome. */
async function send(
  deps: WebhookWorkerDeps,
  subscription: WebhookSubscriptionSnapshot,
  event: WebhookEvent,
  now: Date,
): Promise<AttemptOutcome> {
  const sealed = signingSecrets(subscription.secrets, now);
  const secrets = await Promise.all(sealed.map((s) => deps.secrets.open(s, subscription.id)));
  const body = webhookBody(event);
  const headers = webhookHeaders(secrets, { id: event.id, timestamp: Math.floor(now.getTime() / 1000), body });
  const answer = await deps.sender.send({ url: subscription.url, headers: { ...headers }, body });
  return answer.kind === 'answered'
    ? { status: answer.status, detail: answer.body, durationMs: Math.round(answer.durationMs), at: now.toISOString() }
    : {
        failure: answer.reason,
        detail: answer.detail.slice(0, 1024),
        durationMs: Math.round(answer.durationMs),
        at: now.toISOString(),
      };
}

/** Note the attempt on the subscriber's health; disable it once failing for a day. */
async function noteHealth(
  deps: WebhookWorkerDeps,
  subscription: WebhookSubscriptionSnapshot,
  succeeded: boolean,
): Promise<void> {
  const now = deps.clock.now();
  const failingSince = await deps.deliveries.noteHealth(subscription.id, succeeded, now);
  if (!isDueForDisabling(failingSince, now)) return;
  for (let tries = 0; tries < 5; tries++) {
    const current = await deps.subscriptions.get(subscription.id);
    if (!current || current.state === 'disabled') return;
    const disabled: WebhookSubscriptionSnapshot = {
      ...current,
      state: 'disabled',
      ...(failingSince ? { failingSince } : {}),
      disabledAt: now.toISOString(),
      updatedAt: now.toISOString(),
      revision: current.revision + 1,
    };
    try {
      await deps.subscriptions.save(disabled, current.revision);
      logger.error(WEBHOOK_SUBSCRIBER_DISABLED, { subscriptionId: current.id, url: current.url, failingSince });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'CONCURRENT_MODIFICATION') throw error;
    }
  }
}
