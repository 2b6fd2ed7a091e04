/**
 * Algorithm attacks. The QR cannot express them: it carries binary claims, a key reference and 64 signature bytes,
 * and the verifier rebuilds the protected header itself with `alg` fixed to ES256. The HTTP API accepts no compact JWS
 * (tested through the runtime); the offline library does, and refuses `alg: none`, HS256 keyed with the public key,
 * unknown keys and any header Permit does not sign — through jose with `algorithms: ['ES256']`.
 */
import { readFileSync } from 'node:fs';
import { base64url, CompactSign, type CryptoKey, compactVerify, importJWK } from 'jose';
import { describe, expect, test } from 'vitest';
import { base32Decode, base32Encode } from '../../../../lambdas/domain/signing/base32';
import { canonicalHeader, decodeQrPayload, reassembleJws } from '../../../../lambdas/domain/signing/qr-claims';
import { verifyOffline } from '../../../../lambdas/domain/verification/offline';
import type { VerificationResult } from '../../../../lambdas/domain/verification/result';
import { verificationWorld } from '../../../support/verification-world';

const NOW = new Date('2026-10-01T12:00:00+08:00');
const signatureCode = (r: VerificationResult) => r.checks.find((c) => c.name === 'signature')?.code;

async function fixture() {
  const w = await verificationWorld();
  const v1 = await w.issue(w.certificate());
  const keySet = await w.store.keySet();
  const kid = keySet.current()?.kid as string;
  const [, payload] = v1.jws.split('.') as [string, string, string];
  return { w, v1, jwks: keySet.toJwks(), kid, payload };
}

const header = (h: Record<string, unknown>) => base64url.encode(JSON.stringify(h));

describe('the QR cannot carry an algorithm', () => {
  test('whatever bit of the record changes, the rebuilt header is the canonical ES256 one', async () => {
    // Prepare
    const { v1, kid } = await fixture();
    const record = base32Decode(v1.payload);
    let decoded = 0;
    // Act: flip every bit of the record; whatever still decodes is reassembled
    for (let bit = 0; bit < record.length * 8; bit++) {
      const flipped = record.slice();
      flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (0x80 >> (bit & 7));
      let jws: string;
      try {
        jws = reassembleJws(decodeQrPayload(base32Encode(flipped)), kid);
      } catch {
        continue; // refused at the format check
      }
      decoded++;
      // Assess
      expect(jws.split('.')[0]).toBe(base64url.encode(canonicalHeader(kid)));
    }
    expect(decoded).toBeGreaterThan(600);
  });
});

describe('compact JWS given to the offline library', () => {
  test('the genuine JWS verifies (control)', async () => {
    const { v1, jwks } = await fixture();
    expect((await verifyOffline(v1.jws, jwks, { now: NOW })).signatureValid).toBe(true);
  });

  test('alg: none is refused by jose (JOSEAlgNotAllowed) and answers invalid, SIGNATURE_INVALID', async () => {
    // Prepare
    const { w, jwks, kid, payload } = await fixture();
    const unsecured = `${header({ alg: 'none', kid, typ: 'permit-qr+jws' })}.${payload}.`;
    const key = (await w.store.keySet()).get(kid)?.key as CryptoKey;
    // Act
    const result = await verifyOffline(unsecured, jwks, { now: NOW });
    // Assess
    await expect(compactVerify(unsecured, key, { algorithms: ['ES256'] })).rejects.toMatchObject({
      code: 'ERR_JOSE_ALG_NOT_ALLOWED',
    });
    expect(result.verdict).toBe('invalid');
    expect(signatureCode(result)).toBe('SIGNATURE_INVALID');
  });

  test.each([
    ['the JWK JSON', (jwk: object) => new TextEncoder().encode(JSON.stringify(jwk))],
    ['the x coordinate', (jwk: { x: string }) => base64url.decode(jwk.x)],
    ['the SPKI PEM', (_: object, pem: string) => new TextEncoder().encode(pem)],
  ])('HS256 keyed with the public key (%s) is refused: invalid, SIGNATURE_INVALID', async (_, secretOf) => {
    // Prepare
    const { w, jwks, kid, payload } = await fixture();
    const publicJwk = jwks.keys[0] as { x: string };
    const { createPublicKey } = await import('node:crypto');
    const pem = createPublicKey({ key: { ...publicJwk }, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const hs256 = await new CompactSign(base64url.decode(payload))
      .setProtectedHeader({ alg: 'HS256', kid, typ: 'permit-qr+jws' })
      .sign(secretOf(publicJwk, pem));
    const key = (await w.store.keySet()).get(kid)?.key as CryptoKey;
    // Act
    const result = await verifyOffline(hs256, jwks, { now: NOW });
    // Assess
    await expect(compactVerify(hs256, key, { algorithms: ['ES256'] })).rejects.toMatchObject({
      code: 'ERR_JOSE_ALG_NOT_ALLOWED',
    });
    expect(result.verdict).toBe('invalid');
    expect(signatureCode(result)).toBe('SIGNATURE_INVALID');
  });

  test('a real ES256 signature under a header Permit never signs (extra member): invalid', async () => {
    // Prepare: the key itself signs a non-canonical header (as if it were misused for something else)
    const { w, jwks, kid, payload } = await fixture();
    const privateJwk = JSON.parse(readFileSync(w.store.privateKeyPath(kid), 'utf8'));
    const token = await new CompactSign(base64url.decode(payload))
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'permit-qr+jws', b64: true })
      .sign(await importJWK(privateJwk, 'ES256'));
    // Act
    const result = await verifyOffline(token, jwks, { now: NOW });
    // Assess
    expect(result.verdict).toBe('invalid');
    expect(signatureCode(result)).toBe('SIGNATURE_INVALID');
  });

  test.each([
    [
      'an unknown kid',
      (t: { kid: string; payload: string; sig: string }) =>
        `${header({ alg: 'ES256', kid: 'x'.repeat(43), typ: 'permit-qr+jws' })}.${t.payload}.${t.sig}`,
      'KEY_UNKNOWN',
    ],
    [
      'no kid',
      (t: { payload: string; sig: string }) =>
        `${header({ alg: 'ES256', typ: 'permit-qr+jws' })}.${t.payload}.${t.sig}`,
      'KEY_UNKNOWN',
    ],
  ])('%s: invalid, %s', async (_, build, code) => {
    const { v1, jwks, kid, payload } = await fixture();
    const sig = v1.jws.split('.')[2] as string;
    const result = await verifyOffline(build({ kid, payload, sig }), jwks, { now: NOW });
    expect(result.verdict).toBe('invalid');
    expect(signatureCode(result)).toBe(code);
  });

  test.each([
    ['truncated', (jws: string) => jws.slice(0, jws.lastIndexOf('.'))],
    ['a non-JSON header', (jws: string) => `bm90IGpzb24.${jws.split('.').slice(1).join('.')}`],
    ['over-long', (jws: string) => `${jws}${'A'.repeat(2048)}`],
  ])('%s: invalid at the format check', async (_, mangle) => {
    const { v1, jwks } = await fixture();
    const result = await verifyOffline(mangle(v1.jws), jwks, { now: NOW });
    expect(result.verdict).toBe('invalid');
    expect(result.checks[0]?.outcome).toBe('fail');
  });
});
