/**
 * The licence events a webhook subscriber can receive, and the body each delivery carries — the Standard Webhooks
 * payload shape `{ "type", "timestamp", "data" }` with Permit's `id` beside them:
 *
 * | type | when |
 * |---|---|
 * | `licence.issued` | a new licence (its first version) |
 * | `licence.version_added` | a new version of a licence (products added, amended, renewed) |
 * | `licence.status_changed` | suspended, reinstated, revoked or cancelled |
 *
 * `data.sequence` is the licence's revision after the change: it grows with every change of that licence (paper
 * reissues too, which send no event, so a subscriber may see gaps), so a receiver orders one licence's events by it
 * and drops one older than what it holds. The event id (`evt_{licence}_r{revision}`) is the same on every attempt
 * and every redelivery: a receiver de-duplicates by it (it is also the `webhook-id` header). Only public register
 * fields are sent — never internal notes, actors or personal data.
 *
 * @example
 * const event = licenceEvent('licence.status_changed', snapshot);
 * const body = webhookBody(event);
 */
import type { CertificateSnapshot } from '../certificate-snapshot';
import type { CertificateStatus } from '../certificate-status';

/** The event types, in the order the documentation lists them. */
export const WEBHOOK_EVENT_TYPES = ['licence.issued', 'licence.version_added', 'licence.status_changed'] as const;

/** One event type. @example const type: WebhookEventType = 'licence.status_changed'; */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The public facts of a licence an event carries. */
export interface LicenceEventData {
  /** Printed form, e.g. `(鄂)XK06-001-00001`. */
  readonly licenceNo: string;
  readonly sequence: number;
  readonly version: number;
  /** The stored status after the change (`expired` is computed from `validUntil`, never sent as a change). */
  readonly status: CertificateStatus;
  /** A status change's previous status. */
  readonly previousStatus?: CertificateStatus;
  /** A status change's public reason, as the verification page shows it. */
  readonly publicReason?: string;
  readonly enterprise: { readonly name: string; readonly uscc: string };
  /** Product category codes the licence covers, sorted. */
  readonly categories: readonly string[];
  readonly validUntil: string;
}

/**
 * The event an admin sends to check a subscriber's receiver (`POST …/test`): to that subscriber only, whatever it
 * subscribed to.
 *
 * @example
 * const event: TestEvent = { id: 'evt_test_K3M9Q2ZT7A', type: 'webhook.test', timestamp, data: { subscriptionId } };
 */
export interface TestEvent {
  readonly id: string;
  readonly type: 'webhook.test';
  readonly timestamp: string;
  readonly data: { readonly subscriptionId: string; readonly message: string };
}

/** Any event a delivery carries. */
export type WebhookEvent = LicenceEvent | TestEvent;

/** One event as delivered. */
export interface LicenceEvent {
  readonly id: string;
  readonly type: WebhookEventType;
  /** When the change happened (ISO 8601). */
  readonly timestamp: string;
  readonly data: LicenceEventData;
}

/**
 * The event of a change, from the certificate as the change left it.
 *
 * @example
 * licenceEvent('licence.issued', snapshot).id; // 'evt_42-XK06-001-00001_r1'
 */
export function licenceEvent(type: WebhookEventType, certificate: CertificateSnapshot): LicenceEvent {
  const latest = certificate.history.at(-1);
  const statusChange = type === 'licence.status_changed' && latest;
  const timestamp = statusChange ? latest.at : certificate.lastChange.at;
  return {
    id: webhookEventId(certificate.licenceNumber.toUrlSafe(), certificate.revision),
    type,
    timestamp,
    data: {
      licenceNo: certificate.licenceNumber.toString(),
      sequence: certificate.revision,
      version: certificate.version,
      status: certificate.status,
      ...(statusChange && latest.from ? { previousStatus: latest.from } : {}),
      ...(statusChange ? { publicReason: latest.publicReason } : {}),
      enterprise: { name: certificate.enterprise.name, uscc: certificate.enterprise.uscc },
      categories: [...new Set(certificate.products.map((p) => p.categoryCode))].sort(),
      validUntil: certificate.validUntil,
    },
  };
}

/**
 * The id of a licence's event at a revision: the same however often it is delivered.
 *
 * @example
 * webhookEventId('42-XK06-001-00001', 3); // 'evt_42-XK06-001-00001_r3'
 */
export const webhookEventId = (licenceUrlSafe: string, revision: number): string =>
  `evt_${licenceUrlSafe}_r${revision}`;

/**
 * The body of a delivery: the event as JSON, its keys in a fixed order (the signature covers these exact bytes).
 *
 * @example
 * const body = webhookBody(event); // '{"id":"evt_…","type":"licence.issued","timestamp":"…","data":{…}}'
 */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({ id: event.id, type: event.type, timestamp: event.timestamp, data: event.data });
}
