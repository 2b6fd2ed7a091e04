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
import { createCertificateAuthority, issueCertificate, pem } from '../../lambdas/adapters/pades/x509';

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

/**
 * `pdfsig` (poppler) on a PDF with an NSS database that trusts only `caPem` (for S/MIME signers, which is what poppler
 * asks of a PDF signer): its report.
 *
 * @example
 * expect(pdfsig(signed, pem('CERTIFICATE', pki.ca.certificate))).toContain('Signature is Valid.');
 */
export function pdfsig(pdf: Uint8Array, caPem: string): string {
  return inTempDir({ 'file.pdf': pdf, 'ca.pem': caPem }, (dir) => {
    const db = `sql:${join(dir, 'nss')}`;
    spawnSync('mkdir', [join(dir, 'nss')]);
    for (const args of [
      ['-N', '-d', db, '--empty-password'],
      ['-A', '-d', db, '-n', 'permit-test-ca', '-t', 'C,C,C', '-i', join(dir, 'ca.pem')],
    ]) {
      const run = spawnSync('certutil', args, { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`certutil ${args.join(' ')}: ${run.stderr}`);
    }
    const run = spawnSync('pdfsig', ['-nssdir', db, join(dir, 'file.pdf')], { encoding: 'utf8' });
    return `${run.stdout}${run.stderr}`;
  });
}

/** `qpdf --check` on a PDF: its exit status and report. */
export function qpdfCheck(pdf: Uint8Array): { status: number | null; out: string } {
  return inTempDir({ 'file.pdf': pdf }, (dir) => {
    const run = spawnSync('qpdf', ['--check', join(dir, 'file.pdf')], { encoding: 'utf8' });
    return { status: run.status, out: `${run.stdout}${run.stderr}` };
  });
}

/**
 * The first signature of a signed PDF: its byte range, the bytes it covers and its CMS (DER, padding cut off).
 *
 * @example
 * const { covered, cms } = firstSignature(signed); // openssl cms -verify -content covered -in cms
 */
export function firstSignature(pdf: Uint8Array): { range: number[]; covered: Uint8Array; cms: Uint8Array } {
  const text = Buffer.from(pdf).toString('latin1');
  const match = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!match) throw new Error('no /ByteRange in the PDF');
  const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
  const covered = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = Buffer.from(text.slice(b + 1, c - 1), 'hex');
  const length = hex[1] === 0x82 ? 4 + (hex[2] as number) * 256 + (hex[3] as number) : 2 + (hex[1] as number);
  return { range: [a, b, c, d], covered: new Uint8Array(covered), cms: new Uint8Array(hex.subarray(0, length)) };
}

/**
 * `openssl cms -verify` of a detached CMS over `data`, trusting `ca` (DER): its status and report.
 *
 * @example
 * expect(opensslVerify(cms, covered, pki.ca.certificate).out).toContain('Verification successful');
 */
export const opensslVerify = (cms: Uint8Array, data: Uint8Array, ca: Uint8Array, extra: readonly string[] = []) =>
  inTempDir({ 'sig.der': cms, 'data.bin': data, 'ca.pem': pem('CERTIFICATE', ca) }, (dir) =>
    openssl(dir, [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      'sig.der',
      '-content',
      'data.bin',
      '-CAfile',
      'ca.pem',
      ...extra,
      '-out',
      'out.bin',
    ]),
  );
