/**
 * RFC 3161 time-stamping: the request Permit sends, the token it takes from a response, the check of a token, and a
 * real time-stamping authority for the local runtime and tests ({@link LocalTimestampAuthority}). SHA-256 only.
 */
import { type KeyObject, sign, X509Certificate } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  Accuracy,
  MessageImprint,
  PKIFailureInfo,
  PKIFreeText,
  PKIStatus,
  PKIStatusInfo,
  TimeStampReq,
  TimeStampResp,
  TSTInfo,
} from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { DependencyUnavailableError } from '../../domain/errors';
import type { Clock } from '../../ports/clock';
import { bytes, copyBuffer, derChildren, derTlv, OID, positiveSerial, sameBytes, sha256, subjectLabel } from './asn1';
import { chainsToAnchor } from './chain';
import { buildSignedData, checkSigner, encapsulatedContent, openSignedData } from './signed-data';

/**
 * A DER TimeStampReq for a SHA-256 `digest`: version 1, certReq true, with `nonce` when given.
 *
 * @example
 * const body = timestampRequest(sha256(signatureValue), 42n); // POST as application/timestamp-query
 */
export function timestampRequest(digest: Uint8Array, nonce?: bigint): Uint8Array {
  const request = new TimeStampReq({
    version: 1,
    messageImprint: imprint(digest),
    certReq: true,
    ...(nonce === undefined ? {} : { nonce: integerBytes(nonce) }),
  });
  return bytes(AsnConvert.serialize(request));
}

/**
 * The TimeStampToken (DER, byte for byte as the TSA sent it) of a TimeStampResp, after checking that it was granted
 * and that its message imprint is `digest`. Throws `DependencyUnavailableError` `TSA_UNAVAILABLE` otherwise.
 *
 * @example
 * const token = tokenFromResponse(new Uint8Array(await response.arrayBuffer()), digest);
 */
export function tokenFromResponse(responseDer: Uint8Array, digest: Uint8Array): Uint8Array {
  // Walked rather than parsed whole: the token is handed on byte for byte, and its certificates need no parsing here.
  const [statusDer, token, ...extra] = derChildren(responseDer) ?? [];
  let statusInfo: PKIStatusInfo;
  try {
    if (!statusDer || extra.length > 0) throw new TypeError('not a SEQUENCE of status and token');
    statusInfo = AsnConvert.parse(statusDer, PKIStatusInfo);
  } catch (cause) {
    throw unavailable('the TSA answered with something that is not a TimeStampResp', cause);
  }
  const status = statusInfo.status;
  if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods) {
    throw unavailable(`the TSA refused (status ${status}${statusText(statusInfo)})`);
  }
  const info = token && tstInfoOf(token);
  if (!token || !info) throw unavailable('the TSA granted but sent no readable token');
  if (
    info.messageImprint.hashAlgorithm.algorithm !== OID.sha256 ||
    !sameBytes(bytes(info.messageImprint.hashedMessage.buffer), digest)
  ) {
    throw unavailable('the TSA timestamped other data than was asked');
  }
  return token;
}

/**
 * Check a TimeStampToken over `digest`: its CMS signature (SignedData of a TSTInfo, signed attributes), the message
 * imprint, the TSA certificate's timeStamping extended key usage and its chain to `anchors` at the token's time.
 * Never throws.
 *
 * @example
 * const t = verifyTimestampToken(token, sha256(signatureValue), [caDer]);
 * if (t.ok) console.log(t.genTime.toISOString(), t.tsa);
 */
export function verifyTimestampToken(
  token: Uint8Array,
  digest: Uint8Array,
  anchors: readonly Uint8Array[],
): { ok: true; genTime: Date; tsa: string } | { ok: false } {
  try {
    const opened = openSignedData(token);
    if (!opened?.content || opened.signedData.encapContentInfo.eContentType !== OID.tstInfo) return { ok: false };
    if (checkSigner(opened, sha256(opened.content))) return { ok: false };
    const info = AsnConvert.parse(opened.content, TSTInfo);
    const { hashAlgorithm, hashedMessage } = info.messageImprint;
    if (hashAlgorithm.algorithm !== OID.sha256 || !sameBytes(bytes(hashedMessage.buffer), digest)) return { ok: false };
    const tsaCertificate = new X509Certificate(opened.signerCertificate);
    if (!(tsaCertificate.keyUsage ?? []).includes(OID.timeStamping)) return { ok: false };
    if (!chainsToAnchor(opened.signerCertificate, opened.certificates, anchors, info.genTime)) return { ok: false };
    return {
      ok: true,
      genTime: info.genTime,
      tsa: subjectLabel(opened.signerCertificate),
    };
  } catch {
    return { ok: false };
  }
}

