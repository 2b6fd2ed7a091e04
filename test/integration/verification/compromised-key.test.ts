/**
 * A signature made with a key after the moment it was declared compromised is refused; what the key signed before
 * stays valid. Its own runtime, because it compromises that runtime's signing key. Times: the key store takes an
 * injected clock (the compromise is declared "one second after certificate A was signed", which the system clock
 * may not have reached yet), and the thief's signature carries a signing time after that moment.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { LocalKeyStore } from '../../../lambdas/adapters/signing/local-key-store';
import { createNodeSigner, type PrivateEcJwk } from '../../../lambdas/adapters/signing/node-signer';
import { decodeQrPayload, signCertificateClaims } from '../../../lambdas/domain/signing/qr-claims';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { checksOf, issueCertificate, payloadOf, verifyPath } from './support';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.stop());

test('compromised from T: A (signed before T) is valid; B (signed with the stolen key at T+1 s) is invalid', async () => {
  // Prepare: A is issued; a thief copies the key; the authority declares it compromised from one second after A
  const a = await issueCertificate(runtime, 801);
  const dir = runtime.env.LOCAL_KEY_DIR as string;
  const aClaims = decodeQrPayload(payloadOf(a.qr.text)).claims;
  const kid = (await (await LocalKeyStore.open({ dir })).keySet()).current()?.kid as string;
  const stolen = await createNodeSigner(
    JSON.parse(readFileSync(join(dir, `${kid}.private.jwk`), 'utf8')) as PrivateEcJwk,
  );
  const compromisedAt = new Date((aClaims.signedAt + 1) * 1000);
  const store = await LocalKeyStore.open({ dir, clock: new ManualClock(new Date((aClaims.signedAt + 2) * 1000)) });
  await store.compromise(kid, compromisedAt); // rotates first: the key was current
  const b = await signCertificateClaims({ ...aClaims, signedAt: aClaims.signedAt + 1 }, stolen, runtime.baseUrl);
  // Act
  const genuine = await verifyPath(runtime, `/v/${payloadOf(a.qr.text)}`);
  const forged = await verifyPath(runtime, `/v/${b.payload}`);
  const jwks = (await (await runtime.request('/.well-known/jwks.json')).json()) as { keys: Record<string, unknown>[] };
  // Assess
  expect(genuine.verdict).toBe('valid');
  expect(forged.verdict).toBe('invalid');
  expect(checksOf(forged).signature).toBe('fail:KEY_COMPROMISED');
  expect(jwks.keys.find((k) => k.kid === kid)).toMatchObject({
    'permit:status': 'compromised',
    'permit:compromisedAt': aClaims.signedAt + 1,
  });
});
