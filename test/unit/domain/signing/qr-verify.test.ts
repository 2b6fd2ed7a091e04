import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { compactVerify, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeSigner, type PrivateEcJwk } from '../../../../lambdas/adapters/signing/node-signer';
import { base32Decode, base32Encode } from '../../../../lambdas/domain/signing/base32';
import { KeySet } from '../../../../lambdas/domain/signing/key-set';
import type { KeyRecord } from '../../../../lambdas/domain/signing/keys';
import {
  decodeQrText,
  QR_PATH,
  reassembleJws,
  signCertificateClaims,
} from '../../../../lambdas/domain/signing/qr-claims';
import { verifyQrPayload, verifyQrText } from '../../../../lambdas/domain/signing/qr-verify';
import type { Signer } from '../../../../lambdas/ports/signer';
import { claims } from '../../../support/certificate-claims';
import vector from '../../../support/fixtures/qr-vector.json';
import testKey from '../../../support/fixtures/test-key.private.jwk.json';

const BASE = 'https://permit.amr.hubei.gov.cn';
const NOW = new Date('2026-10-01T00:00:00+08:00');
const SIGNED_AT = claims().signedAt;

let signer: Signer;
let record: KeyRecord;
beforeAll(async () => {
  signer = await createNodeSigner(testKey as PrivateEcJwk);
  record = { kid: signer.kid, jwk: await signer.publicJwk(), status: 'current', signedFrom: SIGNED_AT - 86_400 };
});

const keySetWith = (over: Partial<KeyRecord> = {}) => KeySet.fromRecords([{ ...record, ...over }]);

describe('verifyQrText', () => {
  it('accepts a genuine QR and returns the verified claims, key and JWS', async () => {
    const { qrText, jws } = await signCertificateClaims(claims(), signer, BASE);
    const result = await verifyQrText(qrText, await keySetWith(), { now: NOW });
    expect(result).toMatchObject({ ok: true, claims: claims(), jws });
    if (result.ok) expect(result.key.kid).toBe(signer.kid);
    // The bare payload (the URL's last path segment) verifies the same way.
    const payload = qrText.slice(qrText.lastIndexOf('/') + 1);
    expect((await verifyQrPayload(payload, await keySetWith(), { now: NOW })).ok).toBe(true);
  });

  it('fails every single-bit flip of the record (claims, key ref, version byte, signature)', async () => {
    const { qrText } = await signCertificateClaims(claims(), signer, BASE);
    const bytes = base32Decode(qrText.slice(qrText.lastIndexOf('/') + 1));
    const keySet = await keySetWith();
    const checks = new Set<string>();
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = bytes.slice();
      flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (0x80 >> (bit & 7));
      const result = await verifyQrText(`${BASE}${QR_PATH}${base32Encode(flipped)}`, keySet, { now: NOW });
      expect(result.ok, `bit ${bit}`).toBe(false);
      if (!result.ok) checks.add(`${result.check}:${result.code}`);
    }
    expect(checks).toContain('signature:SIGNATURE_INVALID');
    expect(checks).toContain('signature:KEY_UNKNOWN');
    expect(checks).toContain('format:QR_VERSION');
  });

  it("rejects licence A's signature presented with licence B's claims", async () => {
    const a = decodeQrText((await signCertificateClaims(claims(), signer, BASE)).qrText);
    const b = { ...a, claims: { ...a.claims, licenceNo: '(鄂)XK13-001-00002' } };
    const key = await importJWK({ ...record.jwk, alg: 'ES256' }, 'ES256');
    await expect(compactVerify(reassembleJws(b, signer.kid), key)).rejects.toThrow();
  });

  it('reports format problems as the format check', async () => {
    const result = await verifyQrText(`${BASE}${QR_PATH}NOT-BASE32`, await keySetWith(), { now: NOW });
    expect(result).toMatchObject({ ok: false, check: 'format', code: 'QR_BASE32' });
  });

  it('rejects an unknown key', async () => {
    const stranger = await createNodeSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    const { qrText } = await signCertificateClaims(claims(), stranger, BASE);
    expect(await verifyQrText(qrText, await keySetWith(), { now: NOW })).toMatchObject({
      ok: false,
      check: 'signature',
      code: 'KEY_UNKNOWN',
    });
  });

  it('applies the key period (inclusive ends) and the compromise time (exclusive)', async () => {
    const { qrText } = await signCertificateClaims(claims(), signer, BASE);
    const verdict = async (over: Partial<KeyRecord>) => {
      const r = await verifyQrText(qrText, await keySetWith(over), { now: NOW });
      return r.ok ? 'ok' : r.code;
    };
    expect(await verdict({ signedFrom: SIGNED_AT })).toBe('ok');
    expect(await verdict({ signedFrom: SIGNED_AT + 1 })).toBe('SIGNED_OUTSIDE_KEY_PERIOD');
    expect(await verdict({ status: 'retired', signedUntil: SIGNED_AT })).toBe('ok');
    expect(await verdict({ status: 'retired', signedUntil: SIGNED_AT - 1 })).toBe('SIGNED_OUTSIDE_KEY_PERIOD');
    const compromised = { status: 'compromised', signedUntil: SIGNED_AT + 100 } as const;
    expect(await verdict({ ...compromised, compromisedAt: SIGNED_AT + 1 })).toBe('ok');
    expect(await verdict({ ...compromised, compromisedAt: SIGNED_AT })).toBe('KEY_COMPROMISED');
    expect(await verdict({ ...compromised, compromisedAt: SIGNED_AT - 3600 })).toBe('KEY_COMPROMISED');
  });

  it('rejects a signing time in the future beyond the allowed skew', async () => {
    const { qrText } = await signCertificateClaims(claims(), signer, BASE);
    const keySet = await keySetWith();
    const at = (s: number) => new Date((SIGNED_AT + s) * 1000);
    expect((await verifyQrText(qrText, keySet, { now: at(-300) })).ok).toBe(true);
    expect(await verifyQrText(qrText, keySet, { now: at(-301) })).toMatchObject({ code: 'SIGNED_IN_FUTURE' });
  });

  it('fails an ambiguous key reference', async () => {
    const { qrText } = await signCertificateClaims(claims(), signer, BASE);
    // Two real keys sharing a 64-bit thumbprint prefix cannot be made; a key set answering "ambiguous" stands in.
    const ambiguous = { findByRef: () => ({ ok: false, code: 'KEY_AMBIGUOUS' }) } as unknown as KeySet;
    expect(await verifyQrText(qrText, ambiguous)).toMatchObject({ ok: false, code: 'KEY_AMBIGUOUS' });
  });
});

