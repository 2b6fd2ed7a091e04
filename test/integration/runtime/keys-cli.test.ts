/**
 * `npm run keys` as a real process, for PDF signatures: with no command it makes what a fresh machine lacks (the
 * development CA, the current key's document-signing certificate, the local TSA's certificate) and nothing twice; a
 * rotation certifies the new key; `csr` writes a certificate signing request signed by the key itself, which OpenSSL
 * accepts.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PemCertificateBundle } from '../../../lambdas/adapters/pades/certificate-bundle';
import { derFromPem } from '../../../lambdas/adapters/pades/x509';
import { inTempDir, openssl } from '../../support/pades-pki';
import { spawnScript } from '../../support/processes';

let dataDir: string;
let keyDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'permit-keys-cli-'));
  keyDir = join(dataDir, 'keys');
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function keys(...args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawnScript('bin/keys.ts', { LOCAL_KEY_DIR: keyDir }, args);
  const code = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

const currentKid = (): string => {
  const ring = JSON.parse(readFileSync(join(keyDir, 'jwks.json'), 'utf8')) as {
    keys: { kid: string; 'permit:status': string }[];
  };
  return (ring.keys.find((k) => k['permit:status'] === 'current') as { kid: string }).kid;
};
const bundle = () => new PemCertificateBundle(async () => readFileSync(join(keyDir, 'pades-certificates.pem'), 'utf8'));

describe('npm run keys (PDF signatures)', () => {
  test('makes the development CA, the key’s certificate and the TSA’s, once; says how to trust the CA', async () => {
    // Act
    const first = await keys();
    const again = await keys();
    // Assess
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`created: dev-ca.pem, pades-certificates.pem (${currentKid()}), tsa.pem`);
    expect(first.stdout).toContain('certutil -A -d sql:/tmp/permit-nss -n permit-dev-ca -t "C,C,C"');
    expect(again.stdout).toContain('nothing to create: all in place');
    const ca = new X509Certificate(readFileSync(join(keyDir, 'dev-ca.pem')));
    const [leaf] = (await bundle().chainFor(currentKid())) ?? [];
    expect(leaf && new X509Certificate(leaf).checkIssued(ca)).toBe(true);
    expect(readFileSync(join(keyDir, 'pades-trust-anchors.pem'), 'utf8')).toBe(
      readFileSync(join(keyDir, 'dev-ca.pem'), 'utf8'),
    );
    expect(new X509Certificate(readFileSync(join(keyDir, 'tsa.pem'))).checkIssued(ca)).toBe(true);
  });

  test('a rotated key gets its own certificate; the earlier one stays in the bundle', async () => {
    // Prepare
    await keys();
    const before = currentKid();
    // Act
    const rotated = await keys('rotate');
    // Assess
    expect(rotated.code).toBe(0);
    const after = currentKid();
    expect(after).not.toBe(before);
    expect(await bundle().chainFor(after)).toBeDefined();
    expect(await bundle().chainFor(before)).toBeDefined();
    expect(derFromPem(readFileSync(join(keyDir, 'pades-certificates.pem'), 'utf8'))).toHaveLength(2);
  });

  test('csr: a PKCS#10 request for the current key, signed by it, that OpenSSL verifies', async () => {
    // Act
    const printed = await keys('csr');
    const out = join(dataDir, 'signing.csr');
    const written = await keys('csr', '--out', out);
    // Assess
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    expect(written.stdout).toContain(`a CSR for key ${currentKid()}`);
    const checked = inTempDir({ 'req.pem': readFileSync(out) }, (dir) =>
      openssl(dir, ['req', '-in', 'req.pem', '-verify', '-noout', '-subject', '-nameopt', 'utf8']),
    );
    expect(checked.status).toBe(0);
    expect(checked.out).toContain('湖北省市场监督管理局 电子证照签章');
    expect(checked.out).toMatch(/verify OK/i);
  });

  test('an unknown command prints the usage with exit code 2', async () => {
    const run = await keys('sign-everything');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run keys');
  });
});
