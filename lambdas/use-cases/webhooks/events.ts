/**
 * A licence change's webhook event as a part of the change's own transaction (`webhook-event`: the event item and its
 * `webhooks` outbox message), so an event exists exactly when its change committed, once — its id is the licence and
 * the revision the change gave it.
 *
 * @example
 * const webhook = webhookEventParts('licence.status_changed', snapshot, at);
 * await repository.commitStatusChange({ …, parts: [...others, ...webhook.parts] });
 * await notifyCommitted(deps, [webhook.message]);
 */
import type { CertificateSnapshot } from '../../domain/certificate-snapshot';
import { licenceEvent, type WebhookEventType } from '../../domain/webhooks/events';
import type { OutboxMessage, TransactionPart } from '../../ports/transaction-parts';
import { outboxMessage } from '../outbox/message';

export function webhookEventParts(
  type: WebhookEventType,
  certificate: CertificateSnapshot,
  at: Date,
): { readonly parts: readonly TransactionPart[]; readonly message: OutboxMessage } {
  const event = licenceEvent(type, certificate);
  const message = outboxMessage('webhooks', event.id, { eventId: event.id }, at);
  return { parts: [{ kind: 'webhook-event', event, message }], message };
}
