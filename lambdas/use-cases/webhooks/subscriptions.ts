/**
 * The webhook subscriptions an admin keeps (`docs/webhooks.md`): register one (its signing secret shown once), read
 * and list them, rotate a secret with an overlap in which both sign. Every change is in the administration audit
 * trail. Secrets are sealed by the {@link SecretBox} before they are stored and opened only to be shown to the admin
 * who made them (or, later, to sign a delivery).
 *
 * @example
 * const { subscription, secret } = await registerSubscription(deps, { input: body, actor, idempotencyKey });
 * const rotated = await rotateSubscriptionSecret(deps, { id: subscription.id, overlapHours: 24, actor });
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { WebhookDelivery } from '../../domain/webhooks/delivery';
import { WEBHOOK_SECRET_BYTES, webhookSecretOf } from '../../domain/webhooks/signature';
import {
  parseSubscriptionRequest,
  rotatedSecrets,
  type SubscriptionInput,
  type WebhookSubscriptionSnapshot,
} from '../../domain/webhooks/subscription';
import type { AdminAuditEntry, AdminAuditLog } from '../../ports/admin-audit-log';
import type { Clock } from '../../ports/clock';
import type { Page, PageRequest } from '../../ports/page';
import type { SecretBox } from '../../ports/secret-box';
import type { WebhookDeliveries } from '../../ports/webhook-deliveries';
import type { WebhookSubscriptions } from '../../ports/webhook-subscriptions';
import { randomCode } from '../random-code';
import { requestHash } from '../request-hash';

export interface SubscriptionDeps {
  readonly subscriptions: WebhookSubscriptions;
  /** The delivery log, and the subscribers' health (cleared when an admin enables one again). */
  readonly deliveries: Pick<WebhookDeliveries, 'listFor' | 'noteHealth'>;
  readonly secrets: SecretBox;
  readonly audit: AdminAuditLog;
  readonly clock: Clock;
  /** The local runtime's setting: plain http to loopback is accepted (never in a cloud stage). */
  readonly allowLoopback: boolean;
}

/** A subscription and the secret that now signs its deliveries (shown once). */
export interface SubscriptionWithSecret {
  readonly subscription: WebhookSubscriptionSnapshot;
  readonly secret: string;
  /** True when an idempotent retry answered the subscription it had registered. */
  readonly replayed: boolean;
}

/** The acting admin, as the audit trail records them. */
type Actor = { readonly id: string; readonly role: string };

/**
 * The id of a subscription: derived from the admin and their `Idempotency-Key` when one is sent (so a retry finds
 * the first one), else random.
 *
 * @example
 * subscriptionId(actor, 'c0ffee'); // 'WH-…' (the same for the same admin and key)
 */
export function subscriptionId(actor: Actor, idempotencyKey?: string): string {
  if (!idempotencyKey) return `WH-${randomCode(20)}`;
  const digest = createHash('sha256').update(`${actor.id}\n${idempotencyKey}`).digest();
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `WH-${[...digest.subarray(0, 20)].map((b) => alphabet[b % 32]).join('')}`;
}

/**
 * Register a subscription (admins). The secret is returned once; the table keeps it sealed. With an
 * `idempotencyKey`, a retry of the same request answers the same subscription and secret (`replayed`); another
 * request under the same key is `IDEMPOTENCY_KEY_REUSED` (409).
 *
 * @example
 * const { subscription, secret } = await registerSubscription(deps, { input, actor });
 */
export async function registerSubscription(
  deps: SubscriptionDeps,
  command: { readonly input: SubscriptionInput; readonly actor: Actor; readonly idempotencyKey?: string },
): Promise<SubscriptionWithSecret> {
  const request = parseSubscriptionRequest(command.input, { allowLoopback: deps.allowLoopback });
  const id = subscriptionId(command.actor, command.idempotencyKey);
  const hash = requestHash(request);
  const now = deps.clock.now().toISOString();
  const secret = webhookSecretOf(randomBytes(WEBHOOK_SECRET_BYTES));
  const subscription: WebhookSubscriptionSnapshot = {
    id,
    ...request,
    secrets: [{ secret: await deps.secrets.seal(secret, id), createdAt: now }],
    state: 'active',
    createdAt: now,
    createdBy: command.actor.id,
    updatedAt: now,
    revision: 1,
    requestHash: hash,
  };
  if (!(await deps.subscriptions.add(subscription))) {
    const existing = await deps.subscriptions.get(id);
    if (!existing || existing.requestHash !== hash || existing.createdBy !== command.actor.id) {
      throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another subscription');
    }
    const first = existing.secrets.at(-1);
    return { subscription: existing, secret: first ? await deps.secrets.open(first.secret, id) : '', replayed: true };
  }
  await deps.audit.append(auditEntry('webhook-subscription-registered', command.actor, id, now, { url: request.url }));
  return { subscription, secret, replayed: false };
}

/**
 * One subscription; `WEBHOOK_SUBSCRIPTION_NOT_FOUND` (404) for none.
 *
 * @example
 * await getSubscription(deps, 'WH-…');
 */
