/**
 * Detached CMS signatures for PAdES baseline B-B / B-T (ETSI EN 319 142-1, CAdES-B): made through a signing callback
 * (the key may live in KMS) and checked against configured trust anchors. Takes and returns DER; no PDF knowledge.
 */
import type { PdfSignatureProblem } from '../../domain/pdf-signature/finding';
import { bytes, OID, sha256, subjectLabel } from './asn1';
import { chainsToAnchor } from './chain';
import { buildSignedData, checkSigner, derAttribute, openSignedData, type RawSign } from './signed-data';
import { verifyTimestampToken } from './tsp';

/**
 * What {@link verifyDetachedCms} found; the problems are those of `PdfSignatureProblem` a CMS alone can show.
 *
 * @example
 * const v: CmsVerification = { ok: false, problem: 'digest' };
 */
export type CmsVerification =
  | {
      readonly ok: true;
      readonly signer: string;
      readonly signerCertificate: Uint8Array;
      readonly timestampedAt?: Date;
    }
  | {
      readonly ok: false;
      readonly problem: Extract<
        PdfSignatureProblem,
        'malformed' | 'digest' | 'cms-signature' | 'untrusted-chain' | 'timestamp-invalid'
      >;
    };

/**
 * Sign a SHA-256 `digest` of the signed bytes as a detached CMS SignedData: certificates = `chain` (signing
 * certificate first), signed attributes content type, message digest and signing-certificate-v2 (no signing-time),
 * ECDSA-SHA256. `sign` returns raw `r‖s` (SHA-256 applied inside, like the `Signer` port). When `timestamp` returns a
 * TimeStampToken for the DER signature value, it goes into the unsigned attribute signature-time-stamp (B-T).
 *
 * @example
 * const { der, timestamped } = await signDetachedCms({ digest: sha256(byteRanges), chain, sign: (d) => signer.sign(d),
 *   timestamp: async (value) => tsa.timestamp(sha256(value)).catch(() => undefined) });
 */
export async function signDetachedCms(opts: {
  digest: Uint8Array;
  chain: readonly Uint8Array[];
  sign: RawSign;
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array | undefined>;
}): Promise<{ der: Uint8Array; timestamped: boolean }> {
  const { timestamp } = opts;
  let timestamped = false;
  const der = await buildSignedData({
    contentType: OID.data,
    digest: opts.digest,
    chain: opts.chain,
    sign: opts.sign,
    ...(timestamp && {
      unsignedAttributes: async (signatureValue: Uint8Array) => {
        const token = await timestamp(signatureValue);
        if (!token) return undefined;
        timestamped = true;
        return [derAttribute(OID.signatureTimeStampToken, token)];
      },
    }),
  });
  return { der, timestamped };
}

/**
 * Check a detached CMS signature over bytes whose SHA-256 is `signedDigest`: message digest, content type, the
 * signature over the signed attributes, signing-certificate-v2, the chain to one of `anchors` valid at `opts.at`
 * (default: the timestamp's time, else now) and a signature timestamp if present (its TSA chained to
 * `opts.tsaAnchors ?? anchors`). Never throws.
 *
 * @example
 * const v = verifyDetachedCms(cmsDer, sha256(byteRanges), [caDer]);
 * if (v.ok) console.log(v.signer, v.timestampedAt);
 */
export function verifyDetachedCms(
  der: Uint8Array,
  signedDigest: Uint8Array,
  anchors: readonly Uint8Array[],
  opts: { at?: Date; tsaAnchors?: readonly Uint8Array[] } = {},
): CmsVerification {
  const opened = openSignedData(der);
  if (!opened || opened.content || opened.signedData.encapContentInfo.eContentType !== OID.data) {
    return { ok: false, problem: 'malformed' };
  }
  const problem = checkSigner(opened, signedDigest);
  if (problem) return { ok: false, problem };
  const timestamp = signatureTimestamp(opened.signerInfo.unsignedAttrs ?? []);
  const stamped =
    timestamp &&
    verifyTimestampToken(timestamp, sha256(bytes(opened.signerInfo.signature.buffer)), opts.tsaAnchors ?? anchors);
  const at = opts.at ?? (stamped?.ok ? stamped.genTime : new Date());
  if (!chainsToAnchor(opened.signerCertificate, opened.certificates, anchors, at)) {
    return { ok: false, problem: 'untrusted-chain' };
  }
  if (stamped && !stamped.ok) return { ok: false, problem: 'timestamp-invalid' };
  return {
    ok: true,
    signer: subjectLabel(opened.signerCertificate),
    signerCertificate: opened.signerCertificate,
    ...(stamped?.ok ? { timestampedAt: stamped.genTime } : {}),
  };
}

/** The one signature-time-stamp token among unsigned attributes (undefined if none; a broken one is kept as bytes). */
function signatureTimestamp(
  attributes: readonly { attrType: string; attrValues: ArrayBuffer[] }[],
): Uint8Array | undefined {
  const found = attributes.find((a) => a.attrType === OID.signatureTimeStampToken);
  if (!found) return undefined;
  const [value] = found.attrValues;
  return value ? bytes(value) : new Uint8Array(0);
}
