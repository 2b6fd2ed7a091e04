/**
 * Webhook signatures as the **Standard Webhooks** specification defines them (https://www.standardwebhooks.com/):
 * every delivery carries `webhook-id`, `webhook-timestamp` (seconds since the epoch) and `webhook-signature` — one
 * `v1,<base64 HMAC-SHA256>` per secret, space-separated — over the text `{id}.{timestamp}.{body}`, keyed with the
 * secret's bytes (a secret is `whsec_` and the base64 of 24 to 64 random bytes). Two signatures while a rotated
 * secret overlaps the new one, so a receiver holding either verifies. Receivers verify with the reference library
 * (`standardwebhooks` on npm, and its ports) or a dozen lines of their own (`docs/webhooks.md`); this module's tests
 * check it against the reference library and the specification's own example.
 *
 * @example
 * const headers = webhookHeaders([secret], { id: 'evt_42-XK06-001-00001_r3', timestamp: 1796523620, body });
 * verifyWebhook(secret, headers, body, { now: new Date() }); // throws WEBHOOK_SIGNATURE_INVALID when altered
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../errors';

/** Prefix of every secret. @example secret.startsWith(WEBHOOK_SECRET_PREFIX) */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Bytes of a secret Permit makes (the specification allows 24 to 64). */
export const WEBHOOK_SECRET_BYTES = 32;
/** How far a delivery's timestamp may be from the receiver's clock (the specification's suggested tolerance). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The three headers of a delivery. @example headers['webhook-signature'] // 'v1,g0hM…' */
export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** What is signed: the event's id, the delivery's timestamp and the exact body bytes sent. */
export interface SignedMessage {
  readonly id: string;
  /** Whole seconds since the epoch. */
  readonly timestamp: number;
  readonly body: string;
}

const ID_TEXT = /^[\x21-\x7e]{1,256}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A secret from random bytes (the caller draws them: `randomBytes(WEBHOOK_SECRET_BYTES)`).
 *
 * @example
 * webhookSecretOf(randomBytes(32)); // 'whsec_…'
 */
export function webhookSecretOf(bytes: Uint8Array): string {
  if (bytes.length < 24 || bytes.length > 64)
    throw new Error(`a webhook secret has 24 to 64 bytes, not ${bytes.length}`);
  return `${WEBHOOK_SECRET_PREFIX}${Buffer.from(bytes).toString('base64')}`;
}

/** The key bytes of a secret (`whsec_` and base64). Throws for anything else. */
function keyOf(secret: string): Buffer {
  const text = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : '';
  if (!BASE64.test(text)) throw new Error('not a webhook secret (whsec_ and base64)');
  return Buffer.from(text, 'base64');
}

/**
 * The `v1,<base64>` signature of a message with one secret.
 *
 * @example
 * webhookSignature('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}' });
 * // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 */
export function webhookSignature(secret: string, message: SignedMessage): string {
  if (!ID_TEXT.test(message.id)) throw new Error('a webhook id is 1 to 256 printable ASCII characters');
  if (!Number.isSafeInteger(message.timestamp) || message.timestamp < 0) throw new Error('timestamp: whole seconds');
  const mac = createHmac('sha256', keyOf(secret))
    .update(`${message.id}.${message.timestamp}.${message.body}`, 'utf8')
    .digest('base64');
  return `v1,${mac}`;
}

/**
 * The headers of a delivery signed with every secret given (the current one, and a rotated one while it overlaps).
 *
 * @example
 * const headers = webhookHeaders([current, previous], { id, timestamp, body });
 */
export function webhookHeaders(secrets: readonly string[], message: SignedMessage): WebhookHeaders {
  if (secrets.length === 0) throw new Error('a delivery is signed with at least one secret');
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': secrets.map((secret) => webhookSignature(secret, message)).join(' '),
  };
}

/**
 * Verify a received delivery as a receiver does: the timestamp within {@link WEBHOOK_TOLERANCE_SECONDS} of `now`, and
 * one of the `v1` signatures made with `secret`. Throws `ValidationError` `WEBHOOK_SIGNATURE_INVALID` naming what
 * failed (the local sandbox receiver uses it; platforms use the reference library).
 *
 * @example
 * verifyWebhook(secret, request.headers, rawBody, { now: clock.now() });
 */
export function verifyWebhook(
  secret: string,
  headers: Readonly<Record<string, string | undefined>>,
  body: string,
  options: { readonly now: Date; readonly toleranceSeconds?: number },
): void {
  const id = headers['webhook-id'];
  const timestampText = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestampText || !signatures)
    throw invalid('headers', 'a webhook-id, -timestamp or -signature is missing');
  const timestamp = /^\d{1,12}$/.test(timestampText) ? Number(timestampText) : Number.NaN;
  const skew = Math.abs(Math.floor(options.now.getTime() / 1000) - timestamp);
  if (!(skew <= (options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS))) {
    throw invalid('webhook-timestamp', 'the timestamp is too far from now (a replay, or a clock out of step)');
  }
  const expected = Buffer.from(webhookSignature(secret, { id, timestamp, body }).slice(3), 'base64');
  const matches = signatures.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw invalid('webhook-signature', 'no signature matches the secret: the delivery was altered');
}

const invalid = (field: string, message: string) =>
  new ValidationError('WEBHOOK_SIGNATURE_INVALID', `webhook refused: ${message}`, [{ field, message }]);
