/**
 * The KMS secret box against a stand-in for KMS (there is no KMS emulator here): it encrypts with AES-GCM under one of
 * its keys, binds the encryption context to the blob and answers with the real service's exception names — so the box's
 * requests (key id, encryption context), its stored form and its mapping of KMS's errors are all checked.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  type DecryptCommand,
  type DecryptCommandOutput,
  EncryptCommand,
  type EncryptCommandOutput,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { KmsSecretBox, type KmsSecretsClient } from '../../../../lambdas/adapters/secrets/kms-secret-box';
import { isPermitError } from '../../../../lambdas/domain/errors';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

const kmsError = (name: string) => Object.assign(new Error(`${name} from the stand-in`), { name });

/**
 * A stand-in for KMS's Encrypt and Decrypt. Each key id has its own AES key; a blob is `<key index><iv><tag><ct>` with
 * the encryption context (sorted) as AAD, as KMS binds it. Decrypt with another key id than the blob's answers
 * `IncorrectKeyException`, with another context or an altered blob `InvalidCiphertextException`.
 */
function fakeKms(options: { failWith?: string } = {}) {
  const keys = [KEY_ID, 'other-key'];
  const material = keys.map(() => randomBytes(32));
  const requests: (EncryptCommand['input'] | DecryptCommand['input'])[] = [];
  const aad = (context: Record<string, string> | undefined) =>
    Buffer.from(JSON.stringify(Object.entries(context ?? {}).sort(([a], [b]) => a.localeCompare(b))));
  const client = {
    async send(command: EncryptCommand | DecryptCommand): Promise<EncryptCommandOutput | DecryptCommandOutput> {
      requests.push(command.input);
      if (options.failWith) throw kmsError(options.failWith);
      const index = keys.indexOf(command.input.KeyId ?? '');
      if (index < 0) throw kmsError('NotFoundException');
      if (command instanceof EncryptCommand) {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', material[index] as Buffer, iv);
        cipher.setAAD(aad(command.input.EncryptionContext));
        const ct = Buffer.concat([cipher.update(command.input.Plaintext as Uint8Array), cipher.final()]);
        const blob = Buffer.concat([Buffer.from([index]), iv, cipher.getAuthTag(), ct]);
        return {
          $metadata: {},
          KeyId: `arn:aws-cn:kms:cn-north-1:111122223333:key/${keys[index]}`,
          CiphertextBlob: blob,
        };
      }
      const blob = Buffer.from(command.input.CiphertextBlob as Uint8Array);
      if (blob.length < 29 || (blob[0] as number) >= keys.length) throw kmsError('InvalidCiphertextException');
      if (blob[0] !== index) throw kmsError('IncorrectKeyException');
      const decipher = createDecipheriv('aes-256-gcm', material[index] as Buffer, blob.subarray(1, 13));
      decipher.setAAD(aad(command.input.EncryptionContext));
      decipher.setAuthTag(blob.subarray(13, 29));
      try {
        const plaintext = Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]);
        return { $metadata: {}, KeyId: keys[index], Plaintext: new Uint8Array(plaintext) };
      } catch {
        throw kmsError('InvalidCiphertextException');
      }
    },
  } as KmsSecretsClient;
  return { client, requests };
}

