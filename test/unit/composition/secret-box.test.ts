/**
 * Which secret box a process gets: the local signer's key directory holds the local box's key (created on first use,
 * not before); a KMS deployment needs WEBHOOK_SECRETS_KEY_ID, and its box talks to that key.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KmsSecretsClient } from '../../../lambdas/adapters/secrets/kms-secret-box';
import { secretBoxFor } from '../../../lambdas/composition/secret-box';
import { ConfigError } from '../../../lambdas/shared/config';
import { webhookSecretsKey } from '../../../lib/resources';

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'permit-box-')), 'keys');
});
afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

describe('secretBoxFor', () => {
  it('the local signer: the local box in its key directory, whose key file appears on first use', async () => {
    // Prepare
    const box = secretBoxFor({ signer: { kind: 'local', dir }, webhookSecrets: { kmsKeyId: 'ignored' } });
    const keyFile = join(dir, webhookSecretsKey.localFile);
    const before = existsSync(keyFile);

    // Act
    const sealed = await box.seal('whsec_本地', 'sub_01');

    // Assess
    expect(before).toBe(false);
    expect(existsSync(keyFile)).toBe(true);
    expect(sealed).toMatch(/^v1\.local\./);
    expect(await box.open(sealed, 'sub_01')).toBe('whsec_本地');
  });

  it('a KMS deployment without WEBHOOK_SECRETS_KEY_ID fails, naming the variable', () => {
    expect(() => secretBoxFor({ signer: { kind: 'kms', keyId: 'signing' }, webhookSecrets: {} })).toThrow(
      new ConfigError('missing environment variable WEBHOOK_SECRETS_KEY_ID'),
    );
  });

  it('a KMS deployment: the KMS box on the webhook secrets key (not the signing key)', async () => {
    // Prepare
    const keyIds: (string | undefined)[] = [];
    const client = {
      send: async (command: EncryptCommand | DecryptCommand) => {
        keyIds.push(command.input.KeyId);
        return { $metadata: {}, CiphertextBlob: new Uint8Array([1, 2, 3]) };
      },
    } as unknown as KmsSecretsClient;
    const box = secretBoxFor(
      { signer: { kind: 'kms', keyId: 'signing' }, webhookSecrets: { kmsKeyId: 'alias/permit-dev-webhook-secrets' } },
      () => client,
    );

    // Act
    const sealed = await box.seal('whsec_x', 'sub_01');

    // Assess
    expect(sealed).toBe('v1.kms.AQID');
    expect(keyIds).toEqual(['alias/permit-dev-webhook-secrets']);
  });
});
