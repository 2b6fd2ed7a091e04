/**
 * Shared ASN.1 pieces of the PAdES crypto modules: object identifiers, the ESS signing-certificate-v2 attribute
 * (RFC 5035, absent from the @peculiar packages), DER helpers and name reading. No PDF knowledge.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  AsnConvert,
  AsnIntegerArrayBufferConverter,
  AsnProp,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
  OctetString,
} from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, GeneralNames, Name } from '@peculiar/asn1-x509';

/**
 * Object identifiers used across the PAdES modules.
 *
 * @example
 * new AlgorithmIdentifier({ algorithm: OID.sha256 });
 */
export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  commonName: '2.5.4.3',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/**
 * ```asn1
 * IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
 * ```
 * @example
 * new IssuerSerial({ issuer: new GeneralNames([new GeneralName({ directoryName })]), serialNumber });
 */
export class IssuerSerial {
  issuer = new GeneralNames();
  serialNumber = new ArrayBuffer(0);
  constructor(params: Partial<IssuerSerial> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: GeneralNames })(IssuerSerial.prototype, 'issuer');
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(
  IssuerSerial.prototype,
  'serialNumber',
);

/**
 * ```asn1
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {id-sha256}, certHash OCTET STRING,
 *   issuerSerial IssuerSerial OPTIONAL }
 * ```
 * @example
 * new EssCertIdV2({ certHash: new OctetString(sha256(certDer)), issuerSerial });
 */
export class EssCertIdV2 {
  hashAlgorithm?: AlgorithmIdentifier;
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
  constructor(params: Partial<EssCertIdV2> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AlgorithmIdentifier, optional: true })(EssCertIdV2.prototype, 'hashAlgorithm');
AsnProp({ type: OctetString })(EssCertIdV2.prototype, 'certHash');
AsnProp({ type: IssuerSerial, optional: true })(EssCertIdV2.prototype, 'issuerSerial');

/**
 * ```asn1
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies SEQUENCE OF PolicyInformation OPTIONAL }
 * ```
 * @example
 * AsnConvert.serialize(new SigningCertificateV2({ certs: [essCertId] }));
 */
export class SigningCertificateV2 {
  certs: EssCertIdV2[] = [];
  constructor(params: Partial<SigningCertificateV2> = {}) {
    Object.assign(this, params);
  }
}
AsnType({ type: AsnTypeTypes.Sequence })(SigningCertificateV2);
AsnProp({ type: EssCertIdV2, repeated: 'sequence' })(SigningCertificateV2.prototype, 'certs');

/**
 * SHA-256 of `data`.
 *
 * @example
 * const digest = sha256(signedBytes); // 32 bytes
 */
export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/**
 * A view of an ArrayBuffer the ASN.1 library returns.
 *
 * @example
 * const der = bytes(AsnConvert.serialize(certificate));
 */
export function bytes(buffer: ArrayBuffer): Uint8Array {
  return new Uint8Array(buffer);
}

/**
 * A fresh ArrayBuffer holding a copy of `view` (the ASN.1 library keeps ArrayBuffers, not views into larger ones).
 *
 * @example
 * new OctetString(copyBuffer(digest));
 */
export function copyBuffer(view: Uint8Array): ArrayBuffer {
  return view.slice().buffer as ArrayBuffer;
}

/**
 * A random positive INTEGER of 16 bytes, minimal in DER (first byte 0x40–0x7f): certificate and TSTInfo serials.
 *
 * @example
 * new TBSCertificate({ serialNumber: positiveSerial(), … });
 */
export function positiveSerial(): ArrayBuffer {
  const serial = new Uint8Array(randomBytes(16));
  serial[0] = ((serial[0] as number) & 0x3f) | 0x40;
  return serial.buffer;
}

/**
 * DER bytes in the order DER wants a SET OF: by their encodings, as unsigned bytes, shorter first on a tie.
 *
 * @example
 * [a, b].sort(compareDer);
 */
