/**
 * CMS SignedData (RFC 5652) with one ECDSA P-256 / SHA-256 signer, as both PAdES signatures and RFC 3161 tokens use
 * it: building one (signed attributes content type, message digest, signing-certificate-v2; never signing-time) and
 * checking one. The chain to a trust anchor is `chain.ts`'s job.
 */
import { verify, X509Certificate } from 'node:crypto';
import { SignedData, type SignerInfo } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { rawToDerEcdsa } from '../signing/ecdsa-der';
import {
  bytes,
  certificateParts,
  compareDer,
  derChildren,
  derContent,
  derOid,
  derTlv,
  OID,
  SigningCertificateV2,
  sameBytes,
  sha256,
} from './asn1';

/**
 * Signs DER signed attributes: SHA-256 inside, raw 64-byte `r‖s` out (like the `Signer` port).
 *
 * @example
 * const sign: RawSign = (data) => signer.sign(data);
 */
export type RawSign = (data: Uint8Array) => Promise<Uint8Array>;

/**
 * Build a ContentInfo(SignedData) with one signer, the first certificate of `chain`. `content` is encapsulated when
 * given (a TSTInfo), else the signature is detached; `digest` is the SHA-256 of the content either way.
 * `unsignedAttributes` receives the DER ECDSA signature value and may return DER attributes to add unsigned (a
 * timestamp token, see {@link derAttribute}).
 *
 * Written as DER directly, not through the ASN.1 library: every structure here is small and fixed, and the library's
 * encoder took ~3.5 ms per signature against a budget of 5 ms for the whole PAdES step (this takes ~0.3 ms).
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
  unsignedAttributes?: (signatureValue: Uint8Array) => Promise<Uint8Array[] | undefined>;
}): Promise<Uint8Array> {
  const [signerDer] = opts.chain;
  const signer = signerDer && certificateParts(signerDer);
  if (!signerDer || !signer) throw new TypeError('the chain must start with a readable certificate');
  const sequence = (...parts: Uint8Array[]) => derTlv(0x30, concat(parts));
  const algorithm = (oid: string) => sequence(derOid(oid));
  const octets = (value: Uint8Array) => derTlv(0x04, value);
  // ESSCertIDv2 { certHash, issuerSerial { GeneralNames { [4] directoryName }, serial } }; SHA-256 is the DEFAULT.
  const essCertId = sequence(octets(sha256(signerDer)), sequence(sequence(derTlv(0xa4, signer.issuer)), signer.serial));
  const signedAttributes = [
    derAttribute(OID.contentType, derOid(opts.contentType)),
    derAttribute(OID.messageDigest, octets(opts.digest)),
    derAttribute(OID.signingCertificateV2, sequence(sequence(essCertId))),
  ].sort(compareDer); // DER SET OF: sorted by encoding (OpenSSL re-encodes before it checks)
  const signatureValue = rawToDerEcdsa(await opts.sign(derTlv(0x31, concat(signedAttributes))));
  const unsigned = (await opts.unsignedAttributes?.(signatureValue)) ?? [];
  const signerInfo = sequence(
    INTEGER_1,
    sequence(signer.issuer, signer.serial),
    algorithm(OID.sha256),
    derTlv(0xa0, concat(signedAttributes)),
    algorithm(OID.ecdsaWithSha256),
    octets(signatureValue),
    ...(unsigned.length ? [derTlv(0xa1, concat([...unsigned].sort(compareDer)))] : []),
  );
  const encapsulated = opts.content
    ? sequence(derOid(opts.contentType), derTlv(0xa0, octets(opts.content)))
    : sequence(derOid(opts.contentType));
  const signedData = sequence(
    opts.contentType === OID.data ? INTEGER_1 : INTEGER_3,
    derTlv(0x31, algorithm(OID.sha256)),
    encapsulated,
    ...(opts.includeCertificates === false ? [] : [derTlv(0xa0, concat(opts.chain))]),
    derTlv(0x31, signerInfo),
  );
  return sequence(derOid(OID.signedData), derTlv(0xa0, signedData));
}

/**
 * One CMS attribute in DER: SEQUENCE { type, SET { value } } with `value` already DER.
 *
 * @example
 * derAttribute(OID.signatureTimeStampToken, token);
 */
export function derAttribute(type: string, value: Uint8Array): Uint8Array {
  return derTlv(0x30, concat([derOid(type), derTlv(0x31, value)]));
}

const INTEGER_1 = new Uint8Array([0x02, 0x01, 0x01]);
const INTEGER_3 = new Uint8Array([0x02, 0x01, 0x03]);

/**
 * A SignedData opened for checking: its one signer and the certificates it carries (DER).
 *
 * @example
 * const { signerCertificate, certificates } = openSignedData(cmsDer) ?? fail();
 */
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
    const parts = signedDataParts(der);
    if (!parts) return undefined;
    // Parsed without its certificates (kept as received): parsing them would cost more than the whole check.
    const rest = parts.filter((element) => element[0] !== 0xa0 && element[0] !== 0xa1);
    const signedData = AsnConvert.parse(derTlv(0x30, concat(rest)), SignedData);
    const [signerInfo, ...others] = signedData.signerInfos;
    const sid = signerInfo?.sid.issuerAndSerialNumber;
    if (!signerInfo || others.length > 0 || !sid) return undefined;
    const certificateSet = parts.find((element) => element[0] === 0xa0);
    const certificates = ((certificateSet && derChildren(certificateSet)) ?? []).filter((c) => c[0] === 0x30);
    const [signerInfoDer] = derChildren(parts.at(-1) ?? new Uint8Array(0)) ?? [];
    const [, wanted, ...fields] = (signerInfoDer && derChildren(signerInfoDer)) ?? [];
    const signerCertificate = certificates.find((candidate) => {
      const named = certificateParts(candidate);
      return named && wanted && sameBytes(derTlv(0x30, concat([named.issuer, named.serial])), wanted);
    });
    if (!signerCertificate) return undefined;
    const signedAttributes = fields.find((element) => element[0] === 0xa0);
    const single = signedData.encapContentInfo.eContent?.single;
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
  const encapContentInfo = signedDataParts(der)?.[2];
  const [, explicit] = (encapContentInfo && derChildren(encapContentInfo)) ?? [];
  const [octets] = (explicit && derChildren(explicit)) ?? [];
  return octets?.[0] === 0x04 ? derContent(octets) : undefined;
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

/** The elements of the SignedData inside a ContentInfo, by walking the DER; undefined for anything else. */
function signedDataParts(contentInfo: Uint8Array): Uint8Array[] | undefined {
  const [type, explicit] = derChildren(contentInfo) ?? [];
  if (!type || !explicit || !sameBytes(type, derOid(OID.signedData))) return undefined;
  const [signedData] = derChildren(explicit) ?? [];
  return signedData && derChildren(signedData);
}

/** Whether the first ESSCertIDv2 of a signing-certificate-v2 value names `certificate` (SHA-256 hash, issuer/serial). */
function essNamesCertificate(value: Uint8Array, certificate: Uint8Array): boolean {
  const [first] = AsnConvert.parse(value, SigningCertificateV2).certs;
  if (!first) return false;
  if (first.hashAlgorithm && first.hashAlgorithm.algorithm !== OID.sha256) return false;
  if (!sameBytes(bytes(first.certHash.buffer), sha256(certificate))) return false;
  if (!first.issuerSerial) return true;
  const serial = certificateParts(certificate)?.serial;
  const serialValue = serial && derContent(serial);
  return serialValue !== undefined && sameBytes(bytes(first.issuerSerial.serialNumber), serialValue);
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
