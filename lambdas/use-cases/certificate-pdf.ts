/**
 * A certificate PDF from render to store: the render (byte-identical for the same input), the authority's PAdES
 * signature over it (`PdfSealer`), and the stored file. Issuance and reprints both make their PDFs here.
 *
 * The signed file differs on every attempt (ECDSA signatures are randomised), so only the attempt whose transaction
 * commits is recorded and served; a lost attempt's file is an orphan the sweep removes. When the TSA did not answer,
 * the file is B-B and an outbox message (written with the caller's transaction) asks for a document timestamp later.
 *
 * @example
 * const made = await makeCertificatePdf(deps, { printable, qrText, at, keyOf: (sha) => pdfKey(no, 1, sha), target });
 * parts.push(...made.parts); // the timestamp request, when one is needed
 */
import { createHash } from 'node:crypto';
import type { PrintableCertificate } from '../domain/certificate';
import type { StoredPdf } from '../domain/pdf-signature/stored-pdf';
import type { CertificateRenderer } from '../ports/certificate-renderer';
import type { PdfSealer } from '../ports/pdf-sealer';
import type { PdfStore } from '../ports/pdf-store';
import type { Signer } from '../ports/signer';
import type { OutboxMessage, TransactionPart } from '../ports/transaction-parts';
import { pdfTimestampMessage, type TimestampTarget } from './pdf-timestamps/message';

/**
 * The log line of a certificate PDF issued without a PDF signature (no certificate for the signing key): a metric
 * filter counts it and alarms (`lib/stacks/stateless-stack.ts`).
 *
 * @example
 * logger.warn(PDF_UNSIGNED, { kid });
 */
export const PDF_UNSIGNED = 'certificate PDF issued without a PDF signature: no certificate for the signing key';
/**
 * The log line of a PDF signature made without its timestamp (the TSA did not answer; the timestamper adds it later).
 *
 * @example
 * logger.warn(PDF_TIMESTAMP_DEFERRED, { error });
 */
export const PDF_TIMESTAMP_DEFERRED = 'certificate PDF signed without a timestamp: the TSA did not answer';

export interface CertificatePdfDeps {
  readonly renderer: CertificateRenderer;
  readonly sealer: PdfSealer;
  readonly pdfs: PdfStore;
}

/** A stored certificate PDF, and what the caller writes and publishes with its commit. */
export interface MadeCertificatePdf {
  readonly pdf: StoredPdf;
  /** The timestamp request's outbox part (B-B while a TSA is configured), else none. */
  readonly parts: readonly TransactionPart[];
  readonly messages: readonly OutboxMessage[];
}

/**
 * SHA-256 of bytes, lower-case hex (PDF object keys and digests).
 *
 * @example
 * sha256Hex(new Uint8Array()); // 'e3b0c442…'
 */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Render, sign and store a certificate PDF.
 *
 * @example
 * const made = await makeCertificatePdf(deps, { printable: c.printable(), qrText, signer, at, keyOf, target });
 */
export async function makeCertificatePdf(
  deps: CertificatePdfDeps,
  input: {
    readonly printable: PrintableCertificate;
    readonly qrText: string;
    readonly signer: Signer;
    readonly at: Date;
    /** The object key for the signed file's digest. */
    readonly keyOf: (sha256: string) => string;
    /** Which record the file belongs to (for a later timestamp). */
    readonly target: TimestampTarget;
  },
): Promise<MadeCertificatePdf> {
  const rendered = await deps.renderer.render(input.printable, input.qrText);
  const sealed = await deps.sealer.seal(rendered, input.signer, input.at);
  const stored = await deps.pdfs.put(input.keyOf(sha256Hex(sealed.bytes)), sealed.bytes);
  const pdf: StoredPdf = sealed.level === 'unsigned' ? stored : { ...stored, pades: sealed.level };
  if (!sealed.timestampPending) return { pdf, parts: [], messages: [] };
  const message = pdfTimestampMessage(input.target, input.at);
  return { pdf, parts: [{ kind: 'outbox', message }], messages: [message] };
}
