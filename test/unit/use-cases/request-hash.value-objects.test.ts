/**
 * The idempotency fingerprint (`lambdas/use-cases/request-hash.ts`): canonical JSON, so key order does not count, and a
 * value object counts as its JSON — a request carrying a `LicenceNumber` hashes as the same request carrying its
 * printed text, as every stored idempotency record was hashed before the value object reached the use cases.
 */
import { describe, expect, it } from 'vitest';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { canonicalJson, requestHash } from '../../../lambdas/use-cases/request-hash';

describe('requestHash', () => {
  it('ignores key order and undefined members', () => {
    expect(requestHash({ a: 1, b: [{ c: 2, d: undefined }] })).toBe(requestHash({ b: [{ c: 2 }], a: 1 }));
  });

  it('hashes a licence number as its printed text, whatever form it was parsed from', () => {
    // Prepare: an application decided today hashes its change as the stored text always did
    const printed = { change: { kind: 'renew', licenceNo: '(鄂)XK06-001-00001' }, source: 'application:APP-1' };

    // Act
    const parsed = ['(鄂)XK06-001-00001', '42-XK06-001-00001', '（鄂）ＸＫ０６－００１－００００１'].map((text) =>
      requestHash({ ...printed, change: { kind: 'renew', licenceNo: LicenceNumber.parse(text) } }),
    );

    // Assess
    expect(new Set(parsed)).toEqual(new Set([requestHash(printed)]));
    expect(canonicalJson({ n: LicenceNumber.parse('42-XK06-001-00002') })).toBe('{"n":"(鄂)XK06-001-00002"}');
    expect(requestHash({ licenceNo: LicenceNumber.parse('42-XK06-001-00002') })).not.toBe(
      requestHash({ licenceNo: LicenceNumber.parse('42-XK06-001-00001') }),
    );
  });
});
