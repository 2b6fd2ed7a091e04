import { createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import {
  GetPublicKeyCommand,
  type GetPublicKeyCommandOutput,
  type SignCommand,
  type SignCommandOutput,
} from '@aws-sdk/client-kms';
import { calculateJwkThumbprint, compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createKmsSigner, type KmsSigningClient } from '../../../../lambdas/adapters/signing/kms-signer';
import { isPermitError } from '../../../../lambdas/domain/errors';
import { signCertificateClaims } from '../../../../lambdas/domain/signing/qr-claims';
import { claims } from '../../../support/certificate-claims';

/**
 * A stand-in for KMS (there is no KMS emulator): GetPublicKey returns SPKI DER, Sign signs with node:crypto and
 * returns DER — exactly the shapes the real service returns.
 */
function fakeKms(privateKey: KeyObject, opts: { swapKeyAfterInit?: KeyObject; fail?: boolean } = {}) {
  const calls: string[] = [];
  let signingKey = privateKey;
  const client = {
    async send(command: GetPublicKeyCommand | SignCommand): Promise<GetPublicKeyCommandOutput | SignCommandOutput> {
      if (opts.fail) throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
      if (command instanceof GetPublicKeyCommand) {
        calls.push('GetPublicKey');
        if (opts.swapKeyAfterInit) signingKey = opts.swapKeyAfterInit;
        return {
          $metadata: {},
          KeyId: 'arn:aws-cn:kms:cn-north-1:111122223333:key/test',
          KeySpec: 'ECC_NIST_P256',
          KeyUsage: 'SIGN_VERIFY',
          SigningAlgorithms: ['ECDSA_SHA_256'],
          PublicKey: new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' })),
        };
      }
      const input = command.input;
      calls.push(`Sign:${input.MessageType}:${input.SigningAlgorithm}`);
      const der = sign('sha256', input.Message as Uint8Array, { key: signingKey, dsaEncoding: 'der' });
      return { $metadata: {}, KeyId: 'arn', Signature: new Uint8Array(der), SigningAlgorithm: 'ECDSA_SHA_256' };
    },
  } as KmsSigningClient;
  return { client, calls };
}

describe('KMS signer', () => {
  it('signs a certificate QR whose reassembled JWS jose verifies with the KMS public key', async () => {
    // Prepare
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { client, calls } = fakeKms(privateKey);
    const signer = await createKmsSigner({ client, keyId: 'alias/permit-signing' });
    // Act
    const { jws } = await signCertificateClaims(claims(), signer, 'https://permit.amr.hubei.gov.cn');
    // Assess: kid is the RFC 7638 thumbprint, and the JWS verifies with the public key from SPKI.
    const jwk = publicKey.export({ format: 'jwk' });
    expect(signer.kid).toBe(await calculateJwkThumbprint(jwk, 'sha256'));
    expect(await signer.publicJwk()).toEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
    const { protectedHeader } = await compactVerify(jws, await importJWK({ ...jwk, alg: 'ES256' }, 'ES256'));
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: signer.kid, typ: 'permit-qr+jws' });
    expect(calls).toEqual(['GetPublicKey', 'Sign:RAW:ECDSA_SHA_256']);
  });

  it('produces verifiable signatures across many calls (DER padding cases included)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signer = await createKmsSigner({ client: fakeKms(privateKey).client, keyId: 'k' });
    const key = await importJWK({ ...publicKey.export({ format: 'jwk' }), alg: 'ES256' }, 'ES256');
    for (let i = 0; i < 300; i++) {
      const { jws } = await signCertificateClaims(claims({ version: 1 + i }), signer, 'https://p.example');
      await expect(compactVerify(jws, key)).resolves.toBeDefined();
    }
  });

  it('refuses a key that is not ECC_NIST_P256', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { client } = fakeKms(privateKey);
    const rsaLike: KmsSigningClient = {
      send: (async (c: GetPublicKeyCommand | SignCommand) => ({
        ...(await client.send(c as GetPublicKeyCommand)),
        KeySpec: 'RSA_2048',
      })) as KmsSigningClient['send'],
    };
    await expect(createKmsSigner({ client: rsaLike, keyId: 'k' })).rejects.toMatchObject({
      code: 'SIGNER_KEY_UNSUITABLE',
    });
  });

  it('fails loudly when the key behind the id changed (alias re-pointed)', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const signer = await createKmsSigner({
      client: fakeKms(privateKey, { swapKeyAfterInit: other }).client,
      keyId: 'k',
    });
    await expect(signer.sign(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'SIGNER_KEY_MISMATCH' });
  });

  it('maps KMS errors to DependencyUnavailableError SIGNER_UNAVAILABLE with the cause', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const error = await createKmsSigner({ client: fakeKms(privateKey, { fail: true }).client, keyId: 'k' }).catch(
      (e: unknown) => e,
    );
    expect(isPermitError(error) && error.kind).toBe('unavailable');
    expect(isPermitError(error) && error.code).toBe('SIGNER_UNAVAILABLE');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});