export async function getSubscription(
  deps: Pick<SubscriptionDeps, 'subscriptions'>,
  id: string,
): Promise<WebhookSubscriptionSnapshot> {
  const found = await deps.subscriptions.get(id);
  if (!found) throw new NotFoundError('WEBHOOK_SUBSCRIPTION_NOT_FOUND', `no webhook subscription ${id}`);
  return found;
}

/**
 * The subscriptions, newest first, a page at a time.
 *
 * @example
 * const page = await listSubscriptions(deps, { limit: 20 });
 */
export function listSubscriptions(
  deps: Pick<SubscriptionDeps, 'subscriptions'>,
  page: PageRequest,
): Promise<Page<WebhookSubscriptionSnapshot>> {
  return deps.subscriptions.list(page);
}

/**
 * Give a subscription a new secret (shown once); the one it replaces keeps signing beside it for `overlapHours`
 * (0 to 72; 0 retires it at once — after a leak). Conditioned on the revision read, or on `expectedRevision` when the
 * admin saw one (`CONCURRENT_MODIFICATION`, 409).
 *
 * @example
 * const { secret } = await rotateSubscriptionSecret(deps, { id, overlapHours: 24, actor });
 */
export async function rotateSubscriptionSecret(
  deps: SubscriptionDeps,
  command: {
    readonly id: string;
    readonly overlapHours: number;
    readonly actor: Actor;
    readonly expectedRevision?: number;
  },
): Promise<SubscriptionWithSecret> {
  const current = await getSubscription(deps, command.id);
  if (command.expectedRevision !== undefined && command.expectedRevision !== current.revision) {
    throw new ConflictError('CONCURRENT_MODIFICATION', 'the subscription changed since you read it', {
      expectedRevision: command.expectedRevision,
      revision: current.revision,
    });
  }
  const now = deps.clock.now();
  const secret = webhookSecretOf(randomBytes(WEBHOOK_SECRET_BYTES));
  const sealed = await deps.secrets.seal(secret, current.id);
  const next: WebhookSubscriptionSnapshot = {
    ...current,
    secrets: rotatedSecrets(current.secrets, sealed, { now, overlapHours: command.overlapHours }),
    updatedAt: now.toISOString(),
    revision: current.revision + 1,
  };
  await deps.subscriptions.save(next, current.revision);
  const details = { overlapHours: command.overlapHours };
  await deps.audit.append(auditEntry('webhook-secret-rotated', command.actor, current.id, now.toISOString(), details));
  return { subscription: next, secret, replayed: false };
}

/**
 * A subscriber's deliveries, newest first, a page at a time (`WEBHOOK_SUBSCRIPTION_NOT_FOUND` for none).
 *
 * @example
 * const page = await listDeliveries(deps, 'WH-…', { limit: 20 });
 */
export async function listDeliveries(
  deps: Pick<SubscriptionDeps, 'subscriptions' | 'deliveries'>,
  subscriptionId: string,
  page: PageRequest,
): Promise<Page<WebhookDelivery>> {
  await getSubscription(deps, subscriptionId);
  return deps.deliveries.listFor(subscriptionId, page);
}

/**
 * Enable a subscription again (after its receiver was mended; its failing day starts afresh) or disable it, audited.
 * Conditioned on the revision read, or on `expectedRevision` (`CONCURRENT_MODIFICATION`, 409).
 *
 * @example
 * await changeSubscriptionState(deps, { id, state: 'active', actor });
 */
export async function changeSubscriptionState(
  deps: SubscriptionDeps,
  command: {
    readonly id: string;
    readonly state: 'active' | 'disabled';
    readonly actor: Actor;
    readonly expectedRevision?: number;
  },
): Promise<WebhookSubscriptionSnapshot> {
  const current = await getSubscription(deps, command.id);
  if (command.expectedRevision !== undefined && command.expectedRevision !== current.revision) {
    throw new ConflictError('CONCURRENT_MODIFICATION', 'the subscription changed since you read it', {
      expectedRevision: command.expectedRevision,
      revision: current.revision,
    });
  }
  if (current.state === command.state) return current;
  const now = deps.clock.now();
  const { failingSince: _failing, disabledAt: _disabled, ...rest } = current;
  const next: WebhookSubscriptionSnapshot = {
    ...rest,
    state: command.state,
    ...(command.state === 'disabled' ? { disabledAt: now.toISOString() } : {}),
    updatedAt: now.toISOString(),
    revision: current.revision + 1,
  };
  await deps.subscriptions.save(next, current.revision);
  if (command.state === 'active') await deps.deliveries.noteHealth(current.id, true, now);
  const action = command.state === 'active' ? 'webhook-subscription-enabled' : 'webhook-subscription-disabled';
  await deps.audit.append(auditEntry(action, command.actor, current.id, now.toISOString(), {}));
  return next;
}

function auditEntry(
  action: AdminAuditEntry['action'],
  actor: Actor,
  subject: string,
  at: string,
  details: Readonly<Record<string, unknown>>,
): AdminAuditEntry {
  return { id: randomUUID(), at, action, actor: { id: actor.id, role: actor.role }, subject, details };
}
