/**
 * The idempotency fingerprint: canonical JSON (keys sorted at every depth, `undefined` members dropped, arrays in
 * order) hashed with SHA-256 — the same request in any key order hashes alike, any change to it does not.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalJson, requestHash } from '../../../lambdas/use-cases/request-hash';

describe('canonicalJson', () => {
  test('sorts keys at every depth, drops undefined members, keeps array order and scalars as JSON', () => {
    // Act
    const text = canonicalJson({ b: [3, { z: 1, a: 'x' }], a: undefined, c: null, d: '中' });

    // Assess
    expect(text).toBe('{"b":[3,{"a":"x","z":1}],"c":null,"d":"中"}');
  });
});

describe('requestHash', () => {
  test('is the SHA-256 of the canonical JSON, in lower-case hex', () => {
    // Act
    const hash = requestHash({ kind: 'new', products: ['06-001'] });

    // Assess
    expect(hash).toBe(createHash('sha256').update('{"kind":"new","products":["06-001"]}').digest('hex'));
  });

  test('does not depend on key order, and tells apart values that differ', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), (record, extra) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(requestHash(reversed)).toBe(requestHash(record));
        if (!(extra in record)) expect(requestHash({ ...record, [extra]: 1 })).not.toBe(requestHash(record));
      }),
    );
  });

  test('tells an array’s order apart', () => {
    expect(requestHash({ products: ['06-001', '16-204'] })).not.toBe(requestHash({ products: ['16-204', '06-001'] }));
  });
});
