/**
 * X.509 for PAdES: a development CA, the certificates it issues (document signing, time-stamping), a PKCS#10 request
 * for a key that never leaves KMS, and PEM armour. P-256 with ECDSA-SHA256 only; names are UTF8String so Chinese
 * names survive.
 */
import { createHash, createPublicKey, generateKeyPairSync, type JsonWebKey, KeyObject, sign } from 'node:crypto';
import { CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { rawToDerEcdsa } from '../signing/ecdsa-der';
import { bytes, OID, positiveSerial } from './asn1';

/**
 * A certificate subject. `country` defaults to `CN`.
 *
 * @example
 * const subject: CertificateSubject = { commonName: '湖北省市场监督管理局 电子证照签章', organization: '湖北省市场监督管理局' };
 */
export interface CertificateSubject {
  readonly commonName: string;
  readonly organization?: string;
  readonly country?: string;
}

/**
 * A CA able to issue: its private key and its own certificate (DER).
 *
 * @example
 * const ca: CertificateAuthority = createCertificateAuthority({ commonName, organization, notBefore, notAfter });
 */
export interface CertificateAuthority {
  readonly privateKey: KeyObject;
  readonly certificate: Uint8Array;
}

/**
 * What a certificate is for: signing PDFs (readers on NSS want emailProtection) or RFC 3161 time-stamping.
 *
 * @example
 * const profile: CertificateProfile = 'document-signing';
 */
export type CertificateProfile = 'document-signing' | 'timestamping';

/** Extended key usages of a document-signing certificate: emailProtection, Adobe authentic documents, MS document signing. */
const DOCUMENT_SIGNING_EKUS = ['1.3.6.1.5.5.7.3.4', '1.2.840.113583.1.1.5', '1.3.6.1.4.1.311.10.3.12'];

/**
 * Create a self-signed P-256 certificate authority (basicConstraints CA critical, keyUsage keyCertSign + cRLSign).
 *
 * @example
 * const ca = createCertificateAuthority({ commonName: 'Permit 开发 CA', organization: '湖北省市场监督管理局',
 *   notBefore: new Date('2026-01-01'), notAfter: new Date('2036-01-01') });
 */
export function createCertificateAuthority(opts: {
  commonName: string;
  organization: string;
  notBefore: Date;
  notAfter: Date;
}): CertificateAuthority {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = spkiOf(publicKey);
  const name = nameOf({ commonName: opts.commonName, organization: opts.organization });
  const keyId = keyIdOf(spki);
  const extensions = [
    extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: true })),
    extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)),
    extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId)),
  ];
  const tbs = tbsCertificate({ issuer: name, subject: name, spki, extensions, ...opts });
  return { privateKey, certificate: signCertificate(tbs, privateKey) };
}

/**
 * Issue an end-entity certificate for a P-256 public key (a KeyObject or a public JWK, e.g. a KMS key's).
 * `document-signing`: keyUsage digitalSignature + nonRepudiation (critical) and the document-signing EKUs;
 * `timestamping`: EKU timeStamping only, critical. AKI/SKI and a random positive serial.
 *
 * @example
 * const der = issueCertificate({ issuer: ca, subjectPublicKey: await signer.publicJwk(),
 *   subject: { commonName: '湖北省市场监督管理局 电子证照签章', organization: '湖北省市场监督管理局' },
 *   profile: 'document-signing', notBefore, notAfter });
 */
export function issueCertificate(opts: {
  issuer: CertificateAuthority;
  subjectPublicKey: KeyObject | JsonWebKey;
  subject: CertificateSubject;
  profile: CertificateProfile;
  notBefore: Date;
  notAfter: Date;
}): Uint8Array {
  const issuerCert = AsnConvert.parse(opts.issuer.certificate, Certificate);
  const issuerSpki = issuerCert.tbsCertificate.subjectPublicKeyInfo;
  const spki = spkiOf(opts.subjectPublicKey);
  const profileExtensions =
    opts.profile === 'document-signing'
      ? [
          extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation)),
          extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage(DOCUMENT_SIGNING_EKUS)),
        ]
      : [
          extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.digitalSignature)),
          extension(id_ce_extKeyUsage, true, new ExtendedKeyUsage([OID.timeStamping])),
        ];
  const extensions = [
    ...profileExtensions,
    extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdOf(spki))),
    extension(
      id_ce_authorityKeyIdentifier,
      false,
      new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyIdOf(issuerSpki)) }),
    ),
  ];
  const tbs = tbsCertificate({
    issuer: issuerCert.tbsCertificate.subject,
    subject: nameOf(opts.subject),
    spki,
    extensions,
    notBefore: opts.notBefore,
    notAfter: opts.notAfter,
  });
  return signCertificate(tbs, opts.issuer.privateKey);
}

