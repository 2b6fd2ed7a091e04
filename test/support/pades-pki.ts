/**
 * A small PKI for the PAdES crypto tests: a development CA, a document-signing key and certificate, a TSA key and
 * certificate, a local TSA on a manual clock, and helpers to run OpenSSL on temporary files.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../lambdas/adapters/clock/manual-clock';
import { LocalTimestampAuthority } from '../../lambdas/adapters/pades/tsp';
import { createCertificateAuthority, issueCertificate } from '../../lambdas/adapters/pades/x509';

export const SIGNER_NAME = '湖北省市场监督管理局 电子证照签章';
export const TSA_POLICY = '1.3.6.1.4.1.99999.1';
const notBefore = new Date('2026-01-01T00:00:00Z');
const notAfter = new Date('2031-01-01T00:00:00Z');

/** The raw `r‖s` signing callback of a node key, as the `Signer` port signs. */
export const rawSigner = (key: KeyObject) => async (data: Uint8Array) =>
  new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }));

/** A fresh PKI: CA, signer (chain signing certificate first), TSA on a manual clock. */
export function makePki(opts: { signerNotAfter?: Date; clock?: ManualClock } = {}) {
  const ca = createCertificateAuthority({
    commonName: 'Permit 开发 CA',
    organization: '湖北省市场监督管理局',
    notBefore,
    notAfter: new Date('2036-01-01T00:00:00Z'),
  });
  const signerKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signerCertificate = issueCertificate({
    issuer: ca,
    subjectPublicKey: signerKeys.publicKey.export({ format: 'jwk' }),
    subject: { commonName: SIGNER_NAME, organization: '湖北省市场监督管理局' },
    profile: 'document-signing',
    notBefore,
    notAfter: opts.signerNotAfter ?? notAfter,
  });
  const tsaKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const tsaCertificate = issueCertificate({
    issuer: ca,
    subjectPublicKey: tsaKeys.publicKey,
    subject: { commonName: 'Permit 时间戳服务', organization: '湖北省市场监督管理局' },
    profile: 'timestamping',
    notBefore,
    notAfter,
  });
  const clock = opts.clock ?? new ManualClock('2026-12-06T13:00:00.250+08:00');
  const tsa = new LocalTimestampAuthority({
    privateKey: tsaKeys.privateKey,
    chain: [tsaCertificate, ca.certificate],
    clock,
    policy: TSA_POLICY,
  });
  return {
    ca,
    signerKeys,
    signerCertificate,
    chain: [signerCertificate, ca.certificate] as const,
    sign: rawSigner(signerKeys.privateKey),
    tsaKeys,
    tsaCertificate,
    tsa,
    clock,
  };
}

/** Run a command in a fresh temporary folder holding `files`; returns exit status and output. */
export function inTempDir<T>(files: Record<string, Uint8Array | string>, use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'permit-pades-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `openssl …args` in `dir`. */
export function openssl(dir: string, args: readonly string[]): { status: number | null; out: string } {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}
