/**
 * CMS SignedData (RFC 5652) with one ECDSA P-256 / SHA-256 signer, as both PAdES signatures and RFC 3161 tokens use
 * it: building one (signed attributes content type, message digest, signing-certificate-v2; never signing-time) and
 * checking one. The chain to a trust anchor is `chain.ts`'s job.
 */
import { verify, X509Certificate } from 'node:crypto';
import {
  type Attribute,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, GeneralName, GeneralNames } from '@peculiar/asn1-x509';
import { rawToDerEcdsa } from '../signing/ecdsa-der';
import {
  attribute,
  bytes,
  copyBuffer,
  derChildren,
  derOid,
  derTlv,
  EssCertIdV2,
  IssuerSerial,
  OID,
  SigningCertificateV2,
  sameBytes,
  sha256,
  sortedAttributes,
} from './asn1';

/** Signs DER signed attributes: SHA-256 inside, raw 64-byte `r‖s` out (like the `Signer` port). */
export type RawSign = (data: Uint8Array) => Promise<Uint8Array>;

/**
 * Build a ContentInfo(SignedData) with one signer, the first certificate of `chain`. `content` is encapsulated when
 * given (a TSTInfo), else the signature is detached; `digest` is the SHA-256 of the content either way.
 * `unsignedAttributes` receives the DER ECDSA signature value and may add unsigned attributes (a timestamp token).
 *
 * @example
 * const der = await buildSignedData({ contentType: OID.data, digest, chain, sign: (d) => signer.sign(d) });
 */
export async function buildSignedData(opts: {
  contentType: string;
  content?: Uint8Array;
  digest: Uint8Array;
  chain: readonly Uint8Array[];
  /** Whether `certificates` carries the chain (default true; an RFC 3161 request without certReq wants none). */
  includeCertificates?: boolean;
  sign: RawSign;
  unsignedAttributes?: (signatureValue: Uint8Array) => Promise<Attribute[] | undefined>;
}): Promise<Uint8Array> {
  const [signerDer] = opts.chain;
  if (!signerDer) throw new TypeError('the certificate chain is empty');
  const certificates = opts.chain.map(parseDerCertificate);
  const signer = certificates[0] as Certificate;
  const sha256Id = new AlgorithmIdentifier({ algorithm: OID.sha256 });
  const signedAttrs = sortedAttributes([
    attribute(OID.contentType, derOid(opts.contentType)),
    attribute(OID.messageDigest, new OctetString(copyBuffer(opts.digest))),
    attribute(OID.signingCertificateV2, signingCertificateV2(signerDer, signer)),
  ]);
  const toBeSigned = derTlv(0x31, concat(signedAttrs.map((a) => bytes(AsnConvert.serialize(a)))));
  const signatureValue = rawToDerEcdsa(await opts.sign(toBeSigned));
  const unsignedAttrs = await opts.unsignedAttributes?.(signatureValue);
  const signerInfo = new SignerInfo({
    version: 1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: signer.tbsCertificate.issuer,
        serialNumber: signer.tbsCertificate.serialNumber,
      }),
    }),
    digestAlgorithm: sha256Id,
    signedAttrs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 }),
    signature: new OctetString(copyBuffer(signatureValue)),
    ...(unsignedAttrs?.length ? { unsignedAttrs } : {}),
  });
  const signedData = new SignedData({
    version: opts.contentType === OID.data ? 1 : 3,
    digestAlgorithms: new DigestAlgorithmIdentifiers([sha256Id]),
    encapContentInfo: new EncapsulatedContentInfo({
      eContentType: opts.contentType,
      ...(opts.content
        ? { eContent: new EncapsulatedContent({ single: new OctetString(copyBuffer(opts.content)) }) }
        : {}),
    }),
    ...(opts.includeCertificates === false
      ? {}
      : {
          certificates: new CertificateSet(certificates.map((certificate) => new CertificateChoices({ certificate }))),
        }),
    signerInfos: new SignerInfos([signerInfo]),
  });
  const contentInfo = new ContentInfo({ contentType: OID.signedData, content: AsnConvert.serialize(signedData) });
  return bytes(AsnConvert.serialize(contentInfo));
}