/**
 * A PKCS#10 certification request for a P-256 key held elsewhere: `sign` gets the DER CertificationRequestInfo and
 * returns the raw `r‖s` (like the `Signer` port, SHA-256 applied inside), so the private key never leaves KMS.
 *
 * @example
 * const csr = await certificationRequest({ publicJwk: await signer.publicJwk(), subject, sign: (d) => signer.sign(d) });
 * console.log(pem('CERTIFICATE REQUEST', csr));
 */
export async function certificationRequest(opts: {
  publicJwk: JsonWebKey;
  subject: CertificateSubject;
  sign: (data: Uint8Array) => Promise<Uint8Array>;
}): Promise<Uint8Array> {
  const info = new CertificationRequestInfo({
    version: 0,
    subject: nameOf(opts.subject),
    subjectPKInfo: spkiOf(opts.publicJwk),
  });
  const infoDer = bytes(AsnConvert.serialize(info));
  const signature = rawToDerEcdsa(await opts.sign(infoDer));
  const request = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 }),
    signature: signature.slice().buffer,
  });
  return bytes(AsnConvert.serialize(request));
}

/**
 * PEM armour for DER bytes (64-character base64 lines).
 *
 * @example
 * writeFileSync('ca.pem', pem('CERTIFICATE', ca.certificate));
 */
export function pem(label: string, der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * The DER bytes of every PEM block in `text`, in order; with `label`, only blocks of that label.
 *
 * @example
 * const chain = derFromPem(readFileSync('chain.pem', 'utf8'), 'CERTIFICATE'); // signing certificate first
 */
export function derFromPem(text: string, label?: string): Uint8Array[] {
  const blocks = text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g);
  return [...blocks]
    .filter(([, found]) => label === undefined || found === label)
    .map(([, , body]) => new Uint8Array(Buffer.from((body ?? '').replace(/\s+/g, ''), 'base64')));
}

/** The SubjectPublicKeyInfo of a P-256 public key; refuses any other key. */
function spkiOf(key: KeyObject | JsonWebKey): SubjectPublicKeyInfo {
  const keyObject =
    key instanceof KeyObject
      ? key.type === 'public'
        ? key
        : createPublicKey(key)
      : createPublicKey({ key, format: 'jwk' });
  const spki = keyObject.export({ type: 'spki', format: 'der' });
  const parsed = AsnConvert.parse(spki, SubjectPublicKeyInfo);
  const curve = parsed.algorithm.parameters && AsnConvert.toString(parsed.algorithm.parameters);
  if (parsed.algorithm.algorithm !== OID.ecPublicKey || !curve?.includes(OID.prime256v1)) {
    throw new TypeError('only P-256 public keys are supported');
  }
  return parsed;
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdOf(spki: SubjectPublicKeyInfo): Uint8Array {
  return new Uint8Array(createHash('sha1').update(new Uint8Array(spki.subjectPublicKey)).digest());
}

/** C (PrintableString), O, CN (UTF8String), one attribute per RDN. */
function nameOf(subject: CertificateSubject): Name {
  const rdn = (type: string, value: AttributeValue) =>
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value })]);
  return new Name([
    rdn(OID.country, new AttributeValue({ printableString: subject.country ?? 'CN' })),
    ...(subject.organization ? [rdn(OID.organization, new AttributeValue({ utf8String: subject.organization }))] : []),
    rdn(OID.commonName, new AttributeValue({ utf8String: subject.commonName })),
  ]);
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function tbsCertificate(parts: {
  issuer: Name;
  subject: Name;
  spki: SubjectPublicKeyInfo;
  extensions: Extension[];
  notBefore: Date;
  notAfter: Date;
}): TBSCertificate {
  return new TBSCertificate({
    version: Version.v3,
    serialNumber: positiveSerial(),
    signature: new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 }),
    issuer: parts.issuer,
    validity: new Validity({ notBefore: parts.notBefore, notAfter: parts.notAfter }),
    subject: parts.subject,
    subjectPublicKeyInfo: parts.spki,
    extensions: new Extensions(parts.extensions),
  });
}

function signCertificate(tbs: TBSCertificate, key: KeyObject): Uint8Array {
  const signature = sign('sha256', new Uint8Array(AsnConvert.serialize(tbs)), { key, dsaEncoding: 'der' });
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 }),
    signatureValue: new Uint8Array(signature).buffer,
  });
  return bytes(AsnConvert.serialize(certificate));
}
