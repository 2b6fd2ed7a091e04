import { describe, expect, it } from 'vitest';
import { parsePostalAddress } from '../../../lambdas/domain/postal-address';
import { dispatchOutboxWrites, RELAY_GRACE_MS } from '../../../lambdas/use-cases/dispatch/outbox';

const address = parsePostalAddress(
  { recipient: '张三', phone: '13812345678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' },
  'address',
);
const request = {
  licenceNo: '(鄂)XK06-001-00001',
  version: 1,
  paperSerial: '20260000007',
  uscc: '91420100MA4K2X1R09',
  address,
  reason: 'issue' as const,
  requestedBy: 'officer-7',
  // 2026-01-31 23:30 in Wuhan: the month of the postage statement is Asia/Shanghai's.
  at: new Date('2026-01-31T15:30:00.000Z'),
};

describe('dispatchOutboxWrites', () => {
  it('writes one pending dispatch keyed by paper serial, which must not exist yet', () => {
    // Act
    const writes = dispatchOutboxWrites(request);

    // Assess
    expect(writes).toHaveLength(1);
    const [write] = writes;
    expect(write?.mustNotExist).toBe(true);
    expect(write?.item).toMatchObject({
      pk: 'DISPATCH#DSP-20260000007',
      sk: '#DISPATCH',
      id: 'DSP-20260000007',
      state: 'pending',
      licenceNo: '(鄂)XK06-001-00001',
      version: 1,
      reason: 'issue',
      address,
      relayCount: 0,
    });
  });

  it('indexes the dispatch for the relay, the enterprise and the monthly statement', () => {
    // Act
    const [write] = dispatchOutboxWrites(request);

    // Assess
    const due = new Date(request.at.getTime() + RELAY_GRACE_MS).toISOString();
    expect(write?.item).toMatchObject({
      nextRelayAt: due,
      gsi1pk: 'DISPATCH#PENDING',
      gsi1sk: `${due}#DSP-20260000007`,
      gsi2pk: 'DISPATCHES#ENT#91420100MA4K2X1R09',
      gsi2sk: '2026-01-31T15:30:00.000Z#DSP-20260000007',
      gsi3pk: 'DISPATCHES#pending#2026-01',
      gsi3sk: '2026-01-31T15:30:00.000Z#DSP-20260000007',
    });
  });

  it('gives a reissued copy (new paper serial) its own dispatch', () => {
    // Act
    const [first] = dispatchOutboxWrites(request);
    const [reissued] = dispatchOutboxWrites({ ...request, paperSerial: '20260000008', reason: 'reissue' });

    // Assess
    expect(reissued?.item.pk).not.toBe(first?.item.pk);
  });
});
