/**
 * The log's Ed25519 signers: the local key file (created once, 0600, the same key on every open, even two opening at
 * once) and KMS (a stand-in with the real service's shapes: SPKI DER public key, raw Ed25519 signature over the RAW
 * message) — each signature checked against the public key, an unsuitable or re-pointed key refused.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetPublicKeyCommand,
  type GetPublicKeyCommandOutput,
  type SignCommand,
  type SignCommandOutput,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsLogSigner, openLocalLogSigner } from '../../../../lambdas/adapters/signing/log-signers';

const message = new TextEncoder().encode('permit.test/log\n3\nAAAA\n');
const spki = (raw: Uint8Array) =>
  createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
    format: 'der',
    type: 'spki',
  });

function fakeKms(key: KeyObject, options: { keySpec?: string; signWith?: KeyObject } = {}) {
  const calls: string[] = [];
  const client = {
    async send(command: GetPublicKeyCommand | SignCommand): Promise<GetPublicKeyCommandOutput | SignCommandOutput> {
      if (command instanceof GetPublicKeyCommand) {
        calls.push('GetPublicKey');
        return {
          $metadata: {},
          KeySpec: (options.keySpec ?? 'ECC_NIST_EDWARDS25519') as 'ECC_NIST_EDWARDS25519',
          SigningAlgorithms: ['ED25519_SHA_512'],
          PublicKey: new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' })),
        };
      }
      const { MessageType, SigningAlgorithm, Message } = command.input;
      calls.push(`Sign:${MessageType}:${SigningAlgorithm}`);
      return { $metadata: {}, Signature: new Uint8Array(sign(null, Message as Uint8Array, options.signWith ?? key)) };
    },
  };
  return { client, calls };
}

describe('openLocalLogSigner', () => {
  it('creates one key file (0600), reopens the same key, and its signatures verify with the published key', async () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'permit-log-key-')), 'keys', 'log.pem');

    // Act
    const [a, b] = await Promise.all([openLocalLogSigner(file), openLocalLogSigner(file)]);
    const again = await openLocalLogSigner(file);
    const signature = await a.sign(message);

    // Assess
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await b.publicKey()).toEqual(await a.publicKey());
    expect(await again.publicKey()).toEqual(await a.publicKey());
    expect(signature).toHaveLength(64);
    expect(verify(null, message, spki(await a.publicKey()), signature)).toBe(true);
  });
});

describe('createKmsLogSigner', () => {
  it('signs the raw message with ED25519_SHA_512 and answers the raw 32-byte public key', async () => {
    // Prepare
    const { privateKey } = generateKeyPairSync('ed25519');
    const kms = fakeKms(privateKey);

    // Act
    const signer = await createKmsLogSigner({ client: kms.client, keyId: 'alias/log' });
    const signature = await signer.sign(message);

    // Assess
    expect(kms.calls).toEqual(['GetPublicKey', 'Sign:RAW:ED25519_SHA_512']);
    expect(await signer.publicKey()).toHaveLength(32);
    expect(verify(null, message, spki(await signer.publicKey()), signature)).toBe(true);
  });

  it('refuses a key that is not Ed25519, and a signature by another key', async () => {
    // Prepare
    const { privateKey } = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519').privateKey;

    // Act
    const unsuitable = await createKmsLogSigner({
      client: fakeKms(privateKey, { keySpec: 'ECC_NIST_P256' }).client,
      keyId: 'k',
    }).catch((e: unknown) => e);
    const repointed = await createKmsLogSigner({ client: fakeKms(privateKey, { signWith: other }).client, keyId: 'k' });
    const mismatch = await repointed.sign(message).catch((e: unknown) => e);

    // Assess
    expect(unsuitable).toMatchObject({ code: 'SIGNER_KEY_UNSUITABLE' });
    expect(mismatch).toMatchObject({ code: 'SIGNER_KEY_MISMATCH' });
  });
});
