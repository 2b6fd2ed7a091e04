/**
 * ES256 {@link Signer} backed by an AWS KMS asymmetric key (`ECC_NIST_P256`, `SIGN_VERIFY`). The private key never
 * leaves KMS: we send the JWS signing input (`MessageType: 'RAW'`, ~260 bytes, far below KMS's 4096-byte limit; KMS
 * applies SHA-256 as `ECDSA_SHA_256` prescribes) and convert KMS's DER signature to JWS's raw `r‖s`. RAW rather than
 * DIGEST keeps the request self-describing and lets tests stand in a genuine node:crypto signer (node cannot sign a
 * prehashed digest). Works unchanged in the aws-cn partition (nothing here builds an ARN).
 */
import { createPublicKey, verify } from 'node:crypto';
import {
  GetPublicKeyCommand,
  type GetPublicKeyCommandOutput,
  SignCommand,
  type SignCommandOutput,
} from '@aws-sdk/client-kms';
import { calculateJwkThumbprint } from 'jose';
import { DependencyUnavailableError, type ErrorCodeOf, PermitError } from '../../domain/errors';
import type { Signer } from '../../ports/signer';
import { derToRawEcdsa } from './ecdsa-der';
import { publicJwkOf } from './node-signer';

/** The two KMS calls the signer makes; `KMSClient` satisfies it, and tests pass a stand-in. */
export interface KmsSigningClient {
  send(command: GetPublicKeyCommand): Promise<GetPublicKeyCommandOutput>;
  send(command: SignCommand): Promise<SignCommandOutput>;
}

/**
 * Fetch the key's public part once (to compute the `kid`) and return a signer. Every signature is checked locally
 * against that public key before it is returned, so an alias re-pointed to another key fails loudly
 * (`SIGNER_KEY_MISMATCH`) instead of producing certificates nobody can verify.
 *
 * @example
 * const signer = await createKmsSigner({ client: kmsClient(), keyId: config().signer.keyId });
 */
export async function createKmsSigner(opts: { client: KmsSigningClient; keyId: string }): Promise<Signer> {
  const { client, keyId } = opts;
  const info = await kmsCall(() => client.send(new GetPublicKeyCommand({ KeyId: keyId })));
  if (info.KeySpec !== 'ECC_NIST_P256' || !info.SigningAlgorithms?.includes('ECDSA_SHA_256') || !info.PublicKey) {
    throw new DependencyUnavailableError(
      'SIGNER_KEY_UNSUITABLE',
      `KMS key ${keyId} is ${info.KeySpec ?? 'unknown'}; ES256 needs ECC_NIST_P256 with ECDSA_SHA_256`,
    );
  }
  const publicKey = createPublicKey({ key: Buffer.from(info.PublicKey), format: 'der', type: 'spki' });
  const jwk = publicJwkOf(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return {
    kid,
    alg: 'ES256',
    publicJwk: async () => jwk,
    async sign(data) {
      if (data.length > 4096) throw new DependencyUnavailableError('SIGNER_INPUT_TOO_LONG', 'KMS signs ≤ 4096 bytes');
      const out = await kmsCall(() =>
        client.send(
          new SignCommand({
            KeyId: keyId,
            Message: data,
            MessageType: 'RAW',
            SigningAlgorithm: 'ECDSA_SHA_256',
          }),
        ),
      );
      if (!out.Signature) throw new DependencyUnavailableError('SIGNER_BAD_SIGNATURE', 'KMS returned no signature');
      const raw = derToRawEcdsa(out.Signature);
      if (!verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)) {
        throw new DependencyUnavailableError('SIGNER_KEY_MISMATCH', `KMS key ${keyId} no longer matches kid ${kid}`);
      }
      return raw;
    },
  };
}

/**
 * A KMS call whose failure becomes `code` — `SIGNER_UNAVAILABLE` unless the caller names its own (a dependency down,
 * never a 500 with the SDK's details); a Permit error passes through, so a caller that tells some KMS errors apart
 * throws its own error for those inside `fn`.
 *
 * @example
 * const info = await kmsCall(() => client.send(new GetPublicKeyCommand({ KeyId })));
 * const out = await kmsCall(() => client.send(new EncryptCommand(input)), 'SECRETS_UNAVAILABLE');
 */
export async function kmsCall<T>(
  fn: () => Promise<T>,
  code: ErrorCodeOf<'unavailable'> = 'SIGNER_UNAVAILABLE',
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof PermitError) throw e;
    const name = e instanceof Error ? e.name : 'Error';
    throw new DependencyUnavailableError(code, `KMS call failed (${name})`, { cause: e });
  }
}
