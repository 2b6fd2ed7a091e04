/**
 * Port: signs a rendered certificate PDF as PAdES (the authority's signature, ECDSA P-256 through the `Signer` port,
 * so the key never leaves KMS) and adds document timestamps later. Adapter: `lambdas/adapters/pades/pades-sealer.ts`.
 */
import type { PadesLevel } from '../domain/pdf-signature/finding';
import type { Signer } from './signer';

/**
 * The signed file:
 * - `B-T`: signed and timestamped;
 * - `B-B` with `timestampPending`: a TSA is configured but did not answer — a document timestamp is to be added later;
 * - `B-B` without: no TSA is configured;
 * - `unsigned`: no certificate is configured for the signing key (`bytes` is the render, unchanged).
 */
export type SealedPdf =
  | { readonly bytes: Uint8Array; readonly level: PadesLevel; readonly timestampPending: boolean }
  | { readonly bytes: Uint8Array; readonly level: 'unsigned'; readonly timestampPending: false };

/**
 * @example
 * const sealed = await sealer.seal(rendered, signer, at); // sealed.level === 'B-T'
 * const upgraded = await sealer.addDocumentTimestamp(sealed.bytes); // B-B → B-T
 */
export interface PdfSealer {
  /** Append the authority's signature as an incremental update: `rendered` stays a byte-identical prefix. */
  seal(rendered: Uint8Array, signer: Signer, at: Date): Promise<SealedPdf>;
  /**
   * Append a document timestamp (an incremental update). Throws `DependencyUnavailableError` `TSA_UNAVAILABLE` when
   * the TSA does not answer, and when none is configured.
   */
  addDocumentTimestamp(pdf: Uint8Array): Promise<Uint8Array>;
}
