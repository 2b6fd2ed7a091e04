/**
 * {@link PdfSealer} that stands in for PAdES: it appends a marker with a random nonce (a real ECDSA signature also
 * differs on every attempt), so the render stays a byte-identical prefix and two attempts never give the same file.
 * `mode` says what it returns: `B-T` (a TSA answered), `tsa-down` (B-B, a timestamp pending), `B-B` (no TSA
 * configured), `unsigned` (no certificate configured: the render unchanged). `addDocumentTimestamp` appends a second
 * marker, or throws `TSA_UNAVAILABLE` while the mode is `tsa-down`.
 *
 * @example
 * const sealer = new FakePdfSealer('tsa-down');
 * await issueCertificate(fakeIssuanceDeps(world, { sealer }), input); // B-B, a pdfTimestamps message written
 */
import { randomBytes } from 'node:crypto';
import { DependencyUnavailableError } from '../../../lambdas/domain/errors';
import type { PdfSealer, SealedPdf } from '../../../lambdas/ports/pdf-sealer';
import type { Signer } from '../../../lambdas/ports/signer';

export type FakeSealerMode = 'B-T' | 'tsa-down' | 'B-B' | 'unsigned';

export class FakePdfSealer implements PdfSealer {
  /** How many files it signed, and how many document timestamps it added. */
  sealed = 0;
  timestamped = 0;

  constructor(public mode: FakeSealerMode = 'B-T') {}

  async seal(rendered: Uint8Array, signer: Signer, _at: Date): Promise<SealedPdf> {
    if (this.mode === 'unsigned') return { bytes: rendered, level: 'unsigned', timestampPending: false };
    this.sealed++;
    const bytes = append(rendered, `%signature ${signer.kid} ${randomBytes(8).toString('hex')}\n`);
    if (this.mode === 'B-T') return { bytes, level: 'B-T', timestampPending: false };
    return { bytes, level: 'B-B', timestampPending: this.mode === 'tsa-down' };
  }

  async addDocumentTimestamp(pdf: Uint8Array): Promise<Uint8Array> {
    if (this.mode === 'tsa-down' || this.mode === 'B-B') {
      throw new DependencyUnavailableError('TSA_UNAVAILABLE', 'the timestamp authority did not answer');
    }
    this.timestamped++;
    return append(pdf, `%document-timestamp ${randomBytes(8).toString('hex')}\n`);
  }
}

function append(bytes: Uint8Array, text: string): Uint8Array {
  const tail = new TextEncoder().encode(text);
  const out = new Uint8Array(bytes.length + tail.length);
  out.set(bytes, 0);
  out.set(tail, bytes.length);
  return out;
}
