/**
 * {@link PdfSealer}: PAdES baseline signatures on certificate PDFs (ETSI EN 319 142-1).
 *
 * - **B-B**: an incremental update (`pdf-revision.ts`) with a CMS SignedData (`cms.ts`) over the whole file but the
 *   signature's own placeholder, signed by the `Signer` port (KMS in the cloud: the key never leaves it), with the
 *   key's certificate chain from {@link SigningCertificates}.
 * - **B-T**: where a TSA is configured, an RFC 3161 timestamp over the signature value in the CMS. A TSA that does not
 *   answer never blocks issuance: the file is B-B with `timestampPending`, and the timestamper adds a document
 *   timestamp later ({@link PadesSealer.addDocumentTimestamp}, one more incremental update).
 * - **No certificate** for the signing key (a cloud stage before the authority's CA issued one): the render is
 *   returned unsigned and `report` says so (logs and a metric).
 *
 * The placeholder is sized from the chain (and the largest timestamp token seen), so a B-B signature adds a few KB.
 *
 * @example
 * const sealer = new PadesSealer({ certificates, tsa, signatory: { name, reason, location } });
 * const sealed = await sealer.seal(rendered, signer, at); // { bytes, level: 'B-T', timestampPending: false }
 */
import { DependencyUnavailableError } from '../../domain/errors';
import type { PdfSealer, SealedPdf } from '../../ports/pdf-sealer';
import type { Signer } from '../../ports/signer';
import type { SigningCertificates } from '../../ports/signing-certificates';
import type { TimestampAuthority } from '../../ports/timestamp-authority';
import { sha256 } from './asn1';
import { signDetachedCms } from './cms';
import {
  coveredBytes,
  embedSignature,
  PlaceholderTooSmall,
  type PreparedRevision,
  prepareSignatureRevision,
} from './pdf-revision';

/** The words in the signature dictionary (shown by readers beside the signature). */
export interface Signatory {
  readonly name: string;
  readonly reason: string;
  readonly location: string;
}

/** What the sealer tells its composition (for logs and metrics). */
export type SealerEvent =
  | { readonly kind: 'no-certificate'; readonly kid: string }
  | { readonly kind: 'timestamp-failed'; readonly error: unknown };

export interface PadesSealerOptions {
  readonly certificates: SigningCertificates;
  /** Absent: every signature is B-B. */
  readonly tsa?: TimestampAuthority;
  readonly signatory: Signatory;
  readonly report?: (event: SealerEvent) => void;
}

/** The authority's signature field; document timestamps get `Permit-Timestamp-{n}`. */
export const SIGNATURE_FIELD = 'Permit-Signature';
const TIMESTAMP_FIELD = 'Permit-Timestamp';
/** Room in the placeholder beyond the certificates: signed attributes, signer info and the signature (~400 bytes). */
const CMS_OVERHEAD = 768;
/** A first guess at a timestamp token's size, until one is seen; then the largest seen plus a margin. */
const FIRST_TOKEN_GUESS = 4096;
const TOKEN_MARGIN = 256;

export class PadesSealer implements PdfSealer {
  /** The largest timestamp token seen (0: none yet). */
  #largestToken = 0;

  constructor(private readonly options: PadesSealerOptions) {}

  async seal(rendered: Uint8Array, signer: Signer, at: Date): Promise<SealedPdf> {
    const chain = await this.options.certificates.chainFor(signer.kid);
    if (!chain) {
      this.options.report?.({ kind: 'no-certificate', kid: signer.kid });
      return { bytes: rendered, level: 'unsigned', timestampPending: false };
    }
    const tsa = this.options.tsa;
    const chainBytes = chain.reduce((n, c) => n + c.length, 0);
    let reserve = chainBytes + CMS_OVERHEAD + (tsa ? this.#tokenReserve() : 0);
    for (;;) {
      const prepared = await prepareSignatureRevision(rendered, {
        kind: 'signature',
        field: SIGNATURE_FIELD,
        reserve,
        ...this.options.signatory,
        signedAt: at,
      });
      const cms = await signDetachedCms({
        digest: sha256(coveredBytes(prepared.bytes, prepared.byteRange)),
        chain,
        sign: (data) => signer.sign(data),
        ...(tsa ? { timestamp: (signature: Uint8Array) => this.#signatureTimestamp(tsa, signature) } : {}),
      });
      const bytes = this.#embed(prepared, cms.der);
      if (bytes === undefined) {
        reserve = cms.der.length + 512;
        continue;
      }
      if (cms.timestamped) return { bytes, level: 'B-T', timestampPending: false };
      return { bytes, level: 'B-B', timestampPending: tsa !== undefined };
    }
  }

  async addDocumentTimestamp(pdf: Uint8Array): Promise<Uint8Array> {
    const tsa = this.options.tsa;
    if (!tsa) throw new DependencyUnavailableError('TSA_UNAVAILABLE', 'no timestamp authority is configured');
    let reserve = this.#tokenReserve();
    for (;;) {
      const prepared = await prepareSignatureRevision(pdf, {
        kind: 'document-timestamp',
        field: TIMESTAMP_FIELD,
        reserve,
      });
      const token = await tsa.timestamp(sha256(coveredBytes(prepared.bytes, prepared.byteRange)));
      this.#largestToken = Math.max(this.#largestToken, token.length);
      const bytes = this.#embed(prepared, token);
      if (bytes !== undefined) return bytes;
      reserve = token.length + 512;
    }
  }

  /** Room for a timestamp token: the largest seen and some, or a first guess. */
  #tokenReserve(): number {
    return this.#largestToken > 0 ? this.#largestToken + TOKEN_MARGIN : FIRST_TOKEN_GUESS;
  }

  /** The signature's timestamp, or undefined (B-B) when the TSA fails: issuance never waits on it. */
  async #signatureTimestamp(tsa: TimestampAuthority, signature: Uint8Array): Promise<Uint8Array | undefined> {
    try {
      const token = await tsa.timestamp(sha256(signature));
      this.#largestToken = Math.max(this.#largestToken, token.length);
      return token;
    } catch (error) {
      this.options.report?.({ kind: 'timestamp-failed', error });
      return undefined;
    }
  }

  /** The signed file, or undefined when the CMS outgrew the placeholder (the caller signs again, larger). */
  #embed(prepared: PreparedRevision, der: Uint8Array): Uint8Array | undefined {
    try {
      return embedSignature(prepared, der);
    } catch (error) {
      if (error instanceof PlaceholderTooSmall) return undefined;
      throw error;
    }
  }
}
