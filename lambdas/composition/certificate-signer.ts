/**
 * The certificate signer — AWS KMS in the cloud, the local key store in the embedded runtime — for every function
 * that signs with the certificate key: issuance (QR claims) and the status-list publisher. No PDF library here.
 *
 * @example
 * const jws = await signClaims(claims, await signer());
 */
import { DynamoKeyRing } from '../adapters/dynamo/key-ring';
import { createKmsSigner } from '../adapters/signing/kms-signer';
import { LocalKeyStore } from '../adapters/signing/local-key-store';
import type { Signer } from '../ports/signer';
import { dynamoClient, kmsClient } from '../shared/clients';
import { config } from '../shared/config';
import { clock } from './clock';
import { once } from './once';

const kmsSigner = once<Promise<Signer>>(async () => {
  const signerConfig = config().signer;
  if (signerConfig.kind !== 'kms') throw new Error('SIGNER is not kms');
  const kms = await createKmsSigner({ client: kmsClient(), keyId: signerConfig.keyId });
  // Verifiers find keys in the DynamoDB key ring: register this key (conditional put, once) before it signs anything.
  const ring = new DynamoKeyRing(dynamoClient(), config().tableName);
  await ring.ensureRegistered({ kid: kms.kid, jwk: await kms.publicJwk() }, clock.now());
  return kms;
});

const localKeyStore = once<Promise<LocalKeyStore>>(() => {
  const signerConfig = config().signer;
  if (signerConfig.kind !== 'local') throw new Error('SIGNER is not local');
  return LocalKeyStore.open({ dir: signerConfig.dir, clock });
});

/**
 * The certificate signer: AWS KMS in the cloud; locally the key store's current key (re-read on each call, so a
 * rotation by `npm run keys -- rotate` takes effect without a restart).
 */
export async function signer(): Promise<Signer> {
  return config().signer.kind === 'kms' ? kmsSigner() : (await localKeyStore()).signer();
}
