/**
 * The embedded runtime's {@link SecretBox}: AES-256-GCM under a 32-byte key file, `webhook-secrets.key` in the local
 * key directory (`LOCAL_KEY_DIR`), created on first use (mode 0600 in a 0700 directory, atomically, so processes
 * starting together agree on one key). Each value has a random 12-byte IV and the context as additional authenticated
 * data: `v1.local.<iv>.<ciphertext>.<tag>`, base64url parts.
 */
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { webhookSecretsKey } from '../../../lib/resources';
import { DependencyUnavailableError } from '../../domain/errors';
import type { SecretBox } from '../../ports/secret-box';
import { sealedParts, sealedText, secretBytes, unreadable } from './sealed-text';

const BOX = 'local';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * @example
 * const box = await LocalSecretBox.open({ dir: '.permit/keys' });
 * const stored = await box.seal('whsec_…', subscriptionId);
 * await box.open(stored, subscriptionId); // 'whsec_…'
 */
export class LocalSecretBox implements SecretBox {
  private constructor(
    /** The key file's path. */
    readonly file: string,
    private readonly key: KeyObject,
  ) {}

  /**
   * Open the box over `<dir>/webhook-secrets.key`, creating the directory and the key when there is none.
   *
   * @example
   * const box = await LocalSecretBox.open({ dir: config().signer.dir });
   */
  static async open(opts: { readonly dir: string }): Promise<LocalSecretBox> {
    const file = join(opts.dir, webhookSecretsKey.localFile);
    let bytes: Buffer;
    try {
      bytes = await readOrCreateKey(opts.dir, file);
    } catch (error) {
      throw unavailable(`cannot read or create ${file}`, error);
    }
    if (bytes.length !== KEY_BYTES) throw unavailable(`${file} is ${bytes.length} bytes, not a ${KEY_BYTES}-byte key`);
    return new LocalSecretBox(file, createSecretKey(bytes));
  }

  /** @example const stored = await box.seal('whsec_…', 'sub_01J…'); // 'v1.local.…' */
  async seal(plaintext: string, context: string): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secretBytes(plaintext)), cipher.final()]);
    return sealedText(BOX, [iv, ciphertext, cipher.getAuthTag()]);
  }

  /** @example const secret = await box.open(stored, 'sub_01J…'); */
  async open(sealed: string, context: string): Promise<string> {
    const [iv, ciphertext, tag] = sealedParts(sealed, BOX, 3) as [Buffer, Buffer, Buffer];
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw unreadable(BOX, 'wrong IV or tag length');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      // GCM's tag check: the value was altered, or sealed for another context or with another key.
      throw unreadable(BOX);
    }
    return plaintext.toString('utf8');
  }
}

/** The key file's bytes; when there is none, a new random key linked into place (the first of racing creators wins). */
async function readOrCreateKey(dir: string, file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
  try {
    await chmod(temporary, 0o600); // in case an odd file system widened it
    // `link` fails when the key exists: another process (or box) created it meanwhile, and theirs is kept.
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  return readFile(file);
}

const unavailable = (message: string, cause?: unknown) =>
  new DependencyUnavailableError('SECRETS_UNAVAILABLE', message, cause === undefined ? undefined : { cause });