/** A SignedData opened for checking: its one signer and the certificates it carries (DER). */
export interface OpenedSignedData {
  readonly signedData: SignedData;
  readonly signerInfo: SignerInfo;
  readonly signerCertificate: Uint8Array;
  readonly certificates: readonly Uint8Array[];
  /** The encapsulated content (a TSTInfo), absent for a detached signature. */
  readonly content?: Uint8Array;
  /** The signed attributes exactly as received (`[0] IMPLICIT SET OF`), which is what the signature covers. */
  readonly signedAttributes?: Uint8Array;
}

/**
 * Parse a ContentInfo(SignedData) with exactly one signer whose certificate (found by issuer and serial) is among
 * the included certificates. Undefined for anything else; never throws.
 *
 * @example
 * const opened = openSignedData(cmsDer); // undefined → 'malformed'
 */
export function openSignedData(der: Uint8Array): OpenedSignedData | undefined {
  try {
    const contentInfo = AsnConvert.parse(der, ContentInfo);
    if (contentInfo.contentType !== OID.signedData) return undefined;
    const signedData = AsnConvert.parse(contentInfo.content, SignedData);
    const [signerInfo, ...others] = signedData.signerInfos;
    const sid = signerInfo?.sid.issuerAndSerialNumber;
    if (!signerInfo || others.length > 0 || !sid) return undefined;
    const certificates = (signedData.certificates ?? []).flatMap((choice) =>
      choice.certificate ? [bytes(AsnConvert.serialize(choice.certificate))] : [],
    );
    const wanted = bytes(AsnConvert.serialize(sid));
    const signerCertificate = certificates.find((candidate) => {
      const tbs = AsnConvert.parse(candidate, Certificate).tbsCertificate;
      const id = new IssuerAndSerialNumber({ issuer: tbs.issuer, serialNumber: tbs.serialNumber });
      return sameBytes(bytes(AsnConvert.serialize(id)), wanted);
    });
    if (!signerCertificate) return undefined;
    const single = signedData.encapContentInfo.eContent?.single;
    const signedAttributes = signedAttributesAsReceived(der);
    return {
      signedData,
      signerInfo,
      signerCertificate,
      certificates,
      ...(single ? { content: new Uint8Array(single.buffer.slice(0)) } : {}),
      ...(signedAttributes ? { signedAttributes } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * The encapsulated content of a ContentInfo(SignedData) (a token's TSTInfo), whoever signed it; undefined for a
 * detached signature or anything unreadable. Never throws.
 *
 * @example
 * const tstInfo = encapsulatedContent(token);
 */
export function encapsulatedContent(der: Uint8Array): Uint8Array | undefined {
  try {
    const contentInfo = AsnConvert.parse(der, ContentInfo);
    if (contentInfo.contentType !== OID.signedData) return undefined;
    const single = AsnConvert.parse(contentInfo.content, SignedData).encapContentInfo.eContent?.single;
    return single && new Uint8Array(single.buffer.slice(0));
  } catch {
    return undefined;
  }
}

/**
 * Check the one signer of an opened SignedData against the SHA-256 `digest` of its content: the content type
 * attribute (equal to the encapsulated content type), the message digest (else `digest`), the ECDSA-SHA256 signature
 * over the DER signed attributes and the signing-certificate-v2 hash of the signer's certificate (else
 * `cms-signature`). Undefined when all hold; never throws.
 *
 * @example
 * const problem = checkSigner(opened, sha256(signedBytes)); // undefined | 'malformed' | 'digest' | 'cms-signature'
 */
export function checkSigner(
  opened: OpenedSignedData,
  digest: Uint8Array,
): 'malformed' | 'digest' | 'cms-signature' | undefined {
  try {
    const { signerInfo, signedData } = opened;
    const attrs = signerInfo.signedAttrs;
    const raw = opened.signedAttributes;
    if (!attrs || !raw) return 'malformed';
    const value = (type: string) => {
      const found = attrs.filter((a) => a.attrType === type);
      return found.length === 1 && found[0]?.attrValues.length === 1
        ? bytes(found[0].attrValues[0] as ArrayBuffer)
        : undefined;
    };
    const contentType = value(OID.contentType);
    if (!contentType || !sameBytes(contentType, derOid(signedData.encapContentInfo.eContentType))) return 'malformed';
    const messageDigest = value(OID.messageDigest);
    if (!messageDigest) return 'malformed';
    if (!sameBytes(bytes(AsnConvert.parse(messageDigest, OctetString).buffer), digest)) return 'digest';
    if (signerInfo.digestAlgorithm.algorithm !== OID.sha256) return 'cms-signature';
    if (signerInfo.signatureAlgorithm.algorithm !== OID.ecdsaWithSha256) return 'cms-signature';
    const signed = new Uint8Array(raw.slice(0));
    signed[0] = 0x31; // the signature covers the SET OF, not the [0] IMPLICIT tag it travels under
    const key = new X509Certificate(opened.signerCertificate).publicKey;
    const signature = new Uint8Array(signerInfo.signature.buffer);
    if (!verify('sha256', signed, { key, dsaEncoding: 'der' }, signature)) return 'cms-signature';
    const essValue = value(OID.signingCertificateV2);
    if (!essValue || !essNamesCertificate(essValue, opened.signerCertificate)) return 'cms-signature';
    return undefined;
  } catch {
    return 'cms-signature';
  }
}

/**
 * The one signer's `[0]` signed attributes, byte for byte, walking ContentInfo → [0] → SignedData → signerInfos (its
 * last element) → SignerInfo. (The ASN.1 library drops the raw bytes of items inside a SET OF.)
 */
function signedAttributesAsReceived(contentInfo: Uint8Array): Uint8Array | undefined {
  const [, explicit] = derChildren(contentInfo) ?? [];
  const [signedData] = (explicit && derChildren(explicit)) ?? [];
  const signerInfos = signedData && derChildren(signedData)?.at(-1);
  const [signerInfo] = (signerInfos && derChildren(signerInfos)) ?? [];
  return signerInfo && derChildren(signerInfo)?.find((element) => element[0] === 0xa0);
}

/** Whether the first ESSCertIDv2 of a signing-certificate-v2 value names `certificate` (SHA-256 hash, issuer/serial). */
function essNamesCertificate(value: Uint8Array, certificate: Uint8Array): boolean {
  const [first] = AsnConvert.parse(value, SigningCertificateV2).certs;
  if (!first) return false;
  if (first.hashAlgorithm && first.hashAlgorithm.algorithm !== OID.sha256) return false;
  if (!sameBytes(bytes(first.certHash.buffer), sha256(certificate))) return false;
  if (!first.issuerSerial) return true;
  const tbs = AsnConvert.parse(certificate, Certificate).tbsCertificate;
  return sameBytes(bytes(first.issuerSerial.serialNumber), bytes(tbs.serialNumber));
}

/** The signing-certificate-v2 value: one ESSCertIDv2 (SHA-256 by default, so the algorithm is omitted in DER). */
function signingCertificateV2(signerDer: Uint8Array, signer: Certificate): SigningCertificateV2 {
  const issuerSerial = new IssuerSerial({
    issuer: new GeneralNames([new GeneralName({ directoryName: signer.tbsCertificate.issuer })]),
    serialNumber: signer.tbsCertificate.serialNumber,
  });
  return new SigningCertificateV2({
    certs: [new EssCertIdV2({ certHash: new OctetString(copyBuffer(sha256(signerDer))), issuerSerial })],
  });
}

/** Parse a certificate and refuse one that would not re-encode to the same bytes (its hash is signed). */
function parseDerCertificate(der: Uint8Array): Certificate {
  const certificate = AsnConvert.parse(der, Certificate);
  if (!sameBytes(bytes(AsnConvert.serialize(certificate)), der)) throw new TypeError('a chain certificate is not DER');
  return certificate;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
