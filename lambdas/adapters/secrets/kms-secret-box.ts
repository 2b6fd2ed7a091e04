/**
 * The cloud's {@link SecretBox}: an AWS KMS symmetric key (`SYMMETRIC_DEFAULT`, `ENCRYPT_DECRYPT`) encrypts each secret
 * directly (a secret is far below KMS's 4096-byte limit, so no data key or envelope is needed). Every call names the
 * key — decryption too, so a ciphertext of any other key is refused rather than opened with whatever key it names —
 * and the encryption context `{ purpose: 'permit-webhook-secret', context }`, which KMS binds to the ciphertext.
 * Stored as `v1.kms.<base64url ciphertext blob>`. Rotation of the key needs nothing here: KMS keeps every earlier
 * key version and picks the right one from the blob. Works unchanged in the aws-cn partition (nothing builds an ARN).
 */
import {
  DecryptCommand,
  type DecryptCommandOutput,
  EncryptCommand,
  type EncryptCommandOutput,
} from '@aws-sdk/client-kms';
import { webhookSecretsKey } from '../../../lib/resources';
import { DependencyUnavailableError } from '../../domain/errors';
import type { SecretBox } from '../../ports/secret-box';
import { kmsCall } from '../signing/kms-signer';
import { sealedParts, sealedText, secretBytes, unreadable } from './sealed-text';

const BOX = 'kms';

/** The two KMS calls the box makes; `KMSClient` satisfies it, and tests pass a stand-in. */
export interface KmsSecretsClient {
  send(command: EncryptCommand): Promise<EncryptCommandOutput>;
  send(command: DecryptCommand): Promise<DecryptCommandOutput>;
}

/**
 * KMS's answers that mean "this ciphertext does not open here" (altered, another context, another key): the value
 * is refused. Every other failure — throttling, the network, `KMSInternalException`, a disabled or pending-deletion
 * key, a missing permission — is the key being out of reach (`SECRETS_UNAVAILABLE`).
 */
const UNREADABLE = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * @example
 * const box = new KmsSecretBox({ client: kmsClient(), keyId: config().webhookSecrets.kmsKeyId });
 * const stored = await box.seal('whsec_…', subscriptionId); // 'v1.kms.AQICAHh…'
 */
export class KmsSecretBox implements SecretBox {
  readonly #client: KmsSecretsClient;
  readonly #keyId: string;

  constructor(opts: { readonly client: KmsSecretsClient; readonly keyId: string }) {
    this.#client = opts.client;
    this.#keyId = opts.keyId;
  }

  /** @example const stored = await box.seal('whsec_…', 'sub_01J…'); */
  async seal(plaintext: string, context: string): Promise<string> {
    const input = {
      KeyId: this.#keyId,
      Plaintext: secretBytes(plaintext),
      EncryptionContext: encryptionContext(context),
    };
    const out = await kmsCall(() => this.#client.send(new EncryptCommand(input)), 'SECRETS_UNAVAILABLE');
    if (!out.CiphertextBlob || out.CiphertextBlob.length === 0) {
      throw new DependencyUnavailableError('SECRETS_UNAVAILABLE', 'KMS Encrypt answered without a ciphertext');
    }
    return sealedText(BOX, [out.CiphertextBlob]);
  }

  /** @example const secret = await box.open(stored, 'sub_01J…'); */
  async open(sealed: string, context: string): Promise<string> {
    const [blob] = sealedParts(sealed, BOX, 1) as [Buffer];
    if (blob.length === 0) throw unreadable(BOX, 'empty ciphertext');
    const input = { KeyId: this.#keyId, CiphertextBlob: blob, EncryptionContext: encryptionContext(context) };
    const out = await kmsCall(async () => {
      try {
        return await this.#client.send(new DecryptCommand(input));
      } catch (error) {
        if (error instanceof Error && UNREADABLE.has(error.name)) throw unreadable(BOX, error.name);
        throw error;
      }
    }, 'SECRETS_UNAVAILABLE');
    if (!out.Plaintext) {
      throw new DependencyUnavailableError('SECRETS_UNAVAILABLE', 'KMS Decrypt answered without a plaintext');
    }
    try {
      return fatalUtf8.decode(out.Plaintext);
    } catch {
      throw unreadable(BOX, 'not UTF-8 text');
    }
  }
}

const encryptionContext = (context: string): Record<string, string> => ({
  purpose: webhookSecretsKey.encryptionPurpose,
  context,
});
