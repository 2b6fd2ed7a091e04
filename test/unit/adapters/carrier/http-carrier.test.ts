import { describe, expect, it } from 'vitest';
import { HttpCarrier } from '../../../../lambdas/adapters/carrier/http-carrier';
import { sign, signedHeaders, verifySignature } from '../../../../lambdas/contracts/carrier-protocol';
import { movesForward } from '../../../../lambdas/domain/dispatch';
import { parsePostalAddress } from '../../../../lambdas/domain/postal-address';
import { CarrierError } from '../../../../lambdas/ports/carrier';
import { retryDelaySeconds } from '../../../../lambdas/use-cases/dispatch/dispatch';
import { relayBackoffMs } from '../../../../lambdas/use-cases/outbox/relay';

const now = new Date('2026-11-27T02:00:00.000Z');
const recipient = parsePostalAddress(
  { recipient: '张三', phone: '13812345678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' },
  'a',
);

const codeOf = async (attempt: () => Promise<unknown>): Promise<string> => {
  try {
    await attempt();
    return 'none';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('signatures', () => {
  const body = '{"eventId":"EV-1"}';
  const headers = signedHeaders('k', 's3cret', body, now);

  it('sign HMAC-SHA256 over timestamp + "." + body, hex', () => {
    // Assess
    expect(headers['x-timestamp']).toBe(String(now.getTime() / 1000));
    expect(headers['x-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(headers['x-signature']).toBe(sign('s3cret', headers['x-timestamp'] ?? '', body));
  });

  it('verify within the window, refuse outside it, forged or missing', async () => {
    // Act
    const ok = await codeOf(async () => verifySignature({ headers, body, secret: 's3cret', now }));
    const edge = await codeOf(async () =>
      verifySignature({ headers, body, secret: 's3cret', now: new Date(now.getTime() + 300_000) }),
    );
    const late = await codeOf(async () =>
      verifySignature({ headers, body, secret: 's3cret', now: new Date(now.getTime() + 301_000) }),
    );
    const forged = await codeOf(async () => verifySignature({ headers, body: `${body} `, secret: 's3cret', now }));
    const missing = await codeOf(async () => verifySignature({ headers: {}, body, secret: 's3cret', now }));

    // Assess
    expect([ok, edge, late, forged, missing]).toEqual([
      'none',
      'none',
      'SIGNATURE_EXPIRED',
      'SIGNATURE_INVALID',
      'SIGNATURE_MISSING',
    ]);
  });
});

describe('HttpCarrier', () => {
  const carrierAnswering = (status: number, body: unknown, capture?: (req: Request) => void) =>
    new HttpCarrier({
      baseUrl: 'https://open.example.cn/',
      appKey: 'k',
      secret: async () => 's',
      timeoutMs: 50,
      clock: { now: () => now },
      fetch: async (input, init) => {
        capture?.(new Request(input, init));
        if (status === 0) throw Object.assign(new Error('timed out'), { name: 'TimeoutError' });
        return new Response(JSON.stringify(body), { status });
      },
    });
  const request = { orderId: 'DSP-20260000001', recipient, contents: '证书' };

  it('sends a signed order with the order id and a one-line address', async () => {
    // Prepare
    let seen: Request | undefined;
    const carrier = carrierAnswering(201, { code: 'OK', orderId: request.orderId, waybillNo: 'SB1' }, (r) => {
      seen = r;
    });

    // Act
    const waybill = await carrier.createWaybill(request);

    // Assess
    expect(waybill).toEqual({ orderId: request.orderId, waybillNo: 'SB1' });
    expect(seen?.url).toBe('https://open.example.cn/open/v1/waybills');
    const body = await seen?.text();
    expect(JSON.parse(body ?? '{}')).toMatchObject({
      orderId: request.orderId,
      recipient: { name: '张三', phone: '13812345678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' },
    });
    expect(seen?.headers.get('x-signature')).toBe(sign('s', seen?.headers.get('x-timestamp') ?? '', body ?? ''));
  });

  it('takes a 409 DUPLICATE_ORDER as the waybill already issued for the order', async () => {
    // Act
    const waybill = await carrierAnswering(409, {
      code: 'DUPLICATE_ORDER',
      orderId: request.orderId,
      waybillNo: 'SB9',
    }).createWaybill(request);

    // Assess
    expect(waybill.waybillNo).toBe('SB9');
  });

  it.each([
    [0, {}, 'CARRIER_TIMEOUT', true],
    [500, { code: 'SYSTEM_BUSY' }, 'CARRIER_UNAVAILABLE', true],
    [503, {}, 'CARRIER_UNAVAILABLE', true],
    [429, {}, 'CARRIER_RATE_LIMITED', true],
    [401, { code: 'AUTH_FAILED' }, 'CARRIER_AUTH', false],
    [400, { code: 'INVALID_ADDRESS' }, 'CARRIER_REJECTED', false],
    [409, { code: 'OTHER' }, 'CARRIER_REJECTED', false],
    [201, { code: 'OK', orderId: 'another', waybillNo: 'SB1' }, 'CARRIER_BAD_RESPONSE', true],
  ])('maps status %i to %s (retryable %s)', async (status, body, code, retryable) => {
    // Act
    const error = await carrierAnswering(status, body)
      .createWaybill(request)
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(CarrierError);
    expect((error as CarrierError).code).toBe(code);
    expect((error as CarrierError).retryable).toBe(retryable);
  });
});

describe('dispatch rules', () => {
  it('moves states only forward; delivered and returned are both final', () => {
    // Assess
    expect(movesForward('pending', 'label-created')).toBe(true);
    expect(movesForward('label-created', 'delivered')).toBe(true);
    expect(movesForward('delivered', 'in-transit')).toBe(false);
    expect(movesForward('delivered', 'returned')).toBe(false);
    expect(movesForward('returned', 'delivered')).toBe(false);
  });

  it('backs the relay off 1, 2, 4 … minutes, at most an hour', () => {
    // Assess
    expect([0, 1, 2, 3, 6, 7, 50].map(relayBackoffMs)).toEqual([
      60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });

  it('retries a failed message after base × 2^(receives − 1) seconds, at most 15 minutes; base 0 = queue default', () => {
    // Assess
    expect([1, 2, 3, 8, 20].map((n) => retryDelaySeconds(n, 15))).toEqual([15, 30, 60, 900, 900]);
    expect(retryDelaySeconds(4, 0)).toBe(0);
  });
});