describe('docs/qr-format.md test vector', () => {
  it('decodes to the documented claims and JWS, and the fixed signature verifies with the documented key', async () => {
    // Prepare
    const keySet = await KeySet.fromRecords([
      { kid: vector.kid, jwk: vector.publicJwk as KeyRecord['jwk'], status: 'current', signedFrom: 1_700_000_000 },
    ]);
    // Act
    const decoded = decodeQrText(vector.qrText);
    const result = await verifyQrText(vector.qrText, keySet, { now: NOW });
    // Assess
    expect(decoded.claims).toEqual(vector.claims);
    expect(reassembleJws(decoded, vector.kid)).toBe(vector.jws);
    expect(result.ok).toBe(true);
    const key = await importJWK({ ...vector.publicJwk, alg: 'ES256' }, 'ES256');
    await expect(compactVerify(vector.jws, key)).resolves.toBeDefined();
  });

  it('is the vector printed in docs/qr-format.md', () => {
    const doc = readFileSync(new URL('../../../../docs/qr-format.md', import.meta.url), 'utf8');
    for (const value of [vector.qrText, vector.jws, vector.kid, vector.publicJwk.x, vector.publicJwk.y]) {
      expect(doc).toContain(value);
    }
  });
});

describe('remembered signatures', () => {
  it('a QR verified before still fails once its key is marked compromised in a reloaded key set', async () => {
    // Prepare: verify once, so the signature is remembered for that key object
    const { qrText } = await signCertificateClaims(claims(), signer, BASE);
    const keySet = await keySetWith();
    expect((await verifyQrText(qrText, keySet, { now: NOW })).ok).toBe(true);
    // Act: the key is reported compromised before the signing time; the key set is read again
    const reloaded = await keySetWith({ status: 'compromised', signedUntil: SIGNED_AT, compromisedAt: SIGNED_AT - 60 });
    const again = await verifyQrText(qrText, reloaded, { now: NOW });
    // Assess
    expect(again).toMatchObject({ ok: false, check: 'signature', code: 'KEY_COMPROMISED' });
  });

  it('a remembered genuine QR does not vouch for an altered one under the same key', async () => {
    const { qrText } = await signCertificateClaims(claims(), signer, BASE);
    const keySet = await keySetWith();
    for (let i = 0; i < 3; i++) expect((await verifyQrText(qrText, keySet, { now: NOW })).ok).toBe(true);
    const bytes = base32Decode(qrText.slice(qrText.lastIndexOf('/') + 1));
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1; // last signature byte
    const altered = await verifyQrText(`${BASE}${QR_PATH}${base32Encode(bytes)}`, keySet, { now: NOW });
    expect(altered).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
  });
});