/**
 * A real RFC 3161 time-stamping authority in this process, for the local runtime and tests: P-256 key, its
 * certificate chain (TSA certificate first, EKU timeStamping), a clock and a policy OID.
 *
 * @example
 * const tsa = new LocalTimestampAuthority({ privateKey, chain: [tsaCert, caCert], clock, policy: '1.3.6.1.4.1.99999.1' });
 * const response = await tsa.respond(timestampRequest(digest)); // DER TimeStampResp, granted
 */
export class LocalTimestampAuthority {
  constructor(
    private readonly opts: {
      readonly privateKey: KeyObject;
      readonly chain: readonly Uint8Array[];
      readonly clock: Clock;
      readonly policy: string;
    },
  ) {}

  /** A DER TimeStampResp: granted with a token, or a rejection (never a throw) for a request it cannot serve. */
  async respond(requestDer: Uint8Array): Promise<Uint8Array> {
    let request: TimeStampReq;
    try {
      request = AsnConvert.parse(requestDer, TimeStampReq);
    } catch {
      return rejection('badDataFormat', 'not a TimeStampReq');
    }
    const { hashAlgorithm, hashedMessage } = request.messageImprint;
    if (request.version !== 1) return rejection('badDataFormat', 'unsupported version');
    if (hashAlgorithm.algorithm !== OID.sha256 || hashedMessage.byteLength !== 32) {
      return rejection('badAlg', 'only SHA-256 imprints are served');
    }
    if (request.reqPolicy && request.reqPolicy !== this.opts.policy) {
      return rejection('unacceptedPolicy', 'unknown policy');
    }
    const info = new TSTInfo({
      version: 1,
      policy: this.opts.policy,
      messageImprint: request.messageImprint,
      serialNumber: positiveSerial(),
      genTime: this.opts.clock.now(),
      accuracy: new Accuracy({ seconds: 1 }),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const content = bytes(AsnConvert.serialize(info));
    const { privateKey } = this.opts;
    const token = await buildSignedData({
      contentType: OID.tstInfo,
      content,
      digest: sha256(content),
      chain: this.opts.chain,
      includeCertificates: request.certReq,
      sign: async (data) => new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
    });
    const status = bytes(AsnConvert.serialize(new PKIStatusInfo({ status: PKIStatus.granted })));
    return derTlv(0x30, new Uint8Array([...status, ...token]));
  }
}

/** RFC 3161 PKIFailureInfo bit numbers (the library's flag values do not match the named bits). */
const FAILURE_BIT = { badAlg: 0, badDataFormat: 5, unacceptedPolicy: 15 } as const;

function rejection(failure: keyof typeof FAILURE_BIT, text: string): Uint8Array {
  const bit = FAILURE_BIT[failure];
  const value = new Uint8Array((bit >> 3) + 1);
  value[bit >> 3] = 0x80 >> (bit & 7);
  const status = new PKIStatusInfo({
    status: PKIStatus.rejection,
    statusString: new PKIFreeText([text]),
    failInfo: new PKIFailureInfo(value, 7 - (bit & 7)),
  });
  return bytes(AsnConvert.serialize(new TimeStampResp({ status })));
}

function imprint(digest: Uint8Array): MessageImprint {
  return new MessageImprint({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: OID.sha256 }),
    hashedMessage: new OctetString(copyBuffer(digest)),
  });
}

/** A bigint as the bytes of a positive, minimal DER INTEGER. */
function integerBytes(value: bigint): ArrayBuffer {
  if (value < 0n) throw new RangeError('a nonce is a non-negative integer');
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return copyBuffer(new Uint8Array(Buffer.from(hex, 'hex')));
}

function tstInfoOf(token: Uint8Array): TSTInfo | undefined {
  const content = encapsulatedContent(token);
  try {
    return content && AsnConvert.parse(content, TSTInfo);
  } catch {
    return undefined;
  }
}

function statusText(status: PKIStatusInfo): string {
  const text = [...(status.statusString ?? [])].join('; ');
  return text ? `: ${text}` : '';
}

const unavailable = (message: string, cause?: unknown) =>
  new DependencyUnavailableError('TSA_UNAVAILABLE', message, cause === undefined ? undefined : { cause });
