/**
 * The local secret box: AES-256-GCM under a key file created once (0600, in a 0700 directory) and shared by every box
 * on the directory; a value opens only with the context it was sealed for, and not at all once altered.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalSecretBox } from '../../../../lambdas/adapters/secrets/local-secret-box';
import { webhookSecretsKey } from '../../../../lib/resources';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const unreadable = { name: 'UnprocessableError', code: 'SECRET_UNREADABLE', kind: 'unprocessable' };

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'permit-secrets-')), 'keys');
});
afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

/** The value with one byte of its decoded part `index` (0 = IV, 1 = ciphertext, 2 = tag) flipped. */
function flipped(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[2 + index] as string, 'base64url');
  bytes[0] = (bytes[0] as number) ^ 0x01;
  parts[2 + index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('LocalSecretBox', () => {
  it('opens what it sealed, Chinese text included, with a fresh IV each time', async () => {
    // Prepare
    const box = await LocalSecretBox.open({ dir });
    const texts = [SECRET, '回调密钥：湖北省市场监督管理局 🔑', 'x'];

    // Act
    const sealed = await Promise.all(texts.map((t) => box.seal(t, 'sub_01')));
    const again = await box.seal(SECRET, 'sub_01');
    const opened = await Promise.all(sealed.map((s) => box.open(s, 'sub_01')));

    // Assess
    expect(opened).toEqual(texts);
    for (const s of sealed) expect(s).toMatch(/^v1\.local\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed[0]).not.toContain(SECRET);
    expect(again).not.toBe(sealed[0]);
  });

  it('refuses a value opened with another context', async () => {
    // Prepare
    const box = await LocalSecretBox.open({ dir });
    const sealed = await box.seal(SECRET, 'sub_01');

    // Act / Assess
    await expect(box.open(sealed, 'sub_02')).rejects.toMatchObject(unreadable);
    await expect(box.open(sealed, '')).rejects.toMatchObject(unreadable);
  });

  it('refuses a value with a flipped byte in its IV, ciphertext or tag, and one whose text was edited', async () => {
    // Prepare
    const box = await LocalSecretBox.open({ dir });
    const sealed = await box.seal(SECRET, 'sub_01');
    const last = sealed.at(-1) === 'A' ? 'B' : 'A';

    // Act / Assess
    for (const index of [0, 1, 2])
      await expect(box.open(flipped(sealed, index), 'sub_01')).rejects.toMatchObject(unreadable);
    // A changed last character may decode to the same bytes: the text itself must be the canonical encoding.
    await expect(box.open(`${sealed.slice(0, -1)}${last}`, 'sub_01')).rejects.toMatchObject(unreadable);
  });

  it('refuses text that is no sealed value of this box', async () => {
    // Prepare
    const box = await LocalSecretBox.open({ dir });
    const sealed = await box.seal(SECRET, 'sub_01');
    const [, , iv, ciphertext, tag] = sealed.split('.');

    // Act / Assess
    for (const text of [
      '',
      SECRET,
      `v1.kms.${ciphertext}`,
      `v2.local.${iv}.${ciphertext}.${tag}`,
      `v1.local.${iv}.${ciphertext}`,
      `v1.local.${iv}.${ciphertext}.${tag}.${tag}`,
      `v1.local.${iv}.${ciphertext}.${tag?.slice(0, 12)}`,
      `v1.local.${iv}.${ciphertext}.${tag}=`,
    ]) {
      await expect(box.open(text, 'sub_01'), text).rejects.toMatchObject(unreadable);
    }
  });

  it('creates the key file once, 32 bytes, mode 0600 in a 0700 directory, and a second open reuses it', async () => {
    // Prepare
    const first = await LocalSecretBox.open({ dir });
    const key = await readFile(first.file);
    const sealed = await first.seal(SECRET, 'sub_01');

    // Act
    const second = await LocalSecretBox.open({ dir });

    // Assess
    expect(first.file).toBe(join(dir, webhookSecretsKey.localFile));
    expect(key).toHaveLength(32);
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await readdir(dir)).toEqual([webhookSecretsKey.localFile]);
    expect(await readFile(second.file)).toEqual(key);
    expect(await second.open(sealed, 'sub_01')).toBe(SECRET);
  });

  it('two boxes opened together on one directory agree on one key and read each other’s values', async () => {
    // Act
    const [a, b] = await Promise.all([LocalSecretBox.open({ dir }), LocalSecretBox.open({ dir })]);
    const [fromA, fromB] = await Promise.all([a.seal('甲的密钥', 'sub_a'), b.seal('乙的密钥', 'sub_b')]);

    // Assess
    expect(await b.open(fromA, 'sub_a')).toBe('甲的密钥');
    expect(await a.open(fromB, 'sub_b')).toBe('乙的密钥');
    expect(await readdir(dir)).toEqual([webhookSecretsKey.localFile]);
  });

  it('a box over another key file refuses the value', async () => {
    // Prepare
    const sealed = await (await LocalSecretBox.open({ dir })).seal(SECRET, 'sub_01');
    const other = await LocalSecretBox.open({ dir: join(dir, '..', 'other') });

    // Act / Assess
    await expect(other.open(sealed, 'sub_01')).rejects.toMatchObject(unreadable);
  });

  it('a key file that is not 32 bytes makes the box unavailable, naming the file', async () => {
    // Prepare
    await LocalSecretBox.open({ dir });
    await writeFile(join(dir, webhookSecretsKey.localFile), 'short');

    // Act / Assess
    await expect(LocalSecretBox.open({ dir })).rejects.toMatchObject({
      code: 'SECRETS_UNAVAILABLE',
      kind: 'unavailable',
      message: expect.stringContaining(webhookSecretsKey.localFile),
    });
  });

  it('seals 1 to 4096 bytes, as the KMS box can, and refuses an empty or a longer secret', async () => {
    // Prepare
    const box = await LocalSecretBox.open({ dir });

    // Act / Assess
    await expect(box.open(await box.seal('密'.repeat(1365), 'c'), 'c')).resolves.toHaveLength(1365);
    await expect(box.seal('密'.repeat(1366), 'c')).rejects.toThrow(RangeError);
    await expect(box.seal('', 'c')).rejects.toThrow(RangeError);
  });
});
