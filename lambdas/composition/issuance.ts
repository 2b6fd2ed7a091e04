/**
 * Wiring for the functions that issue: the certificate signer (AWS KMS in the cloud, the local key store in the
 * embedded runtime), the PDF renderer with its fonts, and the outbox publisher (paper copies). Only their bundles
 * import this module.
 *
 * @example
 * await issueCertificate(await issuanceDeps(), input);
 */
import { DynamoKeyRing } from '../adapters/dynamo/key-ring';
import { PdfCertificateRenderer } from '../adapters/pdf/certificate-renderer';
import { createKmsSigner } from '../adapters/signing/kms-signer';
import { LocalKeyStore } from '../adapters/signing/local-key-store';
import type { Signer } from '../ports/signer';
import { dynamoClient, kmsClient } from '../shared/clients';
import { config } from '../shared/config';
import type { IssuanceDeps } from '../use-cases/issue-certificate';
import { clock } from './clock';
import { once } from './once';
import { outboxPublisher } from './outbox';
import { catalogue, certificatePdfs, certificateRepository } from './storage';

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

const renderer = once(() => new PdfCertificateRenderer());

/**
 * Deps of issuance; `parts` replace any of them (tests, benchmarks). The signing key is loaded first, so an unusable
 * key fails the cold start rather than the first request.
 *
 * @example
 * const deps = await issuanceDeps();
 */
export async function issuanceDeps(parts: Partial<IssuanceDeps> = {}): Promise<IssuanceDeps> {
  if (!parts.signer) await signer();
  return {
    repository: certificateRepository(),
    pdfs: certificatePdfs(),
    signer,
    renderer: renderer(),
    catalogue: catalogue(),
    clock,
    settings: {
      province: config().province,
      issuingAuthority: config().issuingAuthority,
      publicBaseUrl: config().publicBaseUrl,
    },
    publisher: outboxPublisher(),
    ...parts,
  };
}
