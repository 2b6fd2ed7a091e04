/**
 * Licence numbers in storage (`lambdas/adapters/dynamo/stored-records.ts`): the DynamoDB items carry the same text as
 * before the value object crossed the ports — the printed form in attributes and records, the URL-safe form in keys —
 * so records written by an earlier release read back, and only the adapter parses the text again.
 */
import { describe, expect, it } from 'vitest';
import { auditItem, headItem, keys } from '../../../../lambdas/adapters/dynamo/certificate-repository';
import {
  certificateFromStorage,
  licenceFromStorage,
  type StoredVersion,
  storedVersion,
  versionFromStorage,
} from '../../../../lambdas/adapters/dynamo/stored-records';
import { Certificate } from '../../../../lambdas/domain/certificate';
import { isPermitError } from '../../../../lambdas/domain/errors';
import type { IssuedVersion } from '../../../../lambdas/domain/issued-version';
import { LicenceNumber } from '../../../../lambdas/domain/licence-number';
import { issued, officer } from '../../../support/domain-builders';

const snapshot = issued().certificate.toSnapshot();
/** A record as the previous release stored it: its snapshot was plain JSON, the number printed. */
const legacy = JSON.parse(JSON.stringify(snapshot));

const version: IssuedVersion = {
  licenceNo: snapshot.licenceNumber,
  version: 1,
  paperSerial: snapshot.paperSerial,
  certificate: snapshot,
  pdf: { key: 'certificates/42-XK06-001-00001/v1/abc.pdf', sha256: 'abc', size: 3 },
  qrText: 'https://permit.amr.hubei.gov.cn/v/AAAA',
  jws: 'h.p.s',
  kid: 'k1',
  signedAt: '2026-09-28T01:00:00.000Z',
  issuedBy: officer,
  source: 'api',
};

describe('what the items carry', () => {
  it('a head: keys in the URL-safe form, the number and the record as printed text, as before', () => {
    // Act
    const item = headItem({ certificate: snapshot }, 1, '2026-09-28T01:00:00.000Z');

    // Assess
    expect(item).toMatchObject({
      pk: 'CERT#42-XK06-001-00001',
      sk: '#HEAD',
      licenceNo: '(鄂)XK06-001-00001',
      gsi3sk: `${snapshot.firstIssueDate}#42-XK06-001-00001`,
    });
    expect(item.certificate).toEqual(legacy);
    expect(keys.version(snapshot.licenceNumber, 2)).toEqual({ pk: 'CERT#42-XK06-001-00001', sk: 'VER#000002' });
  });

  it('a version and an audit event: the numbers as printed text', () => {
    // Act
    const record = storedVersion(version);
    const audit = auditItem({
      id: 'e1',
      at: '2026-09-28T01:00:00.000Z',
      licenceNo: snapshot.licenceNumber,
      action: 'certificate.issued',
      actor: officer,
    });

    // Assess
    expect(record.licenceNo).toBe('(鄂)XK06-001-00001');
    expect(record.certificate).toEqual(legacy);
    expect(JSON.parse(JSON.stringify(record))).toEqual(JSON.parse(JSON.stringify(version)));
    expect(audit).toMatchObject({ pk: 'CERT#42-XK06-001-00001', licenceNo: '(鄂)XK06-001-00001' });
  });
});

describe('reading them back', () => {
  it('a record an earlier release wrote becomes the value object again, and rehydrates', () => {
    // Prepare
    const stored = JSON.parse(JSON.stringify({ ...version, certificate: legacy })) as StoredVersion;

    // Act
    const read = versionFromStorage(stored);

    // Assess
    expect(read.licenceNo).toBeInstanceOf(LicenceNumber);
    expect(read.certificate.licenceNumber).toBe(read.licenceNo); // parsed once for both
    expect(read).toEqual(version);
    expect(Certificate.rehydrate(read.certificate).toSnapshot()).toEqual(snapshot);
  });

  it('a record found by its number reuses that number; one with other text is parsed', () => {
    // Prepare
    const known = LicenceNumber.parse('42-XK06-001-00001');
    const other = LicenceNumber.parse('42-XK06-001-00002');

    // Act + Assess
    expect(certificateFromStorage(legacy, known).licenceNumber).toBe(known);
    expect(certificateFromStorage(legacy, other).licenceNumber.equals(known)).toBe(true);
  });

  it('damaged text is a server fault (500), not the caller’s mistake', () => {
    // Act
    let thrown: unknown;
    try {
      licenceFromStorage('(鄂)XK06-001-0000');
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(Error);
    expect(isPermitError(thrown)).toBe(false);
    expect(String((thrown as Error).message)).toContain('(鄂)XK06-001-0000');
  });
});
