/**
 * Wiring of the PDF sealer (PAdES): the signing certificates of each key and the TSA from configuration.
 *
 * @example
 * const sealed = await pdfSealer().seal(rendered, await signer(), at);
 */
import type { PdfSealer } from '../ports/pdf-sealer';
import { once } from './once';

/** The process-wide sealer. */
export const pdfSealer = once<PdfSealer>(() => {
  throw new Error('pdf sealer: not wired yet (issue 18 in progress)');
});
