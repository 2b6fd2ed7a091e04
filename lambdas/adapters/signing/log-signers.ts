/**
 * The transparency log's Ed25519 {@link LogSigner}s: a KMS key (`ECC_NIST_EDWARDS25519`, `ED25519_SHA_512` over the
 * raw message — pure Ed25519, as C2SP signed notes need) in the cloud, and a PEM key file under the local key
 * directory (created on first use, mode 0600) in the embedded runtime. Either way each signature is checked against
 * the public key before it is returned, so a re-pointed key fails loudly (`SIGNER_KEY_MISMATCH`).
 *
 * @example
 * const signer = await openLocalLogSigner(join(config().signer.dir, logKey.localFile));
 * const signature = await signer.sign(new TextEncoder().encode(checkpointText));
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GetPublicKeyCommand, SignCommand } from '@aws-sdk/client-kms';
import { DependencyUnavailableError } from '../../domain/errors';
import type { LogSigner } from '../../ports/log-signer';
import { type KmsSigningClient, kmsCall } from './kms-signer';

/** The raw 32-byte Ed25519 public key of a key object (the last 32 bytes of its SPKI DER). */
const rawEd25519 = (key: KeyObject): Uint8Array =>
  new Uint8Array(key.export({ type: 'spki', format: 'der' }).subarray(-32));

function checked(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array, what: string): Uint8Array {
  if (!verify(null, message, publicKey, signature)) {
    throw new DependencyUnavailableError('SIGNER_KEY_MISMATCH', `${what} no longer matches the log's public key`);
  }
  return signature;
}

/**
 * The log signer of a KMS key: the public key fetched once, each note signed by KMS.
 *
 * @example
 * const signer = await createKmsLogSigner({ client: kmsClient(), keyId: 'alias/permit-log' });
 */
export async function createKmsLogSigner(opts: { client: KmsSigningClient; keyId: string }): Promise<LogSigner> {
  const { client, keyId } = opts;
  const info = await kmsCall(() => client.send(new GetPublicKeyCommand({ KeyId: keyId })));
  if (
    info.KeySpec !== 'ECC_NIST_EDWARDS25519' ||
    !info.SigningAlgorithms?.includes('ED25519_SHA_512') ||
    !info.PublicKey
  ) {
    throw new DependencyUnavailableError(
      'SIGNER_KEY_UNSUITABLE',
      `KMS key ${keyId} is ${info.KeySpec ?? 'unknown'}; the log needs ECC_NIST_EDWARDS25519 with ED25519_SHA_512`,
    );
  }
  const publicKey = createPublicKey({ key: Buffer.from(info.PublicKey), format: 'der', type: 'spki' });
  const raw = rawEd25519(publicKey);
  return {
    publicKey: async () => raw,
    async sign(message) {
      if (message.length > 4096)
        throw new DependencyUnavailableError('SIGNER_INPUT_TOO_LONG', 'KMS signs ≤ 4096 bytes');
      const out = await kmsCall(() =>
        client.send(
          new SignCommand({ KeyId: keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: 'ED25519_SHA_512' }),
        ),
      );
      if (!out.Signature) throw new DependencyUnavailableError('SIGNER_BAD_SIGNATURE', 'KMS returned no signature');
      return checked(publicKey, message, new Uint8Array(out.Signature), `KMS key ${keyId}`);
    },
  };
}

/**
 * The log signer of a local PEM key file, created (mode 0600, in a 0700 directory) when there is none.
 *
 * @example
 * const signer = await openLocalLogSigner('.permit/keys/transparency-log.ed25519.pem');
 */
export async function openLocalLogSigner(file: string): Promise<LogSigner> {
  const privateKey = createPrivateKey(await readOrCreate(file));
  const publicKey = createPublicKey(privateKey);
  const raw = rawEd25519(publicKey);
  return {
    publicKey: async () => raw,
    sign: async (message) => checked(publicKey, message, new Uint8Array(sign(null, message, privateKey)), file),
  };
}

async function readOrCreate(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Unique per attempt: two opens in one process (or two processes) must not share (and delete) one temporary file.
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, pem, { mode: 0o600 });
  try {
    // Two processes creating the key at once: only the first link succeeds; both then read the one file.
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  return readFile(file, 'utf8');
}