describe('KmsSecretBox', () => {
  it('seals with Encrypt on the key, under the purpose and the context, and opens with Decrypt pinned to the key', async () => {
    // Prepare
    const { client, requests } = fakeKms();
    const box = new KmsSecretBox({ client, keyId: KEY_ID });

    // Act
    const sealed = await box.seal(SECRET, 'sub_01');
    const opened = await box.open(sealed, 'sub_01');

    // Assess
    expect(opened).toBe(SECRET);
    expect(sealed).toMatch(/^v1\.kms\.[A-Za-z0-9_-]+$/);
    const context = { purpose: 'permit-webhook-secret', context: 'sub_01' };
    expect(requests).toEqual([
      { KeyId: KEY_ID, Plaintext: Buffer.from(SECRET), EncryptionContext: context },
      {
        KeyId: KEY_ID,
        CiphertextBlob: Buffer.from(sealed.slice('v1.kms.'.length), 'base64url'),
        EncryptionContext: context,
      },
    ]);
  });

  it('round-trips Chinese text', async () => {
    const box = new KmsSecretBox({ client: fakeKms().client, keyId: KEY_ID });
    const text = '回调密钥：湖北省市场监督管理局';
    expect(await box.open(await box.seal(text, '订阅-01'), '订阅-01')).toBe(text);
  });

  it('maps InvalidCiphertextException (another context, an altered blob) to SECRET_UNREADABLE', async () => {
    // Prepare
    const box = new KmsSecretBox({ client: fakeKms().client, keyId: KEY_ID });
    const sealed = await box.seal(SECRET, 'sub_01');
    const blob = Buffer.from(sealed.slice('v1.kms.'.length), 'base64url');
    blob[blob.length - 1] = (blob[blob.length - 1] as number) ^ 0x01;

    // Act
    const errors = await Promise.all([
      box.open(sealed, 'sub_02').catch((e: unknown) => e),
      box.open(`v1.kms.${blob.toString('base64url')}`, 'sub_01').catch((e: unknown) => e),
    ]);

    // Assess
    for (const error of errors) {
      expect(error).toMatchObject({ name: 'UnprocessableError', code: 'SECRET_UNREADABLE', kind: 'unprocessable' });
      expect((error as Error).message).toContain('InvalidCiphertextException');
    }
  });

  it('maps IncorrectKeyException (a value sealed under another key) to SECRET_UNREADABLE', async () => {
    // Prepare
    const { client } = fakeKms();
    const sealedElsewhere = await new KmsSecretBox({ client, keyId: 'other-key' }).seal(SECRET, 'sub_01');

    // Act / Assess
    await expect(new KmsSecretBox({ client, keyId: KEY_ID }).open(sealedElsewhere, 'sub_01')).rejects.toMatchObject({
      code: 'SECRET_UNREADABLE',
      message: expect.stringContaining('IncorrectKeyException'),
    });
  });

  it('refuses text that is no KMS-sealed value without calling KMS', async () => {
    // Prepare
    const { client, requests } = fakeKms();
    const box = new KmsSecretBox({ client, keyId: KEY_ID });

    // Act / Assess
    for (const text of [
      '',
      SECRET,
      'v1.kms.',
      'v1.kms.AAAA.BBBB',
      'v1.local.AAAA.BBBB.CCCC',
      'v1.kms.AQ=',
      'v1.kms.A+/',
    ]) {
      await expect(box.open(text, 'sub_01'), text).rejects.toMatchObject({ code: 'SECRET_UNREADABLE' });
    }
    expect(requests).toEqual([]);
  });

  it.each([
    'ThrottlingException',
    'KMSInternalException',
    'DisabledException',
    'KMSInvalidStateException',
    'KeyUnavailableException',
    'DependencyTimeoutException',
    'AccessDeniedException',
    'TimeoutError',
  ])('maps %s on seal and open to SECRETS_UNAVAILABLE with the cause', async (name) => {
    // Prepare
    const sealed = await new KmsSecretBox({ client: fakeKms().client, keyId: KEY_ID }).seal(SECRET, 'sub_01');
    const box = new KmsSecretBox({ client: fakeKms({ failWith: name }).client, keyId: KEY_ID });

    // Act
    const errors = [
      await box.seal(SECRET, 'sub_01').catch((e: unknown) => e),
      await box.open(sealed, 'sub_01').catch((e: unknown) => e),
    ];

    // Assess
    for (const error of errors) {
      expect(isPermitError(error) && [error.code, error.kind]).toEqual(['SECRETS_UNAVAILABLE', 'unavailable']);
      expect((error as Error).cause).toMatchObject({ name });
    }
  });

  it('maps a network failure (no KMS answer at all) to SECRETS_UNAVAILABLE', async () => {
    // Prepare
    const unreachable: KmsSecretsClient = {
      send: (async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
      }) as KmsSecretsClient['send'],
    };

    // Act / Assess
    await expect(new KmsSecretBox({ client: unreachable, keyId: KEY_ID }).seal(SECRET, 'c')).rejects.toMatchObject({
      code: 'SECRETS_UNAVAILABLE',
    });
  });

  it('refuses to seal an empty secret or more than 4096 bytes, which KMS would not encrypt, without calling it', async () => {
    // Prepare
    const { client, requests } = fakeKms();
    const box = new KmsSecretBox({ client, keyId: KEY_ID });

    // Act / Assess
    await expect(box.seal('x'.repeat(4097), 'c')).rejects.toThrow(RangeError);
    await expect(box.seal('', 'c')).rejects.toThrow(RangeError);
    expect(requests).toEqual([]);
  });
});
