/**
 * Standard Webhooks signatures: the specification's own example; every signature checked by the reference library
 * (`standardwebhooks`), with one secret and with two during a rotation; our verifier refuses what the reference
 * refuses — an altered body, id or timestamp, a stale timestamp, another secret — and accepts either overlapping secret.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, test } from 'vitest';
import {
  verifyWebhook,
  WEBHOOK_SECRET_PREFIX,
  webhookHeaders,
  webhookSecretOf,
  webhookSignature,
} from '../../../../lambdas/domain/webhooks/signature';

const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const body = JSON.stringify({ id: 'evt_42-XK06-001-00001_r2', type: 'licence.status_changed', data: { name: '武汉' } });
const now = new Date('2026-12-06T03:00:00.000Z');
const timestamp = Math.floor(now.getTime() / 1000);

describe('webhook signatures', () => {
  test('match the specification’s example', () => {
    // Act
    const signature = webhookSignature(SPEC.secret, SPEC);

    // Assess
    expect(signature).toBe(SPEC.signature);
  });

  test('verify with the reference library, one secret or two overlapping, Chinese text included', () => {
    // Prepare
    const [current, previous] = [webhookSecretOf(randomBytes(32)), webhookSecretOf(randomBytes(32))];
    // The reference library checks the timestamp against the machine's clock: sign at the machine's time.
    const message = { id: 'evt_42-XK06-001-00001_r2', timestamp: Math.floor(Date.now() / 1000), body };

    // Act
    const single = webhookHeaders([current], message);
    const rotating = webhookHeaders([current, previous], message);

    // Assess
    for (const secret of [current, previous]) {
      expect(new Webhook(secret).verify(body, { ...rotating }) as unknown).toEqual(JSON.parse(body));
    }
    expect(new Webhook(current).verify(body, { ...single }) as unknown).toEqual(JSON.parse(body));
    expect(() => new Webhook(previous).verify(body, { ...single })).toThrow();
    expect(rotating['webhook-signature'].split(' ')).toHaveLength(2);
    expect(current.startsWith(WEBHOOK_SECRET_PREFIX)).toBe(true);
  });

  test('our verifier accepts what the reference library signs and refuses alterations, staleness and other keys', () => {
    // Prepare
    const secret = webhookSecretOf(randomBytes(24));
    const other = webhookSecretOf(randomBytes(64));
    const id = 'evt_42-XK06-001-00001_r2';
    const reference = new Webhook(secret).sign(id, now, body);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': reference };
    const attempt =
      (h: Record<string, string>, b = body, at = now) =>
      () =>
        verifyWebhook(secret, h, b, { now: at });

    // Act + Assess
    expect(attempt(headers)).not.toThrow();
    expect(attempt({ ...headers, 'webhook-signature': `v1,bad ${reference}` })).not.toThrow();
    const refusals = [
      attempt(headers, body.replace('武汉', '黄石')),
      attempt({ ...headers, 'webhook-id': 'evt_other' }),
      attempt({ ...headers, 'webhook-timestamp': String(timestamp + 1) }),
      attempt(headers, body, new Date(now.getTime() + 301_000)),
      attempt({ ...headers, 'webhook-signature': webhookSignature(other, { id, timestamp, body }) }),
      attempt({ ...headers, 'webhook-signature': reference.replace('v1,', 'v2,') }),
      attempt({ 'webhook-id': id, 'webhook-timestamp': String(timestamp) }),
    ];
    for (const refused of refusals)
      expect(refused).toThrowError(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }));
  });

  test('a secret has 24 to 64 bytes and the whsec_ prefix; ids are printable ASCII', () => {
    // Act + Assess
    expect(() => webhookSecretOf(randomBytes(23))).toThrow();
    expect(() => webhookSecretOf(randomBytes(65))).toThrow();
    expect(() => webhookSignature('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', SPEC)).toThrow(/whsec_/);
    expect(() => webhookSignature(SPEC.secret, { ...SPEC, id: 'a b' })).toThrow(/printable/);
    expect(() => webhookHeaders([], SPEC)).toThrow();
  });
});