export function compareDer(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * The first value of the first attribute of `type` in `name` (e.g. the common name), as text.
 *
 * @example
 * nameValue(certificate.tbsCertificate.subject, OID.commonName); // '湖北省市场监督管理局 电子证照签章'
 */
export function nameValue(name: Name, type: string): string | undefined {
  for (const rdn of name) for (const atv of rdn) if (atv.type === type) return atv.value.toString();
  return undefined;
}

/**
 * Who a certificate (DER) names: its subject common name, else its organisation, else ''. Throws for a certificate
 * that cannot be read.
 *
 * @example
 * subjectLabel(signerCertificateDer); // '湖北省市场监督管理局 电子证照签章'
 */
export function subjectLabel(certificate: Uint8Array): string {
  const parts = certificateParts(certificate);
  if (!parts) throw new TypeError('not a certificate');
  const subject = AsnConvert.parse(parts.subject, Name);
  return nameValue(subject, OID.commonName) ?? nameValue(subject, OID.organization) ?? '';
}

/**
 * The exact encodings of a certificate's issuer and subject Names and its serialNumber INTEGER, found by walking the
 * DER (no full parse: these are needed on every signature, and parsing a certificate costs far more).
 *
 * @example
 * const { issuer, serial } = certificateParts(signerCertificateDer) ?? fail();
 */
export function certificateParts(
  certificate: Uint8Array,
): { issuer: Uint8Array; serial: Uint8Array; subject: Uint8Array } | undefined {
  const [tbs] = derChildren(certificate) ?? [];
  const fields = (tbs && derChildren(tbs)) ?? [];
  const [serial, , issuer, , subject] = fields[0]?.[0] === 0xa0 ? fields.slice(1) : fields;
  if (serial?.[0] !== 0x02 || issuer?.[0] !== 0x30 || subject?.[0] !== 0x30) return undefined;
  return { issuer, serial, subject };
}

/**
 * The content octets of one definite-length DER element (e.g. an INTEGER's value, an OCTET STRING's bytes).
 *
 * @example
 * derContent(serialIntegerTlv); // the serial number's bytes
 */
export function derContent(element: Uint8Array): Uint8Array | undefined {
  const header = derHeader(element, 0);
  return header && header.end === element.length ? element.subarray(header.contentStart) : undefined;
}

/**
 * The DER encoding of an OBJECT IDENTIFIER (e.g. an attribute value of content type).
 *
 * @example
 * derOid(OID.data); // 06 09 2a 86 48 86 f7 0d 01 07 01
 */
export function derOid(oid: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = oid.split('.').map(Number);
  const body: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const septets = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) septets.unshift((v & 0x7f) | 0x80);
    body.push(...septets);
  }
  return derTlv(0x06, new Uint8Array(body));
}

/**
 * One DER element: tag, definite length, content.
 *
 * @example
 * derTlv(0x31, concat(sortedAttributeEncodings)); // the SET OF signed attributes that is signed
 */
export function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const length =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(1 + length.length + n);
  out.set([tag, ...length]);
  out.set(content, 1 + length.length);
  return out;
}

/**
 * The exact encodings of the children of a constructed, definite-length DER element (undefined when `der` is not
 * one), so a nested element can be handed on byte for byte rather than re-encoded.
 *
 * @example
 * const [status, token] = derChildren(timeStampRespDer) ?? [];
 */
export function derChildren(der: Uint8Array): Uint8Array[] | undefined {
  const outer = derHeader(der, 0);
  if (!outer || outer.end !== der.length || !((der[0] as number) & 0x20)) return undefined;
  const children: Uint8Array[] = [];
  for (let at = outer.contentStart; at < outer.end; ) {
    const child = derHeader(der, at);
    if (!child || child.end > outer.end) return undefined;
    children.push(der.subarray(at, child.end));
    at = child.end;
  }
  return children;
}

/** Where an element's content starts and where it ends (low-tag-number form, definite lengths only). */
function derHeader(der: Uint8Array, at: number): { contentStart: number; end: number } | undefined {
  const first = der[at + 1];
  if (first === undefined || (der[at] as number) % 32 === 31) return undefined;
  if (first < 0x80) return { contentStart: at + 2, end: at + 2 + first };
  const count = first & 0x7f;
  if (count === 0 || count > 4 || at + 2 + count > der.length) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (der[at + 2 + i] as number);
  return { contentStart: at + 2 + count, end: at + 2 + count + length };
}

/**
 * Byte equality.
 *
 * @example
 * sameBytes(attributeDigest, signedDigest);
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareDer(a, b) === 0;
}
