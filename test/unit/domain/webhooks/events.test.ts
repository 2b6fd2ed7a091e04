/**
 * Licence events: the id and sequence from the licence and its revision (stable across deliveries), the public
 * fields only (no internal notes, no actor), a status change's previous status and public reason, and a body whose
 * bytes do not depend on how the event object was built.
 */
import { describe, expect, test } from 'vitest';
import { licenceEvent, webhookBody } from '../../../../lambdas/domain/webhooks/events';
import { FakeWorld, issued, statusChanged } from '../../../support/fakes';

describe('licenceEvent', () => {
  test('an issuance and a status change carry the public facts, the sequence and a stable id', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world, { seed: 3 });
    const suspended = await statusChanged(world, certificate.licenceNumber, 'suspend');

    // Act
    const issuance = licenceEvent('licence.issued', certificate);
    const change = licenceEvent('licence.status_changed', suspended);

    // Assess
    const lic = certificate.licenceNumber.toUrlSafe();
    expect(issuance).toEqual({
      id: `evt_${lic}_r${certificate.revision}`,
      type: 'licence.issued',
      timestamp: certificate.lastChange.at,
      data: {
        licenceNo: certificate.licenceNumber.toString(),
        sequence: certificate.revision,
        version: 1,
        status: 'valid',
        enterprise: { name: certificate.enterprise.name, uscc: certificate.enterprise.uscc },
        categories: ['06'],
        validUntil: certificate.validUntil,
      },
    });
    expect(change.id).toBe(`evt_${lic}_r${suspended.revision}`);
    expect(change.data).toMatchObject({ status: 'suspended', previousStatus: 'valid', publicReason: '监督抽查不合格' });
    expect(change.data.sequence).toBeGreaterThan(issuance.data.sequence);
    expect(change.timestamp).toBe(suspended.history.at(-1)?.at);
    expect(JSON.stringify(change)).not.toMatch(/legalBasis|internalNotes|actor|officer/);
  });

  test('the body is the event with its keys in a fixed order', async () => {
    // Prepare
    const world = new FakeWorld();
    const { certificate } = await issued(world);
    const event = licenceEvent('licence.issued', certificate);
    const shuffled = { data: event.data, timestamp: event.timestamp, type: event.type, id: event.id };

    // Act
    const body = webhookBody(shuffled);

    // Assess
    expect(body).toBe(webhookBody(event));
    expect(Object.keys(JSON.parse(body))).toEqual(['id', 'type', 'timestamp', 'data']);
  });
});
