/**
 * What typed transaction parts become in DynamoDB (`lambdas/adapters/dynamo/transaction-parts.ts`): a paper copy's
 * dispatch and its outbox message, keyed and indexed as `docs/storage.md` says and written only if absent; the
 * application saved only on its revision; an inspection only if absent.
 */
import { describe, expect, it } from 'vitest';
import { transactItemsOf } from '../../../../lambdas/adapters/dynamo/transaction-parts';
import { Application } from '../../../../lambdas/domain/application';
import { localDateOf } from '../../../../lambdas/domain/dates';
import type { DispatchReason } from '../../../../lambdas/domain/dispatch';
import { Inspection } from '../../../../lambdas/domain/inspection';
import { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { parsePostalAddress } from '../../../../lambdas/domain/postal-address';
import { paperCopyParts } from '../../../../lambdas/use-cases/dispatch/paper-copy';
import { RELAY_GRACE_MS } from '../../../../lambdas/use-cases/outbox/message';

const TABLE = 'PermitTable';
const address = parsePostalAddress(
  { recipient: '张三', phone: '13812345678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' },
  'address',
);
const licenceNo = LicenceNumber.parse('42-XK06-001-00001');
const request = {
  licenceNo,
  version: 1,
  paperSerial: '20260000007',
  uscc: '91420100MA4K2X1R09',
  address,
  reason: 'issue' as DispatchReason,
  requestedBy: 'officer-7',
  // 2026-01-31 23:30 in Wuhan: the month of the postage statement is Asia/Shanghai's.
  at: '2026-01-31T15:30:00.000Z',
};

const itemsOf = (r: typeof request) => paperCopyParts(r).parts.flatMap((part) => transactItemsOf(TABLE, part));

describe('a paper copy', () => {
  it('writes one pending dispatch keyed by paper serial, and its outbox message — neither may exist yet', () => {
    // Act
    const items = itemsOf(request);

    // Assess
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.Put).toMatchObject({ TableName: TABLE, ConditionExpression: 'attribute_not_exists(pk)' });
    }
    expect(items[0]?.Put?.Item).toMatchObject({
      pk: 'DISPATCH#DSP-20260000007',
      sk: '#DISPATCH',
      type: 'dispatch',
      id: 'DSP-20260000007',
      state: 'pending',
      licenceNo: '(鄂)XK06-001-00001',
      version: 1,
      reason: 'issue',
      address,
      requestedBy: 'officer-7',
      requestedAt: request.at,
      tracking: [],
      revision: 0,
    });
    expect(items[1]?.Put?.Item).toMatchObject({
      pk: 'OUTBOX#dispatch#DSP-20260000007',
      sk: '#MESSAGE',
      type: 'outbox-message',
      topic: 'dispatch',
      id: 'DSP-20260000007',
      body: { dispatchId: 'DSP-20260000007' },
      createdAt: request.at,
      relayCount: 0,
    });
  });

  it('indexes the dispatch for the enterprise and the monthly statement, and its message for the relay', () => {
    // Act
    const [dispatch, message] = itemsOf(request);

    // Assess
    const due = new Date(Date.parse(request.at) + RELAY_GRACE_MS).toISOString();
    expect(dispatch?.Put?.Item).toMatchObject({
      gsi2pk: 'DISPATCHES#ENT#91420100MA4K2X1R09',
      gsi2sk: '2026-01-31T15:30:00.000Z#DSP-20260000007',
      gsi3pk: 'DISPATCHES#pending#2026-01',
      gsi3sk: '2026-01-31T15:30:00.000Z#DSP-20260000007',
    });
    expect(dispatch?.Put?.Item).not.toHaveProperty('gsi1pk');
    expect(dispatch?.Put?.Item).not.toHaveProperty('nextRelayAt');
    expect(message?.Put?.Item).toMatchObject({
      nextRelayAt: due,
      gsi1pk: 'OUTBOX#PENDING',
      gsi1sk: `${due}#dispatch#DSP-20260000007`,
    });
    expect(JSON.stringify(message?.Put?.Item)).not.toContain('张三');
  });

  it('gives a reissued copy (new paper serial) its own dispatch and message', () => {
    // Act
    const [first, firstMessage] = itemsOf(request);
    const [reissued, reissuedMessage] = itemsOf({ ...request, paperSerial: '20260000008', reason: 'reissue' });

    // Assess
    expect(reissued?.Put?.Item?.pk).not.toBe(first?.Put?.Item?.pk);
    expect(reissuedMessage?.Put?.Item?.pk).not.toBe(firstMessage?.Put?.Item?.pk);
    expect(reissued?.Put?.Item).toMatchObject({ reason: 'reissue' });
  });
});

describe('the application workflow’s parts', () => {
  const at = new Date('2026-11-27T02:00:00.000Z');

  it('saves the application only on the revision read', () => {
    // Prepare
    const application = Application.file({
      id: 'APP-TEST-1',
      kind: 'renew',
      uscc: '91420100MA4K2X1R09',
      enterpriseName: '湖北长江线缆股份有限公司',
      procedure: 'post-issuance-review',
      request: { kind: 'renew', licenceNo },
      actor: { id: 'ent-1', role: 'enterprise' },
      at,
    }).toSnapshot();

    // Act
    const items = transactItemsOf(TABLE, { kind: 'application-saved', application, expectedRevision: 3 });

    // Assess
    expect(items[0]?.Put).toMatchObject({
      Item: { pk: 'APP#APP-TEST-1', sk: '#HEAD', revision: application.revision },
      ConditionExpression: 'revision = :r',
      ExpressionAttributeValues: { ':r': 3 },
    });
    // Stored as it always was: the number as printed text (the value object stays above the adapter).
    expect(items[0]?.Put?.Item?.application.request).toEqual({ kind: 'renew', licenceNo: '(鄂)XK06-001-00001' });
    for (const item of items.slice(1)) expect(item.Put?.ConditionExpression).toBeUndefined();
  });

  it('schedules an inspection only if it does not exist yet', () => {
    // Prepare
    const inspection = Inspection.schedule({
      id: 'INSP-APP-TEST-1',
      kind: 'routine-inspection',
      licenceNo,
      uscc: '91420100MA4K2X1R09',
      enterpriseName: '湖北长江线缆股份有限公司',
      applicationId: 'APP-TEST-1',
      issuedOn: localDateOf(at),
      at,
    }).toSnapshot();

    // Act
    const [item] = transactItemsOf(TABLE, { kind: 'inspection-scheduled', inspection });

    // Assess
    expect(item?.Put).toMatchObject({
      Item: { pk: 'INSP#INSP-APP-TEST-1', sk: '#HEAD', gsi2pk: 'INSPSTATE#scheduled' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(item?.Put?.Item?.inspection.licenceNo).toBe('(鄂)XK06-001-00001');
  });
});
