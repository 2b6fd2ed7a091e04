/**
 * The box that seals webhook signing secrets at rest, as `SIGNER` says: locally AES-256-GCM under the key file beside
 * the certificate keys (`webhook-secrets.key` in `LOCAL_KEY_DIR`), in the cloud the KMS key `WEBHOOK_SECRETS_KEY_ID`
 * (only the functions granted `webhookSecrets` may use it). A KMS deployment without the key id fails when the box is
 * first asked for, naming the variable; the local key file is opened on first use and, if that fails, tried again on
 * the next.
 *
 * @example
 * const stored = await secretBox().seal(secret, subscriptionId);
 */
import { webhookSecretsKey } from '../../lib/resources';
import { KmsSecretBox, type KmsSecretsClient } from '../adapters/secrets/kms-secret-box';
import { LocalSecretBox } from '../adapters/secrets/local-secret-box';
import type { SecretBox } from '../ports/secret-box';
import { kmsClient } from '../shared/clients';
import { ConfigError, config, type PermitConfig } from '../shared/config';
import { once } from './once';

/** A box opened on its first use (the local key file is read or created then), retried after a failed opening. */
function openedOnUse(open: () => Promise<SecretBox>): SecretBox {
  let opened: Promise<SecretBox> | undefined;
  const box = (): Promise<SecretBox> => {
    opened ??= open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };
  return {
    seal: async (plaintext, context) => (await box()).seal(plaintext, context),
    open: async (sealed, context) => (await box()).open(sealed, context),
  };
}

/**
 * The secret box for these settings (exported for tests; functions call {@link secretBox}): the local box in the
 * local signer's key directory, else the KMS box over `kms()`'s client and the configured key.
 *
 * @example
 * const box = secretBoxFor({ signer: { kind: 'local', dir: '.permit/keys' }, webhookSecrets: {} });
 */
export function secretBoxFor(
  settings: Pick<PermitConfig, 'signer' | 'webhookSecrets'>,
  kms: () => KmsSecretsClient = kmsClient,
): SecretBox {
  const { signer, webhookSecrets } = settings;
  if (signer.kind === 'local') return openedOnUse(() => LocalSecretBox.open({ dir: signer.dir }));
  if (!webhookSecrets.kmsKeyId) throw new ConfigError(`missing environment variable ${webhookSecretsKey.envVar}`);
  return new KmsSecretBox({ client: kms(), keyId: webhookSecrets.kmsKeyId });
}

/**
 * The process's secret box (built once, from the process's configuration).
 *
 * @example
 * const secret = await secretBox().open(subscription.sealedSecret, subscription.id);
 */
export const secretBox = once<SecretBox>(() => secretBoxFor(config()));
