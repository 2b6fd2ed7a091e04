/**
 * In-memory {@link PdfSealer}: "signs" by appending a marker (so the render stays a byte-identical prefix, as the
 * adapter's incremental update keeps it) and adds a document timestamp by appending another, each one unique (a real
 * timestamp differs every time). Its TSA is up or down at will: down, `seal` answers B-B with `timestampPending`, and
 * `addDocumentTimestamp` throws `DependencyUnavailableError` `TSA_UNAVAILABLE`, as the adapter does.
 *
 * @example
 * const sealer = new FakePdfSealer();
 * sealer.tsa = 'down';
 * (await sealer.seal(rendered, signer, at)).level; // 'B-B'
 */
import { DependencyUnavailableError } from '../../../lambdas/domain/errors';
import type { PdfSealer, SealedPdf } from '../../../lambdas/ports/pdf-sealer';

const append = (bytes: Uint8Array, text: string): Uint8Array =>
  new Uint8Array(Buffer.concat([Buffer.from(bytes), Buffer.from(text, 'latin1')]));

export class FakePdfSealer implements PdfSealer {
  /** Whether the TSA answers. */
  tsa: 'up' | 'down' = 'up';
  /** Document timestamps added so far. */
  timestamps = 0;

  async seal(rendered: Uint8Array): Promise<SealedPdf> {
    const signed = append(rendered, '\n% fake PAdES signature\n');
    if (this.tsa === 'down') return { bytes: signed, level: 'B-B', timestampPending: true };
    return { bytes: append(signed, '% fake signature timestamp\n'), level: 'B-T', timestampPending: false };
  }

  async addDocumentTimestamp(pdf: Uint8Array): Promise<Uint8Array> {
    if (this.tsa === 'down') throw tsaUnavailable();
    this.timestamps += 1;
    return append(pdf, `\n% fake document timestamp ${this.timestamps} ${process.hrtime.bigint()}\n`);
  }
}

/**
 * The error the sealer throws while its TSA does not answer.
 *
 * @example
 * await expect(sealer.addDocumentTimestamp(pdf)).rejects.toMatchObject({ code: 'TSA_UNAVAILABLE' });
 */
export const tsaUnavailable = (): DependencyUnavailableError =>
  // The code joins the catalogue with the sealer's adapter (issue 18); until then, the type is asserted here.
  new DependencyUnavailableError(
    'TSA_UNAVAILABLE' as 'SIGNER_UNAVAILABLE',
    'the time-stamping authority did not answer',
  );
