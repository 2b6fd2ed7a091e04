/**
 * In-memory {@link PdfSealer}: "signs" by appending a marker with a random nonce (the render stays a byte-identical
 * prefix, as the adapter's incremental update keeps it, and two attempts never give the same file — a real ECDSA
 * signature also differs every time) and adds a document timestamp by appending another. Its TSA is `up`, `down` (seal
 * answers B-B with `timestampPending`; `addDocumentTimestamp` throws `TSA_UNAVAILABLE`, as the adapter does) or `none`
 * (no TSA configured: B-B, nothing pending); without a `certificate` it returns the render unsigned.
 *
 * @example
 * const sealer = new FakePdfSealer();
 * sealer.tsa = 'down';
 * (await sealer.seal(rendered, signer, at)).level; // 'B-B'
 */
import { randomBytes } from 'node:crypto';
import { DependencyUnavailableError } from '../../../lambdas/domain/errors';
import type { PdfSealer, SealedPdf } from '../../../lambdas/ports/pdf-sealer';

const append = (bytes: Uint8Array, text: string): Uint8Array =>
  new Uint8Array(Buffer.concat([Buffer.from(bytes), Buffer.from(text, 'latin1')]));

export class FakePdfSealer implements PdfSealer {
  /** Whether the TSA answers (`none`: no TSA configured). */
  tsa: 'up' | 'down' | 'none' = 'up';
  /** Whether the signing key has a certificate (without one, PDFs are issued unsigned). */
  certificate = true;
  /** Files signed and document timestamps added so far. */
  sealed = 0;
  timestamps = 0;

  async seal(rendered: Uint8Array): Promise<SealedPdf> {
    if (!this.certificate) return { bytes: rendered, level: 'unsigned', timestampPending: false };
    this.sealed += 1;
    const signed = append(rendered, `\n% fake PAdES signature ${randomBytes(8).toString('hex')}\n`);
    if (this.tsa !== 'up') return { bytes: signed, level: 'B-B', timestampPending: this.tsa === 'down' };
    return { bytes: append(signed, '% fake signature timestamp\n'), level: 'B-T', timestampPending: false };
  }

  async addDocumentTimestamp(pdf: Uint8Array): Promise<Uint8Array> {
    if (this.tsa !== 'up') throw tsaUnavailable();
    this.timestamps += 1;
    return append(pdf, `\n% fake document timestamp ${this.timestamps} ${randomBytes(8).toString('hex')}\n`);
  }
}

/**
 * The error the sealer throws while its TSA does not answer.
 *
 * @example
 * await expect(sealer.addDocumentTimestamp(pdf)).rejects.toMatchObject({ code: 'TSA_UNAVAILABLE' });
 */
export const tsaUnavailable = (): DependencyUnavailableError =>
  new DependencyUnavailableError('TSA_UNAVAILABLE', 'the time-stamping authority did not answer');
