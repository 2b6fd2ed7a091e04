import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  certificationRequest,
  createCertificateAuthority,
  derFromPem,
  issueCertificate,
  pem,
} from '../../../../lambdas/adapters/pades/x509';
import { inTempDir, makePki, openssl, rawSigner, SIGNER_NAME } from '../../../support/pades-pki';

describe('createCertificateAuthority', () => {
  it('makes a self-signed P-256 CA that OpenSSL accepts, with critical CA constraints and keyCertSign + cRLSign', () => {
    // Prepare
    const notBefore = new Date('2026-01-01T00:00:00Z');
    const notAfter = new Date('2036-01-01T00:00:00Z');
    // Act
    const ca = createCertificateAuthority({
      commonName: 'Permit 开发 CA',
      organization: '湖北省市场监督管理局',
      notBefore,
      notAfter,
    });
    // Assess
    const x509 = new X509Certificate(ca.certificate);
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(new Date(x509.validFrom)).toEqual(notBefore);
    expect(new Date(x509.validTo)).toEqual(notAfter);
    const text = inTempDir({ 'ca.pem': pem('CERTIFICATE', ca.certificate) }, (dir) => {
      expect(openssl(dir, ['verify', '-CAfile', 'ca.pem', 'ca.pem']).status).toBe(0);
      return openssl(dir, ['x509', '-in', 'ca.pem', '-noout', '-text', '-nameopt', 'utf8']).out;
    });
    expect(text).toContain('Subject: C=CN, O=湖北省市场监督管理局, CN=Permit 开发 CA');
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(text).toContain('Subject Key Identifier');
    expect(text).toContain('ecdsa-with-SHA256');
    expect(text).toContain('NIST CURVE: P-256');
  });
});

describe('issueCertificate', () => {
  it('issues a document-signing certificate with the EKUs NSS-based readers want, a Chinese name and AKI/SKI', () => {
    // Prepare + Act
    const pki = makePki();
    // Assess
    const text = inTempDir(
      { 'ca.pem': pem('CERTIFICATE', pki.ca.certificate), 'leaf.pem': pem('CERTIFICATE', pki.signerCertificate) },
      (dir) => {
        expect(openssl(dir, ['verify', '-CAfile', 'ca.pem', 'leaf.pem']).out).toContain('leaf.pem: OK');
        return openssl(dir, ['x509', '-in', 'leaf.pem', '-noout', '-text', '-nameopt', 'utf8']).out;
      },
    );
    expect(text).toContain(`Subject: C=CN, O=湖北省市场监督管理局, CN=${SIGNER_NAME}`);
    expect(text).toContain('Issuer: C=CN, O=湖北省市场监督管理局, CN=Permit 开发 CA');
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(
      /Extended Key Usage: \s*E-mail Protection, 1\.2\.840\.113583\.1\.1\.5, 1\.3\.6\.1\.4\.1\.311\.10\.3\.12/,
    );
    expect(text).toContain('Authority Key Identifier');
    expect(text).toContain('Subject Key Identifier');
    const leaf = new X509Certificate(pki.signerCertificate);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(new X509Certificate(pki.ca.certificate))).toBe(true);
    expect(leaf.publicKey.export({ format: 'jwk' })).toEqual(pki.signerKeys.publicKey.export({ format: 'jwk' }));
  });

  it('issues a time-stamping certificate whose only EKU is timeStamping, critical', () => {
    const pki = makePki();
    const text = inTempDir(
      { 'tsa.pem': pem('CERTIFICATE', pki.tsaCertificate) },
      (dir) => openssl(dir, ['x509', '-in', 'tsa.pem', '-noout', '-text']).out,
    );
    expect(text).toMatch(/Extended Key Usage: critical\s+Time Stamping\n/);
    expect(new X509Certificate(pki.tsaCertificate).keyUsage).toEqual(['1.3.6.1.5.5.7.3.8']);
  });

  it('gives every certificate a random positive 16-byte serial', () => {
    const { ca, signerKeys } = makePki();
    const issue = () =>
      issueCertificate({
        issuer: ca,
        subjectPublicKey: signerKeys.publicKey,
        subject: { commonName: 'x', country: 'CN' },
        profile: 'document-signing',
        notBefore: new Date('2026-01-01'),
        notAfter: new Date('2027-01-01'),
      });
    const serials = Array.from({ length: 20 }, () => new X509Certificate(issue()).serialNumber);
    expect(new Set(serials).size).toBe(20);
    for (const serial of serials) {
      expect(serial).toMatch(/^[0-9A-F]{32}$/);
      expect(Number.parseInt(serial.slice(0, 2), 16)).toBeLessThan(0x80);
    }
  });

  it('refuses a key that is not P-256', () => {
    const { ca } = makePki();
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(() =>
      issueCertificate({
        issuer: ca,
        subjectPublicKey: publicKey,
        subject: { commonName: 'x' },
        profile: 'timestamping',
        notBefore: new Date('2026-01-01'),
        notAfter: new Date('2027-01-01'),
      }),
    ).toThrow(/P-256/);
  });
});

describe('certificationRequest', () => {
  it('makes a PKCS#10 request signed through a raw r‖s callback that OpenSSL verifies', async () => {
    // Prepare: the key stays behind the callback, as a KMS key would.
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    // Act
    const csr = await certificationRequest({
      publicJwk: publicKey.export({ format: 'jwk' }),
      subject: { commonName: SIGNER_NAME, organization: '湖北省市场监督管理局' },
      sign: rawSigner(privateKey),
    });
    // Assess
    const run = inTempDir({ 'req.pem': pem('CERTIFICATE REQUEST', csr) }, (dir) =>
      openssl(dir, ['req', '-verify', '-in', 'req.pem', '-noout', '-subject', '-nameopt', 'utf8']),
    );
    expect(run.status).toBe(0);
    expect(run.out).toContain('verify OK');
    expect(run.out).toContain(`subject=C=CN, O=湖北省市场监督管理局, CN=${SIGNER_NAME}`);
  });
});

describe('pem and derFromPem', () => {
  it('round-trips every block, in order, and filters by label', () => {
    const pki = makePki();
    const text = `junk\n${pem('CERTIFICATE', pki.signerCertificate)}${pem('PUBLIC KEY', new Uint8Array([1, 2, 3]))}${pem('CERTIFICATE', pki.ca.certificate)}`;
    expect(
      pem('CERTIFICATE', pki.ca.certificate)
        .split('\n')
        .every((line) => line.length <= 64),
    ).toBe(true);
    expect(derFromPem(text)).toEqual([pki.signerCertificate, new Uint8Array([1, 2, 3]), pki.ca.certificate]);
    expect(derFromPem(text, 'CERTIFICATE')).toEqual([pki.signerCertificate, pki.ca.certificate]);
    expect(derFromPem('no blocks here')).toEqual([]);
  });
});
