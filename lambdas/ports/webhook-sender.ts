/**
 * Port: one webhook delivery POSTed to a subscriber's URL, safely (no way into the private network). Adapter:
 * `lambdas/adapters/http/webhook-sender.ts`.
 */

/**
 * One delivery attempt: where to, with which headers (the Standard Webhooks `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`), and the JSON body exactly as signed.
 *
 * @example
 * const request: WebhookRequest = {
 *   url: 'https://hooks.example.com/permit',
 *   headers: { 'webhook-id': 'msg_2q…', 'webhook-timestamp': '1795752000', 'webhook-signature': 'v1,K5oZ…' },
 *   body: '{"type":"licence.status_changed",…}',
 * };
 */
export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Every way an attempt can fail before the subscriber answers (an answer of any status, 3xx and 5xx included, is
 * `answered`, not a failure):
 * - `timeout`: no complete answer within the time allowed (DNS, connect, TLS and the response together);
 * - `address-refused`: the host is, or resolves to, an address a webhook may not reach (private, loopback,
 *   link-local, cloud metadata, …);
 * - `dns`: the host name does not resolve;
 * - `connect`: the connection was refused, reset or unreachable;
 * - `tls`: the TLS handshake or the certificate check failed;
 * - `url-invalid`: not an https URL (http only for loopback where allowed), credentials in it, or not a URL at all.
 *
 * @example
 * WEBHOOK_FAILURES.includes('timeout'); // true
 */
export const WEBHOOK_FAILURES = ['timeout', 'address-refused', 'dns', 'connect', 'tls', 'url-invalid'] as const;

/**
 * One reason a delivery attempt failed; see {@link WEBHOOK_FAILURES}.
 *
 * @example
 * const reason: WebhookFailure = 'address-refused';
 */
export type WebhookFailure = (typeof WEBHOOK_FAILURES)[number];

/**
 * What came of one attempt. `answered` carries the status and at most the first 1 KB of the body (UTF-8, cut at a
 * character boundary, invalid bytes replaced); `failed` names the reason and a short human detail for the delivery
 * log. `durationMs` is informational (wall time of the attempt), never used for decisions.
 *
 * @example
 * const outcome: WebhookOutcome = { kind: 'answered', status: 204, body: '', durationMs: 42 };
 * const retryable = outcome.kind === 'failed' || outcome.status >= 500;
 */
export type WebhookOutcome =
  | { readonly kind: 'answered'; readonly status: number; readonly body: string; readonly durationMs: number }
  | {
      readonly kind: 'failed';
      readonly reason: WebhookFailure;
      readonly detail: string;
      readonly durationMs: number;
    };

/**
 * Sends one webhook delivery. Never throws for network trouble: every failure is a `failed` outcome.
 *
 * @example
 * const outcome = await sender.send({ url: subscriber.url, headers: signed.headers, body: signed.body });
 * if (outcome.kind === 'answered' && outcome.status < 300) markDelivered();
 */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookOutcome>;
}
