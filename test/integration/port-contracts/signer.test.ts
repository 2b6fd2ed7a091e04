/**
 * The signer's contract — the same assertions against the fake signer and the two signers Permit runs locally (a
 * node:crypto key, the local key store's current key): ES256 signatures of 64 bytes (r‖s) that verify with the public
 * key it publishes, and a `kid` that is that key's RFC 7638 thumbprint — what every verifier relies on. (The KMS signer
 * has its own tests with a recorded KMS answer.)
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, compactVerify, importJWK } from 'jose';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { LocalKeyStore } from '../../../lambdas/adapters/signing/local-key-store';
import { createNodeSigner } from '../../../lambdas/adapters/signing/node-signer';
import { signCertificateClaims } from '../../../lambdas/domain/signing/qr-claims';
import type { Signer } from '../../../lambdas/ports/signer';
import { FakeSigner, usccFor } from '../../support/fakes';

const subjects: [string, () => Promise<Signer>][] = [
  ['fake signer', async () => new FakeSigner()],
  ['node:crypto signer', () => createNodeSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)],
  [
    'local key store',
    async () =>
      (
        await LocalKeyStore.open({ dir: mkdtempSync(join(tmpdir(), 'permit-signer-')), clock: new ManualClock() })
      ).signer(),
  ],
];

describe.each(subjects)('Signer — %s', (_, make) => {
  test('its kid is the thumbprint of the key it publishes', async () => {
    // Prepare
    const signer = await make();

    // Act
    const jwk = await signer.publicJwk();

    // Assess
    expect(signer.alg).toBe('ES256');
    expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(signer.kid).toBe(await calculateJwkThumbprint(jwk, 'sha256'));
  });

  test('signs certificate claims so that the JWS verifies with its public key', async () => {
    // Prepare
    const signer = await make();
    const claims = {
      licenceNo: '(鄂)XK06-001-00001',
      version: 1,
      uscc: usccFor(1),
      issueDate: '2026-11-27',
      validUntil: '2031-11-26',
      signedAt: 1_795_744_800,
    };

    // Act
    const signature = await signer.sign(new TextEncoder().encode('permit'));
    const signed = await signCertificateClaims(claims, signer, 'https://permit.example.gov.cn');

    // Assess
    expect(signature).toHaveLength(64);
    const verified = await compactVerify(signed.jws, await importJWK({ ...(await signer.publicJwk()) }, 'ES256'));
    expect(verified.protectedHeader).toMatchObject({ alg: 'ES256', kid: signer.kid });
  });
});
